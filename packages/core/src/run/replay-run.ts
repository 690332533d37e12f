import { existsSync } from 'node:fs';
import path from 'node:path';
import type { LanguageModelV1 } from '@sc-safety/spec';
import { canonicalJson } from '../dataset/canonical-json.js';
import { loadDataset } from '../dataset/load.js';
import { runEngine } from '../engine/runner.js';
import { loadContrastSet } from './contrast-set.js';
import { judgePromptHash } from '../judge/prompt-hash.js';
import { CONTRAST_PROMPT_VERSION } from '../judge/contrast-prompt-template.js';
import type { EngineItem, PreparedJudge, PreparedTarget } from '../engine/types.js';
import type { ResultsDocument } from '@sc-safety/results';
import { AnswerSpool, spoolModels } from '../export/answer-spool.js';
import { AnswerTally } from './answer-tally.js';
import { answersFromFile } from './answers-from-file.js';
import { openSpoolDir } from './spool-location.js';
import { writeRunExports } from '../export/write-run-exports.js';
import type { RunExportPaths } from '../export/write-run-exports.js';
import { RunStore } from '../store/run-store.js';
import { defaultTaxonomy } from '@sc-safety/results';
import { adaptiveSourceOf } from './adaptive-run.js';
import { shardOf } from '../store/shard.js';
import { buildRunResults } from './build-run-results.js';
import { panelAggregator } from './judge-protocol.js';
import { RUN_PLAN_META_KEY } from './run-plan.js';
import type { StoredRunPlan } from './run-plan.js';
import { toolVersion } from './run-benchmark.js';

/** A model that must never be called: replays read the store only. */
const offline = (id: string): LanguageModelV1 => ({
  specificationVersion: 'v1',
  provider: 'replay',
  modelId: id,
  capabilities: { systemRole: 'native', multiTurn: true, seed: false, streaming: false, moderationSignals: [] },
  generate() {
    return Promise.reject(new Error(`replay must not call ${id}`));
  },
});

const LANE = { concurrency: 1, timeoutMs: 1, maxRetries: 0 };

/** A run directory that cannot be scored or merged as asked (wrong path, other run, changed dataset). */
export class RunDirectoryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RunDirectoryError';
  }
}

export function readRunPlan(runDir: string): StoredRunPlan {
  const file = path.join(runDir, 'store.sqlite');
  if (!existsSync(file))
    throw new RunDirectoryError(
      `${runDir}: not a run directory (no store.sqlite). Run \`sc-safety run -c <config>\` first.`,
    );
  const store = RunStore.open(runDir, { readonly: true });
  try {
    const plan = store.getMeta<StoredRunPlan>(RUN_PLAN_META_KEY);
    if (!plan) throw new RunDirectoryError(`${file}: holds no run plan; was it written by \`sc-safety run\`?`);
    return plan;
  } finally {
    store.close();
  }
}

/** The plan's items: the dataset as it was (fingerprint checked), limited and sharded the same way. */
export async function planItems(plan: StoredRunPlan): Promise<EngineItem[]> {
  const dataset = await loadDataset(plan.dataset.path);
  if (dataset.fingerprint !== plan.dataset.fingerprint) {
    throw new RunDirectoryError(
      `${plan.dataset.path}: the dataset changed since the run (fingerprint ${dataset.fingerprint}, the run used ${plan.dataset.fingerprint}). Restore it, or start a new run.`,
    );
  }
  let items: EngineItem[] = dataset.items;
  if (plan.limit) items = items.slice(0, plan.limit);
  const shard = plan.shard;
  if (shard) items = items.filter((i) => shardOf(i.id, shard.count) === shard.index);
  const contrast = plan.dataset.contrast;
  if (contrast !== undefined) {
    const set = await loadContrastSet(contrast.ref, contrast.path, new Set(items.map((i) => i.id)), shard);
    if (set.fingerprint !== contrast.fingerprint) {
      throw new RunDirectoryError(
        `${contrast.path}: the contrast set changed since the run (fingerprint ${set.fingerprint}, the run used ${contrast.fingerprint}). Restore it, or start a new run.`,
      );
    }
    items = [...items, ...set.items];
  }
  return items;
}

/**
 * `sc-safety score <run-dir>`: rebuilds every row from the stored answers and judgments (no call
 * is made; anything missing shows as `target_error` / `judge_error` with kind `missing`), then
 * rescores and rewrites the exports.
 */
