/**
 * An adaptive run in the web report (Chromium, file://): its own board with R1..RN, Δ, flip rate
 * and the attacker's outcomes, and none of the frozen boards. Skips when Chromium is missing.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAdaptiveLeaderboard } from '@sc-safety/results';
import type { AdaptiveRecord, ResultsFile } from '@sc-safety/results';
import { renderReport, syntheticResults, templatePath } from '../../apps/report/src/node/index.js';
import { adaptiveFollowups } from '../../packages/core/src/followups/__fixtures__/adaptive-followups.js';
import { CHROMIUM_PATH, chromiumAvailable, launchChromium } from '../../apps/report/src/testing/chromium.js';
import type { Browser, Page } from '../../apps/report/src/testing/chromium.js';
import { prerequisite } from '../support/prerequisite.js';

describe.runIf(prerequisite(chromiumAvailable(), `Chromium at ${CHROMIUM_PATH}`, 'apt-get install -y chromium'))(
  'web report: an adaptive run',
  () => {
    let browser: Browser;
    let page: Page;
    let results: ResultsFile;

    beforeAll(async () => {
      if (!existsSync(templatePath()))
        throw new Error(`${templatePath()} missing: build the report first (pnpm --filter @sc-safety/report build)`);
      const base = syntheticResults({ modelIds: ['alpha', 'beta'], pairs: 22, seed: 9, bootstrapIterations: 0 });
      const records: AdaptiveRecord[] = ['alpha', 'beta'].flatMap((model, m) =>
        ['i1', 'i2', 'i3'].flatMap((itemId, i) => [
          { model, itemId, round: 1, outcome: 'scored', score: 2 },
          {
            model,
            itemId,
            round: 2,
            outcome: 'scored',
            score: m === 1 && i === 0 ? 0 : 2,
            followup: { outcome: 'ok' },
          },
          i === 2
            ? { model, itemId, round: 3, outcome: 'not_asked', score: null, followup: { outcome: 'attacker_refused' } }
            : { model, itemId, round: 3, outcome: 'scored', score: 1, followup: { outcome: 'ok' } },
        ]),
      );
      const adaptiveLeaderboard = buildAdaptiveLeaderboard(records, base.models, { turns: 3 });
      const followups = adaptiveFollowups('qwen-max');
      results = { ...base, schemaVersion: 3, manifest: { ...base.manifest, followups }, adaptiveLeaderboard };
      const { html } = await renderReport([{ label: 'adaptive', results }]);
      const file = path.join(await mkdtemp(path.join(tmpdir(), 'sc-report-adaptive-')), 'index.html');
      await writeFile(file, html);
      browser = await launchChromium();
      page = await browser.newPage();
      await page.goto(`${pathToFileURL(file).href}#/`);
      await page.locator('.main').waitFor();
    }, 120_000);

    afterAll(async () => {
      await browser?.close();
    });

    it('shows the adaptive board with every round, Δ, flips and attacker outcomes, and no frozen board', async () => {
      const board = page.getByTestId('adaptive-board');
      await board.waitFor();
      expect(await page.locator('[data-testid=board-table]').count()).toBe(0);
      const head = await board.locator('[data-testid=adaptive-rounds] thead th').allTextContents();
      expect(head.slice(0, 5)).toEqual([expect.any(String), 'R1', 'R2', 'R3', 'Δ3']);
      const rows = await board
        .locator('[data-testid=adaptive-rounds] tbody tr')
        .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
      const beta = adaptiveLeaderboard().models.beta!;
      expect(rows.map((r) => r[0])).toEqual(adaptiveLeaderboard().ranking);
      const betaRow = rows.find((r) => r[0] === 'beta')!;
      expect(betaRow.slice(1, 4)).toEqual(beta.rounds.map((r) => r.score!.toFixed(2)));
      expect(betaRow[5]).toBe(`${(100 * beta.flipRate!).toFixed(1)}%`);
      const outcomes = await board.locator('[data-testid=adaptive-attacker-outcomes]').textContent();
      expect(outcomes).toContain('attacker_refused');
    });

    const adaptiveLeaderboard = () => results.adaptiveLeaderboard!;
  },
);
