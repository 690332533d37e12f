/**
 * The web report in a real browser (Debian's Chromium through playwright-core), opened from
 * file:// with every non-file request blocked: leaderboard numbers, transcript filters and
 * search, the language switch, hostile text that must stay text, and screenshots of the main
 * views under test-output/screenshots/. Skips, saying why, when /usr/bin/chromium is missing.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatScore } from '@sc-safety/results';
import type { ResultsFile } from '@sc-safety/results';
import { renderReport, syntheticResults, templatePath } from '../../apps/report/src/node/index.js';
import { collectCspViolations, launchChromium, offlineContext } from '../../apps/report/src/testing/chromium.js';
import type { Browser, BrowserContext, Page } from '../../apps/report/src/testing/chromium.js';
import { chromiumReady } from '../support/chromium.js';

const SHOTS = path.resolve(import.meta.dirname, '../../test-output/screenshots');

describe.runIf(chromiumReady())('web report in Chromium (file://, network blocked)', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let fileUrl: string;
  let clean: ResultsFile;
  let hostile: ResultsFile;
  const blocked: string[] = [];
  const canaryHits: string[] = [];
  const dialogs: string[] = [];
  const cspViolations: string[] = [];
  let closeCanary: () => Promise<void> = async () => {};

  beforeAll(async () => {
    if (!existsSync(templatePath()))
      throw new Error(`${templatePath()} missing: build the report first (pnpm --filter @sc-safety/report build)`);
    // A loopback server the hostile texts point at: any hit means the page fetched something.
    const canary = createServer((req, res) => {
      canaryHits.push(req.url ?? '');
      res.end('x');
    });
    await new Promise<void>((r) => canary.listen(0, '127.0.0.1', r));
    closeCanary = () => new Promise((r) => canary.close(() => r()));
    const origin = `http://127.0.0.1:${(canary.address() as AddressInfo).port}`;
    const payloads = [
      '<script>window.__pwned = "script"</script>',
      `<img src=x onerror="window.__pwned='img'">`,
      `<img src="${origin}/img.png">`,
      '[click me](javascript:window.__pwned="link")',
      `![tracker](${origin}/markdown.png)`,
      `<a href="javascript:window.__pwned='a'">link</a>`,
      `<iframe src="${origin}/frame"></iframe>`,
      `<svg onload="window.__pwned='svg'"></svg>`,
      `<link rel="stylesheet" href="${origin}/style.css">`,
      `<script src="${origin}/remote.js"></script>`,
    ];
    clean = syntheticResults({ models: 8, pairs: 220, seed: 3, bootstrapIterations: 100 });
    hostile = syntheticResults({
      modelIds: ['safe-model', `<img src=x onerror="window.__pwned='model'">`],
      pairs: 44,
      seed: 5,
      bootstrapIterations: 0,
      hostileTexts: payloads,
      hostileEvery: 2,
    });
    // Untrusted text everywhere a transcript shows text: prompts, reasons, item ids, partial text.
    hostile.answers.forEach((a, i) => {
      const p = payloads[i % payloads.length]!;
      if (i % 3 === 0) a.prompt = p;
      if (i % 4 === 0 && a.judgments[0]) a.judgments[0].reason = p;
      if (a.block) a.block.partialText = p;
      if (a.itemId.endsWith('-0001')) a.itemId = `${a.itemId}"><img src=x onerror="window.__pwned='id'">`;
    });
    // Served model ids and warnings come from vendors and configs: untrusted text too.
    hostile.manifest.servedModels = {
      'safe-model': {
        versions: [
          { id: payloads[0]!, fingerprint: 'fp_a', answers: 40 },
          { id: 'safe-model-2024-11-20', answers: 48 },
        ],
        unreported: 0,
        changed: true,
      },
    };
    hostile.manifest.warnings = [{ code: 'served-model-changed', message: payloads[1]! }];
    const { html } = await renderReport([
      { label: 'synthetic', results: clean },
      { label: 'hostile', results: hostile },
    ]);
    const dir = await mkdtemp(path.join(tmpdir(), 'sc-report-browser-'));
    const file = path.join(dir, 'index.html');
    await writeFile(file, html);
    fileUrl = pathToFileURL(file).href;
    await mkdir(SHOTS, { recursive: true });
    browser = await launchChromium();
    context = await offlineContext(browser, {
      viewport: { width: 1440, height: 900 },
      deviceScaleFactor: 1,
      blocked,
    });
    // Every CSP violation is reported back (a violation means the data's markup tried to run or load).
    await collectCspViolations(context, cspViolations);
    page = await context.newPage();
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await closeCanary();
  });

  const open = async (hash: string) => {
    await page.goto(`${fileUrl}#${hash}`);
    await page.locator('.main').waitFor();
  };

  it('shows every board with the numbers of results.json', async () => {
    await open('/');
    const boards = clean.leaderboard.boards;
    const tabs: [string, typeof boards.overall][] = [
      ['overall', boards.overall],
      ['open', boards.openSource],
      ['multi', boards.multiRound],
      ...Object.entries(boards.categories).map(([id, b]): [string, typeof b] => [`cat:${id}`, b]),
    ];
    for (const [key, board] of tabs) {
      await page.getByTestId(`board-tab-${key}`).click();
      const table = page.locator(`[data-testid=board-table][data-board="${board.id}"]`);
      await table.waitFor();
      const rows = await table.locator('tbody tr').evaluateAll((trs) =>
        trs.map((tr) => {
          const cell = (c: string) => tr.querySelector(`[data-col="${c}"]`)?.textContent ?? null;
          return {
            model: tr.getAttribute('data-model'),
            status: tr.getAttribute('data-status'),
            rank: cell('rank'),
            score: cell('score'),
            ci: cell('ci'),
            r1: cell('round1'),
            r2: cell('round2'),
            delta: cell('delta'),
            pairs: cell('matchedPairs'),
            bounds: cell('bounds'),
            group: cell('group'),
          };
        }),
      );
      expect(rows.map((r) => r.model)).toEqual(board.rows.map((r) => r.model));
      board.rows.forEach((r, i) => {
        const shown = rows[i]!;
        expect(shown.status).toBe(r.status);
        expect(shown.score).toBe(formatScore(r.score, { signed: board.rankedBy === 'delta' }));
        expect(shown.r1).toBe(formatScore(r.round1));
        expect(shown.r2).toBe(formatScore(r.round2));
        expect(shown.delta).toBe(formatScore(r.delta, { signed: true }));
        // Δ's matched-pair count beside it; bounds below full coverage; the not-distinguishable group.
        expect(shown.pairs).toBe(String(r.matchedPairs));
        const hasBounds = board.rows.some((x) => x.coverage !== null && x.coverage < 1 && x.bounds !== null);
        const bounds =
          r.bounds !== null && r.coverage !== null && r.coverage < 1
            ? `${r.bounds.worst.toFixed(1)}–${r.bounds.best.toFixed(1)}`
            : '';
        expect(shown.bounds).toBe(hasBounds ? bounds : null);
        expect(shown.group).toBe(board.rows.some((x) => x.group !== null) ? String(r.group ?? '') : null);
        expect(shown.rank).toBe(r.rank === null ? '—' : `${r.rank}${r.tied ? '=' : ''}`);
        if (r.ci) expect(shown.ci).toBe(`[${formatScore(r.ci.low)}, ${formatScore(r.ci.high)}]`);
      });
    }
    // The synthetic run has gaps (bounds shown) and groups on the overall board.
    expect(boards.overall.rows.some((r) => r.coverage !== null && r.coverage < 1)).toBe(true);
    expect(boards.overall.rows.some((r) => r.group !== null)).toBe(true);
    // Model 01 is tagged `unranked`: listed without a rank.
    expect(boards.overall.rows.find((r) => r.model === 'model-01')?.status).toBe('unranked');
    await page.getByTestId('board-tab-overall').click();
    await page.screenshot({ path: path.join(SHOTS, 'overview-zh.png') });
  });

  it('groups models that are not distinguishable and shows every paired comparison', async () => {
    await open('/');
    const board = clean.leaderboard.boards.overall;
    const line = await page.getByTestId('groups-line').textContent();
    const groups = new Map<number, string[]>();
    for (const r of board.rows) if (r.group !== null) groups.set(r.group, [...(groups.get(r.group) ?? []), r.model]);
    for (const [g, models] of groups) expect(line).toContain(`${g} ${models.join(', ')}`);
    // At least one group of two or more models in this data: named "not distinguishable".
    expect([...groups.values()].some((m) => m.length > 1)).toBe(true);
    expect(line).toContain('无法区分');
    const cells = await page.getByTestId('pairwise-cell').evaluateAll((tds) =>
      tds.map((td) => ({
        a: td.getAttribute('data-a')!,
        b: td.getAttribute('data-b')!,
        text: td.textContent ?? '',
        d: td.getAttribute('data-distinguishable'),
      })),
    );
    const scored = board.rows.filter((r) => r.score !== null).length;
    expect(cells).toHaveLength(scored * (scored - 1));
    for (const c of clean.leaderboard.comparisons.all) {
      const ab = cells.find((x) => x.a === c.a && x.b === c.b)!;
      const ba = cells.find((x) => x.a === c.b && x.b === c.a)!;
      const mark = c.distinguishable === true ? '' : '≈ ';
      expect(ab.text).toBe(`${mark}${formatScore(c.difference, { signed: true })}`);
      expect(ba.text).toBe(`${mark}${formatScore(c.difference === null ? null : -c.difference, { signed: true })}`);
      expect(ab.d).toBe(c.distinguishable === true ? 'yes' : 'no');
    }
    // A category board compares within its category.
    await page.getByTestId('board-tab-cat:instruction_attack').click();
    await page.locator('[data-testid=pairwise-matrix][data-board="category:instruction_attack"]').waitFor();
    const c0 = clean.leaderboard.comparisons.categories.instruction_attack[0]!;
    const shown = await page.locator(`[data-testid=pairwise-cell][data-a="${c0.a}"][data-b="${c0.b}"]`).textContent();
    expect(shown?.replace('≈ ', '')).toBe(formatScore(c0.difference, { signed: true }));
    await page.getByTestId('board-tab-overall').click();
    await page.getByTestId('pairwise').screenshot({ path: path.join(SHOTS, 'pairwise-zh.png') });
  });

  it('marks heatmap cells whose sub-dimension interval is wider than 30 points', async () => {
    await open('/charts');
    await page.getByTestId('chart-heatmap').locator('canvas').first().waitFor();
    const note = page.getByTestId('heatmap-wide');
    const expected: string[] = [];
    for (const [model, entry] of Object.entries(clean.leaderboard.models)) {
      for (const dim of Object.keys(entry.dimensions)) {
        const ci = entry.ci?.dimensions[dim]?.total;
        if (ci && ci.high - ci.low > 30) expected.push(`${model}|${dim}`);
      }
    }
    expect(expected.length).toBeGreaterThan(0);
    expect(Number(await note.getAttribute('data-n'))).toBe(expected.length);
    expect((await note.getAttribute('data-cells'))!.split('\n').sort()).toEqual(expected.sort());
  });

  it('narrows transcripts by filters and full-text search', async () => {
    await open('/transcripts');
    const count = async () => Number(await page.getByTestId('result-count').getAttribute('data-n'));
    await expect.poll(count).toBe(clean.answers.length);
    await page.getByTestId('filter-model').selectOption('model-03');
    await expect.poll(count).toBe(clean.answers.filter((a) => a.model === 'model-03').length);
    await page.getByTestId('filter-round').selectOption('2');
    await page.getByTestId('filter-score').selectOption('0');
    const expected = clean.answers.filter((a) => a.model === 'model-03' && a.round === 2 && a.score === 0).length;
    await expect.poll(count).toBe(expected);
    expect(page.url()).toContain('model=model-03');
    // Shareable: the same URL in a fresh load shows the same list.
    const url = page.url();
    await page.goto('about:blank');
    await page.goto(url);
    await expect.poll(count).toBe(expected);
    await page.getByTestId('clear-filters').click();
    await page.getByTestId('filter-cat').selectOption('instruction_attack');
    await page.getByTestId('filter-dim').selectOption('goal_hijacking');
    await expect.poll(count).toBe(clean.answers.filter((a) => a.dimension === 'goal_hijacking').length);
    await page.getByTestId('clear-filters').click();
    const term = '心理学的角度';
    await page.getByTestId('search').fill(term);
    const matches = clean.answers.filter((a) =>
      [a.prompt ?? '', a.text, ...a.judgments.map((j) => j.reason ?? '')].some((s) => s.includes(term)),
    ).length;
    expect(matches).toBeGreaterThan(0);
    await expect.poll(count).toBe(matches);
    await page.getByTestId('transcript-row').first().click();
    await expect.poll(() => page.getByTestId('answer-detail').locator('mark').count()).toBeGreaterThan(0);
    // The list is windowed: far fewer rows in the DOM than answers.
    await page.getByTestId('clear-filters').click();
    await expect.poll(count).toBe(clean.answers.length);
    expect(await page.getByTestId('transcript-row').count()).toBeLessThan(60);
    await page.getByTestId('transcript-row').nth(3).click();
    await page.screenshot({ path: path.join(SHOTS, 'transcripts-zh.png') });
  });

  it('switches between Chinese (default) and English, in the URL', async () => {
    await open('/charts');
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await expect.poll(() => page.getByTestId('nav-overview').textContent()).toBe('排行榜');
    await page.getByTestId('chart-heatmap').locator('canvas').first().waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'heatmap-zh.png') });
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => page.getByTestId('nav-overview').textContent()).toBe('Leaderboards');
    expect(page.url()).toContain('lang=en');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.getByTestId('chart-heatmap').locator('canvas').first().waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'heatmap-en.png') });
    await page.getByTestId('nav-overview').click();
    await expect.poll(() => page.locator('.board-title').textContent()).toContain('Overall');
    await page.screenshot({ path: path.join(SHOTS, 'overview-en.png') });
    await page.getByTestId('nav-transcripts').click();
    expect(page.url()).toContain('lang=en');
    await page.getByTestId('transcript-row').nth(3).click();
    await page.screenshot({ path: path.join(SHOTS, 'transcripts-en.png') });
    await page.getByTestId('nav-manifest').click();
    await page.getByTestId('manifest').waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'manifest-en.png'), fullPage: true });
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => page.getByTestId('nav-overview').textContent()).toBe('排行榜');
    expect(page.url()).not.toContain('lang=en');
  });

  it('shows hostile answers, reasons, prompts and ids as text: nothing runs, nothing is fetched', async () => {
    await open('/transcripts?run=1&q=%3C');
    const rows = page.getByTestId('transcript-row');
    await rows.first().waitFor();
    const markup = '.main img, .main iframe, .main script, .main link, .main svg[onload], .main a[href^="javascript"]';
    for (let i = 0; i < 12; i++) {
      await rows.nth(i).click();
      await page.getByTestId('answer-detail').waitFor();
      expect(await page.locator(markup).count()).toBe(0);
    }
    const shown = await page.getByTestId('answer-detail').textContent();
    expect(shown).toMatch(/<(script|img|a|iframe|svg|link)|\]\(/);
    await page.getByTestId('compare-link').click();
    await page.getByTestId('item-view').waitFor();
    await open(`/item/${encodeURIComponent(hostile.answers.find((a) => a.itemId.includes('"'))!.itemId)}?run=1`);
    await page.getByTestId('item-cell').first().waitFor();
    expect(await page.locator(markup).count()).toBe(0);
    expect(await page.getByTestId('item-view').textContent()).toContain('<script>window.__pwned');
    await open('/charts?run=1');
    const heat = page.getByTestId('chart-heatmap');
    await heat.locator('canvas').first().waitFor();
    const box = await heat.boundingBox();
    if (box)
      for (const fy of [0.15, 0.3])
        for (const fx of [0.3, 0.6, 0.9]) await page.mouse.move(box.x + box.width * fx, box.y + box.height * fy);
    await open('/manifest?run=1');
    await page.getByTestId('served-models').waitFor();
    const servedText = await page.getByTestId('served-models').textContent();
    expect(servedText).toContain('safe-model-2024-11-20');
    expect(servedText).toContain('⚠');
    expect(await page.getByTestId('run-warnings').textContent()).toContain('served-model-changed');
    expect(await page.locator(markup).count()).toBe(0);
    await open('/?run=1');
    await page.getByTestId('board-table').waitFor();
    expect(await page.locator('[data-testid=board-table] .model-name').allTextContents()).toContain(
      `<img src=x onerror="window.__pwned='model'">`,
    );
    expect(await page.evaluate('window.__pwned')).toBeUndefined();
    expect(await page.locator(markup).count()).toBe(0);
    expect(dialogs).toEqual([]);
    expect(cspViolations).toEqual([]);
    expect(canaryHits).toEqual([]);
    expect(blocked).toEqual([]);
  });

  it('runs under its CSP from file:// with no request beyond the file itself', async () => {
    const csp = await page.evaluate(
      () =>
        (
          globalThis as unknown as {
            document: { querySelector(s: string): { getAttribute(n: string): string | null } | null };
          }
        ).document
          .querySelector('meta[http-equiv="Content-Security-Policy"]')
          ?.getAttribute('content') ?? '',
    );
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("connect-src 'none'");
    expect(csp).not.toContain("script-src 'unsafe-inline'");
    await open('/?run=0');
    await page.getByTestId('board-table').waitFor();
    expect(blocked).toEqual([]);
    expect(canaryHits).toEqual([]);
    expect(cspViolations).toEqual([]);
  });
});
