#!/usr/bin/env node
// sc-safety benchmark: engine throughput against a bare SDK loop, peak memory of a large run,
// CLI start-up, and the web report at 500,000 answers. `pnpm bench [--quick|--full] [options]`; see bench/README.md.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { firstRequestScenario } from './lib/first-request.mjs';
import { memoryScenario } from './lib/memory.mjs';
import { reportScenario } from './lib/report.mjs';
import { scaleScenario } from './lib/scale.mjs';
import { assertBuilt, BENCH_DIR, ROOT } from './lib/paths.mjs';
import { summarizeProfile } from './lib/profile-summary.mjs';
import { startupScenario } from './lib/startup.mjs';
import { round } from './lib/stats.mjs';
import { throughputScenario } from './lib/throughput.mjs';

const TARGETS = {
  throughputRatio: 1.0,
  peakRssMb: 250,
  startupMs: 150,
  firstRequestRatio: 1.2,
  // The scale scenario (issue 19): 1,000,000 calls at latency 0.
  scaleLastToFirst: 0.95,
  scaleExportsMs: 10_000,
  resumeMs: 10_000,
  // "Progress moving and Ctrl-C honoured throughout": the longest the event loop is blocked.
  maxBlockMs: 1_000,
  // The report scenario: 500,000 answers.
  reportWriteMs: 10_000,
  reportRssMb: 400,
  reportOpenMs: 3_000,
};
/** What `--targets` runs: every scenario that checks a target, at full size. */
const TARGET_SCENARIOS = 'throughput,scale,startup,first-request,report';

const MODES = {
  // items per throughput run = concurrency × itemsPerSlot (4 calls per item)
  full: { itemsPerSlot: 25, memoryItems: 25_000, scaleItems: 250_000, startupIterations: 10, reportAnswers: 500_000 },
  quick: { itemsPerSlot: 6, memoryItems: 2_500, scaleItems: 12_500, startupIterations: 10, reportAnswers: 50_000 },
};

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    full: { type: 'boolean', default: false },
    only: { type: 'string' },
    targets: { type: 'boolean', default: false },
    concurrency: { type: 'string', default: '50,200' },
    latency: { type: 'string', default: '200' },
    items: { type: 'string' },
    runs: { type: 'string', default: '2' },
    'memory-items': { type: 'string' },
    'memory-latency': { type: 'string', default: '0' },
    'memory-concurrency': { type: 'string', default: '16' },
    'report-answers': { type: 'string' },
    'report-runs': { type: 'string', default: '3' },
    'report-transcripts': { type: 'boolean', default: false },
    'scale-items': { type: 'string' },
    'scale-concurrency': { type: 'string', default: '16' },
    durability: { type: 'string', default: 'normal' },
    'bare-fetch': { type: 'string', default: 'global' },
    'engine-slots': { type: 'string', default: 'shared' },
    profile: { type: 'boolean', default: false },
    out: { type: 'string', default: path.join(BENCH_DIR, 'results', 'latest.json') },
    'save-sample': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
  // pnpm passes a literal `--` through when called as `pnpm bench -- --quick`.
  allowPositionals: true,
});

if (args.help) {
  console.log(`usage: pnpm bench [--targets] [--quick|--full] [--only throughput,memory,scale,startup,first-request,report] [--concurrency 50,200]
       [--latency 200] [--items N] [--runs 2] [--memory-items N] [--memory-latency 0]
       [--memory-concurrency 16] [--scale-items N] [--scale-concurrency 16] [--report-answers N] [--report-runs 3]
       [--report-transcripts] [--durability normal|full] [--bare-fetch global|undici] [--engine-slots shared|split] [--profile] [--out FILE] [--save-sample]
See bench/README.md.`);
  process.exit(0);
}
if (args.quick && args.full) throw new Error('bench: --quick and --full exclude each other');
const modeName = args.quick ? 'quick' : 'full';
const mode = MODES[modeName];
if (args.targets && args.quick) throw new Error('bench: --targets runs the full sizes; leave out --quick');
const only = new Set(
  (args.only ?? (args.targets ? TARGET_SCENARIOS : 'throughput,memory,startup,first-request,report'))
    .split(',')
    .map((s) => s.trim()),
);
const int = (name, value) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`bench: --${name} expects a non-negative integer, got ${value}`);
  return n;
};
const concurrencies = args.concurrency.split(',').map((c) => int('concurrency', c));
if (!['shared', 'split'].includes(args['engine-slots'])) throw new Error('bench: --engine-slots is shared or split');
for (const c of concurrencies)
  if (c < 2 || (args['engine-slots'] === 'split' && c % 2 !== 0))
    throw new Error(
      `bench: --concurrency ${c}: use a number ≥ 2 (even with --engine-slots split: halved between the two lanes)`,
    );
