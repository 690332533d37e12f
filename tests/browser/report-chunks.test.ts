/**
 * A big report's answers as chunk files beside the page (`sc-safety report` past the inline budget),
 * in Chromium from file:// with every non-file request blocked: the boards open without loading a
 * chunk, the transcripts load each chunk once (through `<script>` tags the page's CSP lets only the
 * app add), and a missing chunk folder is said, not a blank page.
 */
import { rename, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticResults, writeReport } from '../../apps/report/src/node/index.js';
import { collectCspViolations, launchChromium, offlineContext } from '../../apps/report/src/testing/chromium.js';
import type { Browser, BrowserContext, Page } from '../../apps/report/src/testing/chromium.js';
import { chromiumReady } from '../support/chromium.js';

describe.runIf(chromiumReady())('web report with chunk files (file://, network blocked)', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let fileUrl: string;
  let dataDir: string;
  let hostileCount = 0;
  const answers = 3 * 44 * 2;
  const requests: string[] = [];
  const blocked: string[] = [];
  const cspViolations: string[] = [];

  beforeAll(async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'sc-report-chunks-'));
    const results = syntheticResults({
      models: 3,
      pairs: 44,
      seed: 9,
      bootstrapIterations: 0,
      hostileTexts: [`<img src=x onerror="window.__pwned='chunk'">`],
    });
    hostileCount = results.answers.filter((a) => a.text.includes('onerror')).length;
    await writeFile(path.join(dir, 'results.json'), JSON.stringify(results));
    const written = await writeReport([dir], path.join(dir, 'report'), { inlineAnswers: 0, chunkAnswers: 50 });
    dataDir = written.dataDir!;
    expect(await readdir(dataDir)).toHaveLength(Math.ceil(answers / 50));
    fileUrl = pathToFileURL(written.file).href;
    browser = await launchChromium();
    context = await offlineContext(browser, { viewport: { width: 1280, height: 800 }, blocked, requests });
    await collectCspViolations(context, cspViolations);
    page = await context.newPage();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  const chunkRequests = () => requests.filter((u) => u.includes(`/${path.basename(dataDir)}/`));

  it('opens the boards without loading any chunk, and the transcripts with every chunk once', async () => {
    await page.goto(`${fileUrl}#/`);
    await page.locator('[data-testid=board-table][data-board=overall] tbody tr').first().waitFor();
    expect(chunkRequests()).toEqual([]);
    await page.getByTestId('nav-transcripts').click();
    await expect.poll(async () => Number(await page.getByTestId('result-count').getAttribute('data-n'))).toBe(answers);
    expect(new Set(chunkRequests()).size).toBe(Math.ceil(answers / 50));
    expect(chunkRequests()).toHaveLength(Math.ceil(answers / 50));
    // Answers keep their run-wide positions across chunks (every 7th answer has the hostile text).
    await page.getByTestId('search').fill('onerror');
    await expect
      .poll(async () => Number(await page.getByTestId('result-count').getAttribute('data-n')))
      .toBe(hostileCount);
    const indexes = (
      await page.getByTestId('transcript-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-index')))
    ).map(Number);
    expect(indexes.every((i) => (i + 1) % 7 === 0)).toBe(true);
    expect(Math.max(...indexes)).toBeGreaterThan(50);
    await page.getByTestId('transcript-row').first().click();
    expect(await page.getByTestId('answer-detail').textContent()).toContain(
      `<img src=x onerror="window.__pwned='chunk'">`,
    );
    expect(await page.evaluate('window.__pwned')).toBeUndefined();
    expect(cspViolations).toEqual([]);
    expect(blocked).toEqual([]);
  });

  it('says which file is missing when the chunk folder is not beside the page', async () => {
    await rename(dataDir, `${dataDir}-moved`);
    try {
      const fresh = await context.newPage();
      await fresh.goto(`${fileUrl}#/transcripts`);
      await expect
        .poll(() => fresh.locator('.boot.error').textContent(), { timeout: 20_000 })
        .toContain(`${path.basename(dataDir)}/0-`);
      await fresh.close();
    } finally {
      await rename(`${dataDir}-moved`, dataDir);
    }
  });
});
