// First-request scenario: how long a fresh process takes from spawn to its first request reaching
// the fake server. engine = the real CLI, `sc-safety run` of a one-item dataset (config, dataset,
// adapter resolution, store, lanes); bare = a script importing the `openai` SDK and sending one
// request. Sides alternate, after one untimed run of each (cold page cache); the fake server (its
// own process, latency 0) stamps the first request, the orchestrator stamps the spawn, both with
// `performance.timeOrigin + performance.now()` (the same wall clock, sub-millisecond). The CLI keeps
// its V8 code cache in the scenario's temp folder (SC_SAFETY_CODE_CACHE_DIR): the untimed run writes
// it, as a user's first run would, and the timed runs use it, whatever the machine's cache holds.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeBenchDataset } from './dataset.mjs';
import { startFake } from './fake-client.mjs';
import { configYaml } from './whole-run.mjs';
import { CLI_BIN } from './paths.mjs';
import { quantile, round } from './stats.mjs';

const BARE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'first-request-bare.mjs');

function runProcess(args, cwd, env = process.env) {
  return new Promise((resolve, reject) => {
    const startedAt = performance.timeOrigin + performance.now();
    const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`node ${args.join(' ')} exited with ${code}: ${stderr.slice(-2000)}`));
      else resolve({ startedAt, wallMs: performance.timeOrigin + performance.now() - startedAt });
    });
  });
}

export async function firstRequestScenario({ iterations, log }) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sc-safety-bench-first-'));
  const fake = await startFake(0);
  try {
    const dataset = path.join(dir, 'one-item.jsonl');
    await writeBenchDataset(dataset, 1);
    let runNo = 0;
    const cliEnv = { ...process.env, SC_SAFETY_CODE_CACHE_DIR: path.join(dir, 'code-cache') };
    const engine = async () => {
      const out = path.join(dir, `run-${++runNo}`);
      const configFile = path.join(dir, `run-${runNo}.yaml`);
      writeFileSync(
        configFile,
        configYaml({ dataset, output: out, baseURL: fake.baseURL, targetConcurrency: 1, judgeConcurrency: 1 }),
      );
      return runProcess([CLI_BIN, 'run', '--config', configFile], dir, cliEnv);
    };
    const bare = () => runProcess([BARE, fake.baseURL], dir);
    const once = async (side) => {
      await fake.reset();
      const run = await side();
      const { firstRequestAt } = await fake.stats();
      if (firstRequestAt === undefined) throw new Error('first-request: the fake server saw no request');
      return { firstRequestMs: firstRequestAt - run.startedAt, wallMs: run.wallMs };
    };
    await once(engine);
    await once(bare);
    const samples = { engine: [], bare: [] };
    for (let i = 0; i < iterations; i++) {
      // ABBA, so drift in machine load hits both sides alike.
      const order = i % 2 === 0 ? ['engine', 'bare'] : ['bare', 'engine'];
      for (const side of order) samples[side].push(await once(side === 'engine' ? engine : bare));
    }
    const summary = (xs) => {
      const ms = xs.map((x) => x.firstRequestMs);
      return {
        medianMs: round(quantile(ms, 0.5)),
        p90Ms: round(quantile(ms, 0.9)),
        minMs: round(Math.min(...ms)),
        samplesMs: ms.map((x) => round(x)),
        wallMedianMs: round(
          quantile(
            xs.map((x) => x.wallMs),
            0.5,
          ),
        ),
      };
    };
    const result = { iterations, engine: summary(samples.engine), bare: summary(samples.bare) };
    result.ratio = round(result.engine.medianMs / result.bare.medianMs, 3);
    log(
      `  first request: sc-safety run median ${result.engine.medianMs} ms (p90 ${result.engine.p90Ms}); bare SDK median ${result.bare.medianMs} ms (p90 ${result.bare.p90Ms}); ratio ${result.ratio}`,
    );
    return result;
  } finally {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
