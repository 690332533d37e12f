// Start-up scenario: `sc-safety --version` against a bare `node -e 0` on the same machine, at the
// same moment (interleaved), so the difference is what the CLI itself costs to load.
import { spawnSync } from 'node:child_process';
import { CLI_BIN } from './paths.mjs';
import { quantile, round } from './stats.mjs';

function time(args) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited with ${r.status}: ${r.stderr}`);
  return { ms, stdout: r.stdout.trim() };
}

export function startupScenario({ iterations, log }) {
  // One untimed run of each first: the first spawn pays for a cold page cache.
  const version = time([CLI_BIN, '--version']).stdout;
  time(['-e', '0']);
  const cli = [];
  const baseline = [];
  for (let i = 0; i < iterations; i++) {
    cli.push(time([CLI_BIN, '--version']).ms);
    baseline.push(time(['-e', '0']).ms);
  }
  const summary = (xs) => ({
    medianMs: round(quantile(xs, 0.5)),
    p90Ms: round(quantile(xs, 0.9)),
    minMs: round(Math.min(...xs)),
    samplesMs: xs.map((x) => round(x)),
  });
  const result = { iterations, version, cli: summary(cli), nodeBaseline: summary(baseline) };
  result.overheadMedianMs = round(result.cli.medianMs - result.nodeBaseline.medianMs);
  log(
    `  startup: sc-safety --version median ${result.cli.medianMs} ms (p90 ${result.cli.p90Ms}); node -e 0 median ${result.nodeBaseline.medianMs} ms (p90 ${result.nodeBaseline.p90Ms}); difference ${result.overheadMedianMs} ms`,
  );
  return result;
}
