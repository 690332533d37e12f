// Scale scenario (issue 19): a whole `sc-safety run` of N items (4N calls; 250,000 items = the
// 1,000,000-call target) against a fake with no latency, then the same command again over the
// finished store (a resume with nothing to do), then once more with a Ctrl-C halfway. Each is its
// own process (lib/scale-child.mjs), so each one's peak RSS is its own.
import { rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { round } from './stats.mjs';
import { PREFLIGHT_PROBES as PREFLIGHT, withWholeRun } from './whole-run.mjs';

const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'scale-child.mjs');

function summary(r, calls) {
  return {
    calls,
    rows: r.rows,
    outcomes: r.outcomes,
    wallMs: round(r.wallMs),
    engineWallMs: round(r.engineWallMs),
    firstRowMs: round(r.firstRowMs),
    exportWallMs: round(r.exportWallMs),
    cpuMs: round(r.cpuMs),
    rowsPerSecondFirst10: round(r.rowsPerSecondFirst10),
    rowsPerSecondLast10: round(r.rowsPerSecondLast10),
    lastToFirstRatio: round(r.rowsPerSecondLast10 / r.rowsPerSecondFirst10, 3),
    maxRowGapMs: round(r.maxRowGapMs),
    maxBlockMs: round(r.maxBlockMs),
    maxBlockEngineMs: round(r.maxBlockEngineMs),
    abort: r.abort && {
      atRow: r.abort.atRow,
      toLastRowMs: round(r.abort.toLastRowMs),
      toReturnMs: round(r.abort.toReturnMs),
    },
    interrupted: r.interrupted,
    upToDate: r.upToDate,
    peakRssMb: round(r.memory.vmHwmMb ?? r.memory.peakRssMb),
    heapAtPeakMb: round(r.memory.heapAtPeakMb),
    timeline: r.memory.timeline,
  };
}

/**
 * Runs the three phases over one run directory. `resume: false` skips the re-runs (the first run
 * only), `run: false` is not offered: a resume needs a finished store.
 */
export function scaleScenario({ itemCount, concurrency, resume = true, log }) {
  const scaffold = {
    name: 'scale',
    itemCount,
    latencyMs: 0,
    targetConcurrency: concurrency,
    judgeConcurrency: concurrency,
  };
  return withWholeRun(scaffold, async ({ output, runMeasured }) => {
    const phase = async (name, arg = {}) => {
      const { result: r, calls } = await runMeasured(CHILD, arg);
      const s = summary(r, calls);
      log(
        `  ${name.padEnd(13)} ${s.calls} calls, ${s.rows} rows, wall ${(s.wallMs / 1000).toFixed(1)} s (` +
          (s.upToDate
            ? 'up to date: nothing read, nothing written'
            : `engine ${(s.engineWallMs / 1000).toFixed(1)} s, exports ${(s.exportWallMs / 1000).toFixed(1)} s`) +
          `), peak RSS ${s.peakRssMb} MB, rows/s first 10% ${s.rowsPerSecondFirst10} last 10% ${s.rowsPerSecondLast10}, ` +
          `longest event-loop block ${s.maxBlockMs} ms (engine part ${s.maxBlockEngineMs} ms), longest gap between rows ${s.maxRowGapMs} ms` +
          (s.abort
            ? `, Ctrl-C after row ${s.abort.atRow}: engine stopped ${s.abort.toLastRowMs} ms later, returned ${s.abort.toReturnMs} ms later`
            : ''),
      );
      return s;
    };
    const result = {
      itemCount,
      concurrency: { target: concurrency, judge: concurrency },
      expectedCalls: itemCount * 4,
    };
    result.run = await phase('run');
    result.storeMb = round(statSync(path.join(output, 'store.sqlite')).size / 2 ** 20);
    result.resultsJsonMb = round(statSync(path.join(output, 'results.json')).size / 2 ** 20);
    result.answersCsvMb = round(statSync(path.join(output, 'answers.csv')).size / 2 ** 20);
    if (result.run.calls !== itemCount * 4 + PREFLIGHT)
      result.warning = `expected ${itemCount * 4} calls + ${PREFLIGHT} preflight probes, the fake saw ${result.run.calls}`;
    if ((result.run.outcomes.scored ?? 0) !== itemCount * 2)
      result.warning = `not every row was scored: ${JSON.stringify(result.run.outcomes)}`;
    if (resume) {
      // The same command again: every call is stored and the exports are current, so it stops there.
      result.resume = await phase('resume');
      if (!result.resume.upToDate || result.resume.calls !== 0)
        result.warning = `the resume with nothing to do did not find the run up to date (${result.resume.calls} calls)`;
      // With an export gone the run is replayed from the store: every row read back, scored and
      // written again, no call but the preflight probes. What a resume of a nearly finished run costs.
      rmSync(path.join(output, 'answers.csv'));
      result.replay = await phase('replay');
      if (result.replay.calls !== PREFLIGHT)
        result.warning = `the replay made ${result.replay.calls - PREFLIGHT} calls besides the preflight probes; expected none`;
      rmSync(path.join(output, 'answers.csv'));
      result.resumeCtrlC = await phase('replay+Ctrl-C', { abortAtRow: Math.floor(itemCount) });
    }
    return result;
  });
}
