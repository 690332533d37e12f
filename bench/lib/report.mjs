// The report scenario (issue 19): `sc-safety report` on a results.json of `answers` answers (default
// 500,000), made up by lib/report-results.mjs. Measures, each beside a baseline in the same run:
//   - write: the built CLI's `report` (wall time and peak RSS from /usr/bin/time) against one pass of
//     core's streaming reader over the same file (`node -e`, the floor of any streamed report);
//   - open: from navigation start to the overall board's first row in headless Chromium (file://,
//     every other request blocked), against the same page of a 44-answer run;
//   - transcripts (no target, shown for what on-demand costs): the transcript list's first row after
//     a click, with every answer chunk loaded and decoded.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BENCH_DIR, CLI_BIN, CORE_DIST, REPORT_CHROMIUM_DIST, REPORT_NODE_DIST, ROOT } from './paths.mjs';
import { reportResultsPath } from './report-results.mjs';
import { quantile, round } from './stats.mjs';

/** Runs `argv` under /usr/bin/time: wall and CPU seconds, peak RSS (MB). */
function timed(argv, what) {
  const r = spawnSync('/usr/bin/time', ['-f', 'TIME %e %U %S %M', ...argv], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const m = /TIME ([\d.]+) ([\d.]+) ([\d.]+) (\d+)\s*$/.exec(r.stderr);
  if (r.status !== 0 || !m)
    throw new Error(`bench report: ${what} failed (exit ${r.status}):\n${r.stderr.slice(-2000)}`);
  return {
    wallMs: round(Number(m[1]) * 1000, 0),
    cpuMs: round((Number(m[2]) + Number(m[3])) * 1000, 0),
    peakRssMb: round(Number(m[4]) / 1024),
    stdout: r.stdout,
  };
}

function dirMb(dir) {
  let bytes = 0;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true }))
    if (e.isFile()) bytes += statSync(path.join(e.parentPath, e.name)).size;
  return round(bytes / 2 ** 20);
}

async function openTimes({ launchChromium, offlineContext }, pages, runs, log) {
  const browser = await launchChromium();
  const samples = Object.fromEntries(Object.keys(pages).map((k) => [k, { board: [], transcripts: [] }]));
  const blocked = [];
  try {
    for (let i = 0; i < runs; i++) {
      for (const [name, { file, answers, transcripts }] of Object.entries(pages)) {
        const context = await offlineContext(browser, {
          viewport: { width: 1440, height: 900 },
          allow: ['file:'],
          blocked,
        });
        const page = await context.newPage();
        await page.goto(`${pathToFileURL(file).href}#/`, { waitUntil: 'commit' });
        await page
          .locator('[data-testid=board-table][data-board=overall] tbody tr')
          .first()
          .waitFor({ timeout: 120_000 });
        samples[name].board.push(await page.evaluate('performance.now()'));
        if (transcripts) {
          const before = await page.evaluate('performance.now()');
          await page.getByTestId('nav-transcripts').click();
          await page.locator('[data-testid=transcript-row]').first().waitFor({ timeout: 300_000 });
          const count = Number(await page.getByTestId('result-count').getAttribute('data-n'));
          if (count !== answers)
            throw new Error(`bench report: ${name}: the transcripts show ${count} answers, expected ${answers}`);
          samples[name].transcripts.push((await page.evaluate('performance.now()')) - before);
        }
        await context.close();
        log(
          `  open run ${i + 1}/${runs} ${name}: board ${round(samples[name].board.at(-1), 0)} ms${transcripts ? `, transcripts ${round(samples[name].transcripts.at(-1), 0)} ms` : ''}`,
        );
      }
    }
  } finally {
    await browser.close();
  }
  if (blocked.length > 0)
    throw new Error(`bench report: the page asked for ${blocked.length} non-file URLs, e.g. ${blocked[0]}`);
  const median = (xs) => (xs.length === 0 ? null : round(quantile(xs, 0.5), 0));
  return Object.fromEntries(
    Object.entries(samples).map(([k, s]) => [
      k,
      {
        boardMedianMs: median(s.board),
        boardMaxMs: s.board.length ? round(Math.max(...s.board), 0) : null,
        transcriptsMedianMs: median(s.transcripts),
        board: s.board.map((x) => round(x, 0)),
        transcripts: s.transcripts.map((x) => round(x, 0)),
      },
    ]),
  );
}