if (!['normal', 'full'].includes(args.durability)) throw new Error('bench: --durability is normal or full');
if (!['global', 'undici'].includes(args['bare-fetch'])) throw new Error('bench: --bare-fetch is global or undici');

assertBuilt();
const log = (line) => console.log(line);
const gitCommit =
  spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim() || undefined;
const gitDirty =
  spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim() !==
  '';
const startedAt = new Date();
const results = {
  benchVersion: 1,
  mode: modeName,
  startedAt: startedAt.toISOString(),
  machine: {
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memoryGb: round(os.totalmem() / 2 ** 30),
    loadAvgAtStart: os.loadavg().map((x) => round(x, 2)),
  },
  git: { commit: gitCommit, dirty: gitDirty },
  targets: TARGETS,
};
log(
  `sc-safety bench (${modeName}) — node ${process.version}, ${os.cpus().length} CPUs, load ${os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);

const profileDir = args.profile
  ? path.join(BENCH_DIR, 'results', 'profiles', startedAt.toISOString().replace(/[:.]/g, '-'))
  : undefined;
if (profileDir) mkdirSync(profileDir, { recursive: true });

if (only.has('throughput')) {
  const latencyMs = int('latency', args.latency);
  results.throughput = {
    latencyMs,
    durability: args.durability,
    bareFetch: args['bare-fetch'],
    engineSlots: args['engine-slots'],
    scenarios: [],
  };
  log(
    `\nthroughput: fake latency ${latencyMs} ms, engine = runEngine (${args['engine-slots'] === 'shared' ? 'target + judge lanes sharing c run-wide slots' : 'target + judge lanes of c/2 each'}, rubric judge, RunStore ${args.durability}), bare = openai SDK loop of c workers (fetch: ${args['bare-fetch']})`,
  );
  for (const concurrency of concurrencies) {
    const itemCount = args.items ? int('items', args.items) : concurrency * mode.itemsPerSlot;
    const dir = profileDir ? path.join(profileDir, `c${concurrency}`) : undefined;
    const scenario = await throughputScenario({
      concurrency,
      latencyMs,
      itemCount,
      runsPerSide: int('runs', args.runs),
      durability: args.durability,
      bareFetch: args['bare-fetch'],
      engineSlots: args['engine-slots'],
      profileDir: dir,
      log,
    });
    if (dir) {
      const { readdirSync } = await import('node:fs');
      scenario.profiles = readdirSync(dir).map((f) => {
        const summary = summarizeProfile(path.join(dir, f), 15);
        return {
          file: path.relative(ROOT, path.join(dir, f)),
          totalMs: summary.totalMs,
          byBucket: summary.byBucket,
          byFunction: summary.byFunction,
        };
      });
    }
    results.throughput.scenarios.push(scenario);
  }
}

if (only.has('memory')) {
  const itemCount = args['memory-items'] ? int('memory-items', args['memory-items']) : mode.memoryItems;
  const c = int('memory-concurrency', args['memory-concurrency']);
  log(
    `\nmemory: whole run (runBenchmark) of ${itemCount} items → ${itemCount * 4} calls, fake latency ${args['memory-latency']} ms, target and judge concurrency ${c} each`,
  );
  results.memory = await memoryScenario({
    itemCount,
    latencyMs: int('memory-latency', args['memory-latency']),
    targetConcurrency: c,
    judgeConcurrency: c,
    log,
  });
}

if (only.has('scale')) {
  const itemCount = args['scale-items'] ? int('scale-items', args['scale-items']) : mode.scaleItems;
  const c = int('scale-concurrency', args['scale-concurrency']);
  log(
    `\nscale: whole run (runBenchmark) of ${itemCount} items → ${itemCount * 4} calls at latency 0, target and judge concurrency ${c} each; then a resume with nothing to do, a replay (an export removed: every row read back from the store), and a replay with a Ctrl-C halfway`,
  );
  results.scale = await scaleScenario({ itemCount, concurrency: c, log });
}

if (only.has('startup')) {
  log('\nstartup:');
  results.startup = startupScenario({ iterations: mode.startupIterations, log });
}

if (only.has('first-request')) {
  log(
    '\nfirst request: spawn → first request at the fake (latency 0), sc-safety run of one item vs the bare openai SDK',
  );
  results.firstRequest = await firstRequestScenario({ iterations: mode.startupIterations, log });
}

if (only.has('report')) {
  const answers = args['report-answers'] ? int('report-answers', args['report-answers']) : mode.reportAnswers;
  log(
    `\nreport: sc-safety report of ${answers} answers vs one streaming-reader pass of the same file; the page's board in Chromium vs a 44-answer report's`,
  );
  results.report = await reportScenario({
    answers,
    openRuns: int('report-runs', args['report-runs']),
    transcripts: args['report-transcripts'],
    log,
  });
}

results.machine.loadAvgAtEnd = os.loadavg().map((x) => round(x, 2));
results.finishedAt = new Date().toISOString();
results.verdicts = verdicts(results);
printTable(results);
mkdirSync(path.dirname(args.out), { recursive: true });
writeFileSync(args.out, `${JSON.stringify(results, null, 2)}\n`);
log(`\nwrote ${path.relative(process.cwd(), args.out)}`);
if (args['save-sample']) {
  const sample = path.join(BENCH_DIR, 'results', `sample-${startedAt.toISOString().slice(0, 10)}.json`);
  writeFileSync(sample, `${JSON.stringify(results, null, 2)}\n`);
  log(`wrote ${path.relative(process.cwd(), sample)}`);
}

function verdicts(r) {
  const out = [];
  for (const s of r.throughput?.scenarios ?? []) {
    out.push({
      target: `throughput c=${s.concurrency}: engine ≥ ${TARGETS.throughputRatio}× bare`,
      value: s.ratio,
      pass: s.ratio >= TARGETS.throughputRatio,
    });
    const cpu = round(s.best.engine.cpuPerCallMs / s.best.bare.cpuPerCallMs, 3);
    out.push({ target: `CPU per request c=${s.concurrency}: engine ≤ bare`, value: cpu, pass: cpu <= 1 });
  }
  if (r.scale) {
    const s = r.scale;
    const calls = `${s.itemCount * 4} calls`;
    const rss = Math.max(s.run.peakRssMb, s.resume?.peakRssMb ?? 0, s.replay?.peakRssMb ?? 0);
    out.push({
      target: `${calls}: peak RSS ≤ ${TARGETS.peakRssMb} MB (run, resume and replay)`,
      value: rss,
      pass: rss <= TARGETS.peakRssMb,
    });
    out.push({
      target: `${calls}: last 10% ≥ ${TARGETS.scaleLastToFirst}× first 10% throughput`,
      value: s.run.lastToFirstRatio,
      pass: s.run.lastToFirstRatio >= TARGETS.scaleLastToFirst,
    });
    out.push({
      target: `${calls}: exports ≤ ${TARGETS.scaleExportsMs / 1000} s`,
      value: s.run.exportWallMs,
      pass: s.run.exportWallMs <= TARGETS.scaleExportsMs,
    });
    if (s.resume) {
      out.push({
        target: `${calls}: resume with nothing to do ≤ ${TARGETS.resumeMs / 1000} s`,
        value: s.resume.wallMs,
        pass: s.resume.wallMs <= TARGETS.resumeMs,
      });
      const block = Math.max(s.resume.maxBlockMs, s.replay?.maxBlockMs ?? 0, s.resumeCtrlC.maxBlockMs);
      out.push({
        target: `${calls}: resume's event loop never blocked > ${TARGETS.maxBlockMs} ms (progress, Ctrl-C)`,
        value: block,
        pass: block <= TARGETS.maxBlockMs,
      });
      const stop = s.resumeCtrlC.abort?.toLastRowMs;
      out.push({
        target: `${calls}: resume stops ≤ ${TARGETS.maxBlockMs} ms after Ctrl-C`,
        value: stop,
        pass: stop !== undefined && stop <= TARGETS.maxBlockMs,
      });
    }
  }
  if (r.memory)
    out.push({
      target: `peak RSS ≤ ${TARGETS.peakRssMb} MB (${r.memory.itemCount} items)`,
      value: r.memory.peakRssMb,
      pass: r.memory.peakRssMb <= TARGETS.peakRssMb,
    });
  if (r.startup)
    out.push({
      target: `sc-safety --version ≤ ${TARGETS.startupMs} ms (median)`,
      value: r.startup.cli.medianMs,
      pass: r.startup.cli.medianMs <= TARGETS.startupMs,
    });
  if (r.report) {
    const p = r.report;
    out.push({
      target: `report of ${p.answers} answers written in ≤ ${TARGETS.reportWriteMs / 1000} s`,
      value: `${p.write.wallMs} ms`,
      pass: p.write.wallMs <= TARGETS.reportWriteMs,
    });
    out.push({
      target: `report of ${p.answers} answers: peak RSS ≤ ${TARGETS.reportRssMb} MB`,
      value: `${p.write.peakRssMb} MB`,
      pass: p.write.peakRssMb <= TARGETS.reportRssMb,
    });
    out.push({
      target: `report page of ${p.answers} answers opens (board shown) in ≤ ${TARGETS.reportOpenMs / 1000} s (median)`,
      value: `${p.open.big.boardMedianMs} ms`,
      pass: p.open.big.boardMedianMs <= TARGETS.reportOpenMs,
    });
  }
  if (r.firstRequest) {
    const f = r.firstRequest;
    out.push({
      target: `time to first request ≤ ${TARGETS.firstRequestRatio}× the bare loop's (median)`,
      value: f.ratio,
      pass: f.ratio <= TARGETS.firstRequestRatio,
    });
  }
  return out;
}

