// Load benchmark of the web report at full scale: 2,456 pairs × 13 models × 2 rounds (63,856
// answers), made up by `syntheticResults` and scored by the real scorer. Builds the static report,
// opens it from file:// in headless Chromium (network blocked) and times, from navigation start:
//   - the overall leaderboard on screen (the acceptance figure: ≤ 2 s),
//   - the transcript list ready (all answers decompressed, filtered, first rows drawn),
//   - a full-text search over every answer.
// Needs a build (`pnpm build`) and /usr/bin/chromium.
// Usage: node bench/report-load.mjs [runs=5] [--incompressible]
// --incompressible replaces every answer with random CJK text of the same length: the synthetic
// phrase salad compresses far better than real answers, this is the pessimistic bound.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { REPORT_CHROMIUM_DIST, REPORT_NODE_DIST } from './lib/paths.mjs';

const { launchChromium, offlineContext } = await import(pathToFileURL(REPORT_CHROMIUM_DIST).href);
const { renderReport, syntheticResults } = await import(pathToFileURL(REPORT_NODE_DIST).href);

const runs = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 5);
const incompressible = process.argv.includes('--incompressible');
const mib = (n) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

let t = performance.now();
const results = syntheticResults({ models: 13, pairs: 2456, bootstrapIterations: 200 });
if (incompressible) {
  let seed = 7;
  const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296;
  for (const a of results.answers)
    a.text = Array.from(a.text, () => String.fromCharCode(0x4e00 + Math.floor(rand() * 20000))).join('');
}
const genMs = performance.now() - t;
const resultsJson = JSON.stringify(results);
t = performance.now();
const rendered = await renderReport([{ label: 'synthetic-64k', results }]);
const renderMs = performance.now() - t;
const dir = await mkdtemp(path.join(tmpdir(), 'sc-report-bench-'));
const file = path.join(dir, 'index.html');
await writeFile(file, rendered.html);

const browser = await launchChromium();
const samples = { board: [], transcripts: [], search: [] };
const blocked = [];
try {
  for (let i = 0; i < runs; i++) {
    const context = await offlineContext(browser, {
      viewport: { width: 1440, height: 900 },
      allow: ['file:'],
      blocked,
    });
    const page = await context.newPage();
    const since = () => page.evaluate('performance.now()');
    await page.goto(`${pathToFileURL(file).href}#/`, { waitUntil: 'commit' });
    await page.locator('[data-testid=board-table][data-board=overall] tbody tr').first().waitFor({ timeout: 60_000 });
    samples.board.push(await since());
    await page.evaluate('location.hash = "#/transcripts"');
    await page.locator('[data-testid=transcript-row]').first().waitFor({ timeout: 60_000 });
    const count = Number(await page.getByTestId('result-count').getAttribute('data-n'));
    if (count !== results.answers.length)
      throw new Error(`transcripts show ${count} answers, expected ${results.answers.length}`);
    samples.transcripts.push(await since());
    const before = await since();
    await page.getByTestId('search').fill('心理学的角度 保持冷静');
    // Polled from outside: the page's CSP forbids the string evaluation waitForFunction uses.
    while (Number(await page.getByTestId('result-count').getAttribute('data-n')) >= results.answers.length)
      await page.waitForTimeout(10);
    samples.search.push((await since()) - before);
    await context.close();
  }
} finally {
  await browser.close();
}

const lines = [
  `web report load${incompressible ? ' (incompressible answer text)' : ''}, ${results.models.length} models × ${results.manifest.dataset.items} pairs × 2 rounds = ${results.answers.length} answers (${runs} runs, median [min–max])`,
  `  results.json                ${mib(Buffer.byteLength(resultsJson))} (${mib(gzipSync(resultsJson).length)} gzipped)`,
  `  report index.html           ${mib(rendered.html.length)} (embedded data ${mib(rendered.dataBytes.embedded)}, from ${mib(rendered.dataBytes.raw)} packed JSON)`,
  `  synthesise + score          ${(genMs / 1000).toFixed(1)} s;  render report ${(renderMs / 1000).toFixed(1)} s`,
  ...Object.entries({
    'overall leaderboard shown': samples.board,
    'transcripts ready (all answers)': samples.transcripts,
    'full-text search (2 terms, 64k)': samples.search,
  }).map(
    ([k, xs]) =>
      `  ${k.padEnd(32)}${(median(xs) / 1000).toFixed(2)} s [${(Math.min(...xs) / 1000).toFixed(2)}–${(Math.max(...xs) / 1000).toFixed(2)}]`,
  ),
  `  requests beyond file://     ${blocked.length}`,
];
console.log(lines.join('\n'));
if (median(samples.board) > 2000) process.exitCode = 1;
