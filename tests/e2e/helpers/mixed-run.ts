import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { MIXED_SCRIPT } from './mixed-script.js';
import { configYaml, scriptedJudge, scriptedModel, SIX_ITEMS, writeDataset } from './script.js';
import { mixedEntries } from './servers.js';
import type { MixedServers } from './servers.js';
import type { ScenarioHandler } from './workspace.js';

/** How the mixed servers play their part: an optional per-call delay, and a wrapper around every handler. */
export interface MixedScriptOptions {
  delayMs?: () => number;
  wrap?: (handler: ScenarioHandler) => ScenarioHandler;
}

/** Has the three models answer from {@link MIXED_SCRIPT} and the two judges score as judge A and judge B. */
export function playMixedScript(servers: MixedServers, options: MixedScriptOptions = {}): void {
  const wrap = options.wrap ?? ((handler: ScenarioHandler) => handler);
  const delay = options.delayMs === undefined ? {} : { delayMs: options.delayMs };
  servers.ds.setHandler(wrap(scriptedModel('ds', MIXED_SCRIPT.ds, delay)));
  servers.qw.setHandler(wrap(scriptedModel('qw', MIXED_SCRIPT.qw, delay)));
  servers.cl.setHandler(wrap(scriptedModel('cl', MIXED_SCRIPT.cl, delay)));
  servers.judgeA.setHandler(wrap(scriptedJudge('A', delay)));
  servers.judgeB.setHandler(wrap(scriptedJudge('B', delay)));
}

/**
 * Writes the six items to `dir/items.jsonl` and a run config for the mixed servers to
 * `dir/run.yaml` (judged by a median panel of the two judges); returns the config's path.
 * `output` sets the config's output directory; `entries` is passed to {@link mixedEntries}.
 */
export async function writeMixedRun(
  dir: string,
  servers: MixedServers,
  options: { output?: string; entries?: Parameters<typeof mixedEntries>[1] } = {},
): Promise<string> {
  await writeDataset(dir, SIX_ITEMS);
  const config = path.join(dir, 'run.yaml');
  const output = options.output === undefined ? {} : { output: options.output };
  await writeFile(
    config,
    configYaml({
      dataset: './items.jsonl',
      ...output,
      ...mixedEntries(servers, options.entries),
      panel: { aggregate: 'median' },
    }),
  );
  return config;
}