function table(headers, rows) {
  const cells = [headers, ...rows].map((row) => row.map((c) => String(c ?? '')));
  const widths = headers.map((_, i) => Math.max(...cells.map((row) => row[i].length)));
  const line = (row) => `| ${row.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(cells[0]), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.slice(1).map(line)].join(
    '\n',
  );
}

function printTable(r) {
  log('\n=== results ===');
  if (r.throughput) {
    log(
      `\nthroughput (fake latency ${r.throughput.latencyMs} ms; best of ${args.runs} runs per side; every run listed above)`,
    );
    log(
      table(
        [
          'concurrency',
          'calls/run',
          'ideal req/s',
          'bare req/s',
          'engine req/s',
          'engine/bare',
          'bare CPU/call',
          'engine CPU/call',
          'bare RSS',
          'engine RSS',
        ],
        r.throughput.scenarios.map((s) => [
          s.concurrency,
          s.calls,
          s.best.bare.idealThroughput,
          s.best.bare.throughput,
          s.best.engine.throughput,
          s.ratio.toFixed(3),
          `${s.best.bare.cpuPerCallMs.toFixed(3)} ms`,
          `${s.best.engine.cpuPerCallMs.toFixed(3)} ms`,
          `${s.best.bare.peakRssMb} MB`,
          `${s.best.engine.peakRssMb} MB`,
        ]),
      ),
    );
  }
  if (r.memory) {
    const m = r.memory;
    log(`\nmemory (whole run, fake latency ${m.latencyMs} ms)`);
    log(
      table(
        [
          'items',
          'calls',
          'peak RSS (VmHWM)',
          'heap at peak',
          'wall',
          'engine part',
          'req/s',
          'CPU/call',
          'store size',
        ],
        [
          [
            m.itemCount,
            m.calls,
            `${m.peakRssMb} MB`,
            `${m.heapAtPeakMb} MB`,
            `${(m.wallMs / 1000).toFixed(1)} s`,
            `${(m.engineWallMs / 1000).toFixed(1)} s`,
            m.throughput,
            `${m.cpuPerCallMs.toFixed(3)} ms`,
            `${m.storeMb} MB`,
          ],
        ],
      ),
    );
  }
  if (r.scale) {
    const s = r.scale;
    log(
      `\nscale (${s.itemCount} items, ${s.expectedCalls} calls, latency 0; results.json ${s.resultsJsonMb} MB, answers.csv ${s.answersCsvMb} MB, store ${s.storeMb} MB)`,
    );
    const phases = [
      ['run', s.run],
      ['resume', s.resume],
      ['replay', s.replay],
      ['replay + Ctrl-C', s.resumeCtrlC],
    ].filter(([, p]) => p);
    log(
      table(
        [
          'phase',
          'calls',
          'wall',
          'engine part',
          'exports',
          'peak RSS',
          'rows/s first 10%',
          'last 10%',
          'longest block',
          'Ctrl-C → stop',
        ],
        phases.map(([name, p]) => [
          name,
          p.calls,
          `${(p.wallMs / 1000).toFixed(1)} s`,
          p.upToDate ? 'up to date' : `${(p.engineWallMs / 1000).toFixed(1)} s`,
          p.upToDate ? '—' : `${(p.exportWallMs / 1000).toFixed(1)} s`,
          `${p.peakRssMb} MB`,
          p.rowsPerSecondFirst10,
          p.rowsPerSecondLast10,
          `${p.maxBlockMs} ms`,
          p.abort ? `${p.abort.toLastRowMs} ms` : '',
        ]),
      ),
    );
    if (s.warning) log(`WARNING: ${s.warning}`);
  }
  if (r.startup) {
    const s = r.startup;
    log(`\nstartup (${s.iterations} runs each, interleaved)`);
    log(
      table(
        ['command', 'median', 'p90', 'min'],
        [
          ['sc-safety --version', `${s.cli.medianMs} ms`, `${s.cli.p90Ms} ms`, `${s.cli.minMs} ms`],
          ['node -e 0', `${s.nodeBaseline.medianMs} ms`, `${s.nodeBaseline.p90Ms} ms`, `${s.nodeBaseline.minMs} ms`],
          ['difference', `${s.overheadMedianMs} ms`, '', ''],
        ],
      ),
    );
  }
  if (r.firstRequest) {
    const f = r.firstRequest;
    log(`\nfirst request (${f.iterations} runs each, alternating; spawn → first request at the fake)`);
    log(
      table(
        ['side', 'median', 'p90', 'min', 'whole process (median)'],
        [
          [
            'sc-safety run (1 item)',
            `${f.engine.medianMs} ms`,
            `${f.engine.p90Ms} ms`,
            `${f.engine.minMs} ms`,
            `${f.engine.wallMedianMs} ms`,
          ],
          [
            'bare openai SDK',
            `${f.bare.medianMs} ms`,
            `${f.bare.p90Ms} ms`,
            `${f.bare.minMs} ms`,
            `${f.bare.wallMedianMs} ms`,
          ],
          ['engine/bare', f.ratio.toFixed(3), '', '', ''],
        ],
      ),
    );
  }
  if (r.report) {
    const p = r.report;
    log(
      `\nreport (${p.answers} answers, results.json ${p.resultsMb} MB → page ${p.pageMb} MB, report folder ${p.reportDirMb} MB)`,
    );
    log(
      table(
        ['what', 'measured', 'baseline', 'ratio'],
        [
          [
            'sc-safety report: wall',
            `${p.write.wallMs} ms`,
            `${p.readerBaseline.wallMs} ms (reader pass)`,
            p.writeRatio,
          ],
          [
            'sc-safety report: CPU',
            `${p.write.cpuMs} ms`,
            `${p.readerBaseline.cpuMs} ms`,
            round(p.write.cpuMs / p.readerBaseline.cpuMs, 2),
          ],
          [
            'sc-safety report: peak RSS',
            `${p.write.peakRssMb} MB`,
            `${p.readerBaseline.peakRssMb} MB`,
            round(p.write.peakRssMb / p.readerBaseline.peakRssMb, 2),
          ],
          [
            'page open → board (median)',
            `${p.open.big.boardMedianMs} ms`,
            `${p.open.small.boardMedianMs} ms (44 answers)`,
            p.openRatio,
          ],
          ...(p.open.big.transcriptsMedianMs === null
            ? []
            : [
                [
                  'transcripts view, all answers (median)',
                  `${p.open.big.transcriptsMedianMs} ms`,
                  `${p.open.small.transcriptsMedianMs} ms`,
                  round(p.open.big.transcriptsMedianMs / p.open.small.transcriptsMedianMs, 1),
                ],
              ]),
        ],
      ),
    );
  }
  log('\ntargets');
  log(
    table(
      ['target', 'measured', 'result'],
      r.verdicts.map((v) => [v.target, v.value, v.pass ? 'PASS' : 'FAIL']),
    ),
  );
  log(
    `\nload average at start ${r.machine.loadAvgAtStart.join(' ')}, at end ${r.machine.loadAvgAtEnd.join(' ')} (${r.machine.cpus} CPUs): numbers on a busy machine are noisy`,
  );
}