export async function scoreRun(
  runDir: string,
  options: { bootstrapIterations?: number; secrets?: string[]; write?: boolean } = {},
): Promise<{ results: ResultsDocument; paths?: RunExportPaths }> {
  const plan = readRunPlan(runDir);
  const items = await planItems(plan);
  const targets: PreparedTarget[] = plan.targets.map((t) => ({
    id: t.id,
    tags: t.tags,
    adapter: t.adapter,
    model: offline(t.id),
    keyConfig: t.keyConfig,
    params: t.params,
    limits: LANE,
    ...(t.system !== undefined ? { system: t.system } : {}),
    ...(t.epochs !== undefined ? { epochs: t.epochs } : {}),
  }));
  const judges: PreparedJudge[] = plan.judges.map((j) => ({
    id: j.id,
    adapter: j.adapter,
    model: offline(j.id),
    keyConfig: j.keyConfig,
    params: j.params,
    limits: LANE,
  }));
  const store = RunStore.open(runDir, { readonly: true });
  const spools = openSpoolDir(runDir);
  const spool = new AnswerSpool(spoolModels(targets), items, {
    tmpDir: spools.dir,
    epochs: Math.max(1, ...targets.map((t) => t.epochs ?? 1)),
    rounds: plan.followups?.manifest.turns ?? 2,
    secrets: options.secrets ?? [],
  });
  try {
    // The manifest's tallies and the scoring take each answer as it finishes, in leaderboard order
    // where it can: after the last answer only what is left is read back.
    const tally = new AnswerTally(plan, items, { bootstrapIterations: options.bootstrapIterations });
    spool.follow((facts) => tally.add(facts));
    // An adaptive run's generated turns are read back from the store; nothing is regenerated.
    const turnSource = plan.followups
      ? adaptiveSourceOf(plan.followups, {
          model: offline(plan.followups.manifest.attacker.id),
          limits: LANE,
          store,
          taxonomy: defaultTaxonomy,
          replay: true,
        })
      : undefined;
    const engine = await runEngine({
      ...(turnSource ? { turnSource } : {}),
      items,
      targets,
      judges,
      judgeProtocol: {
        ...plan.judge,
        judge: () => Promise.reject(new Error('replay must not judge')),
      },
      // Plans from before contrast judging have no contrast hash: their contrast answers show as unjudged.
      contrastProtocol: {
        ...(plan.judge.contrast ?? {
          promptHash: judgePromptHash({ rubric: 'contrast' }),
          promptVersion: CONTRAST_PROMPT_VERSION,
        }),
        parserVersion: plan.judge.parserVersion,
        judge: () => Promise.reject(new Error('replay must not judge')),
      },
      aggregate: panelAggregator(plan.panel.aggregate),
      store,
      policies: plan.policies,
      replay: true,
      keepRows: false,
      onEvent: (event) => {
        if (event.type === 'row') spool.add(event.row, event.item);
      },
    });
    const results = await buildRunResults({
      plan,
      engine,
      answers: spool,
      tally,
      items,
      toolVersion: toolVersion(),
      commandLine: [],
      ...(options.bootstrapIterations !== undefined ? { bootstrapIterations: options.bootstrapIterations } : {}),
    });
    // `write: false` (score --no-write): recompute and show, leave the exports as they are.
    if (options.write === false) return { results };
    const paths = await writeRunExports(runDir, results, { secrets: options.secrets ?? [] });
    return { results: { ...results, answers: answersFromFile(paths.results, results.answers.length) }, paths };
  } finally {
    spool.close();
    spools.release();
    store.close();
  }
}

/** Plans must describe the same run apart from the shard to be merged. */
function comparable(plan: StoredRunPlan): string {
  const { shard: _shard, ...rest } = plan;
  return canonicalJson(rest);
}

/**
 * `sc-safety merge <dirs…> --out <dir>`: combines shard stores into one run directory (content
 * addresses make this a union; conflicting rows keep the first and are counted) and scores it.
 */
export async function mergeRuns(
  dirs: readonly string[],
  outDir: string,
  options: { bootstrapIterations?: number } = {},
) {
  if (dirs.length < 1) throw new RunDirectoryError('merge: give at least one run directory');
  const plans = dirs.map((d) => readRunPlan(d));
  const first = comparable(plans[0]!);
  // Adaptive turns were written per target from its own answers: never pooled with frozen ones.
  const modeOf = (p: StoredRunPlan) => (p.followups ? `adaptive (${p.followups.manifest.turns} turns)` : 'frozen');
  plans.forEach((p, i) => {
    if (modeOf(p) !== modeOf(plans[0]!)) {
      throw new RunDirectoryError(
        `merge: ${dirs[i]} is a ${modeOf(p)} run and ${dirs[0]} a ${modeOf(plans[0]!)} one; adaptive and frozen runs are scored on separate boards and are never merged`,
      );
    }
  });
  plans.forEach((p, i) => {
    if (comparable(p) !== first) {
      throw new RunDirectoryError(
        `merge: ${dirs[i]} is a different run from ${dirs[0]} (config, dataset, judge or policies differ); only shards of the same run can be merged`,
      );
    }
  });
  const { shard: _shard, ...merged } = plans[0]!;
  const out = RunStore.open(outDir);
  const counts = { answers: 0, judgments: 0, conflicts: 0 };
  try {
    for (const d of dirs) {
      const r = out.mergeFrom(path.join(d, 'store.sqlite'));
      counts.answers += r.answers;
      counts.judgments += r.judgments;
      counts.conflicts += r.conflicts;
    }
    out.setMeta(RUN_PLAN_META_KEY, merged);
  } finally {
    out.close();
  }
  const scored = await scoreRun(outDir, options);
  return { ...scored, counts };
}