/**
 * @param {{ answers: number, openRuns: number, transcripts: boolean, log: (line: string) => void }} options
 */
export async function reportScenario({ answers, openRuns, transcripts, log }) {
  const chromium = await import(pathToFileURL(REPORT_CHROMIUM_DIST).href);
  if (!chromium.chromiumAvailable())
    throw new Error(
      `bench report: no Chromium at ${chromium.CHROMIUM_PATH} (apt-get install -y chromium, or set SC_SAFETY_CHROMIUM)`,
    );
  const file = reportResultsPath(path.join(BENCH_DIR, 'results'), answers);
  mkdirSync(path.dirname(file), { recursive: true });
  if (!existsSync(file)) {
    log(`  generating ${path.relative(ROOT, file)} (${answers} answers; kept for later runs)…`);
    const gen = spawnSync(
      process.execPath,
      ['--max-old-space-size=12000', path.join(BENCH_DIR, 'lib/report-results.mjs'), file, String(answers)],
      { stdio: 'inherit' },
    );
    if (gen.status !== 0) throw new Error('bench report: generating the results file failed');
  }
  const resultsMb = round(statSync(file).size / 2 ** 20);
  const out = mkdtempSync(path.join(tmpdir(), 'sc-bench-report-'));
  try {
    // Baseline first and last, the report between: drift in load hits both sides alike.
    const floor = `const c=await import(${JSON.stringify(pathToFileURL(CORE_DIST).href)});let n=0;for(const a of c.readResultsAnswers(${JSON.stringify(file)}))n++;console.log(n)`;
    const baseline = () =>
      timed([process.execPath, '--input-type=module', '-e', floor], 'the streaming reader baseline');
    const base1 = baseline();
    const write = timed(
      [process.execPath, CLI_BIN, 'report', file, '--out', path.join(out, 'big'), '--json'],
      'sc-safety report',
    );
    const base2 = baseline();
    const written = JSON.parse(write.stdout);
    const base = base1.wallMs <= base2.wallMs ? base1 : base2;
    const counted = Number(base1.stdout.trim());
    if (written.answers !== counted)
      throw new Error(`bench report: the report holds ${written.answers} answers, the file ${counted}`);
    log(
      `  report: ${write.wallMs} ms wall, ${write.cpuMs} ms CPU, ${write.peakRssMb} MB peak RSS; reader alone: ${base1.wallMs} / ${base2.wallMs} ms, ${base1.peakRssMb} / ${base2.peakRssMb} MB`,
    );

    // The small page the open time is compared with: the same app, a 44-answer run.
    const smallDir = path.join(out, 'small-run');
    mkdirSync(smallDir);
    const { syntheticResults } = await import(pathToFileURL(REPORT_NODE_DIST).href);
    const small = syntheticResults({ models: 2, pairs: 11, bootstrapIterations: 0 });
    writeFileSync(path.join(smallDir, 'results.json'), JSON.stringify(small));
    timed(
      [process.execPath, CLI_BIN, 'report', smallDir, '--out', path.join(out, 'small')],
      'sc-safety report (small)',
    );
    const open = await openTimes(
      chromium,
      {
        big: { file: written.file, answers: counted, transcripts },
        small: { file: path.join(out, 'small', 'index.html'), answers: small.answers.length, transcripts },
      },
      openRuns,
      log,
    );
    return {
      answers: counted,
      resultsMb,
      pageMb: round(statSync(written.file).size / 2 ** 20, 2),
      reportDirMb: dirMb(path.join(out, 'big')),
      write: { wallMs: write.wallMs, cpuMs: write.cpuMs, peakRssMb: write.peakRssMb },
      readerBaseline: {
        wallMs: base.wallMs,
        cpuMs: base.cpuMs,
        peakRssMb: base.peakRssMb,
        runs: [base1.wallMs, base2.wallMs],
      },
      writeRatio: round(write.wallMs / base.wallMs, 2),
      open,
      openRatio: round(open.big.boardMedianMs / open.small.boardMedianMs, 2),
    };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
