import type { UsageV1 } from '@sc-safety/spec';
import type { RunEngineResult } from '../engine/runner.js';
import type { AnswerRow, EngineItem } from '../engine/types.js';
import { buildResults } from '../export/build-results.js';
import { rowStats } from '../export/run-stats.js';
import type { ResultsFile, RunManifest, UsageTotals } from '../export/results-types.js';
import { judgeAgreement } from '../judge/judge-agreement.js';
import type { StoredRunPlan } from './run-plan.js';

const emptyTotals = (): UsageTotals => ({ inputTokens: 0, outputTokens: 0, totalTokens: 0, calls: 0 });

function add(t: UsageTotals, u: UsageV1 | undefined): void {
  t.calls++;
  if (!u) return;
  t.inputTokens += u.inputTokens ?? 0;
  t.outputTokens += u.outputTokens ?? 0;
  t.totalTokens += u.totalTokens ?? (u.inputTokens ?? 0) + (u.outputTokens ?? 0);
}

/** Panel agreement over the answers the judges graded (null without a panel). */
export function panelAgreement(rows: readonly AnswerRow[], judges: number): object | null {
  if (judges < 2) return null;
  const ratings = rows.flatMap((r) =>
    r.judgments.map((j) => ({ unit: `${r.model}\u0000${r.itemId}\u0000${r.round}`, judgeId: j.judgeId, score: j.outcome === 'scored' ? (j.score ?? null) : null })),
  );
  return ratings.length ? judgeAgreement(ratings) : null;
}

/**
 * The manifest status as results-types.ts defines it: `partial` when the run ended with work
 * missing — a stopped lane (auth, quota), a shard, a `limit` that left items out, or answers
 * missing from the store on a replay.
 */
function runStatus(plan: StoredRunPlan, engine: RunEngineResult, itemsRun: number, laneStopped: boolean): RunManifest['status'] {
  if (engine.interrupted) return 'interrupted';
  const missing = engine.rows.some((r) => r.error?.kind === 'missing');
  const limited = plan.limit !== undefined && itemsRun < plan.dataset.items;
  return missing || laneStopped || plan.shard !== undefined || limited ? 'partial' : 'complete';
}

/** results.json for a finished (or replayed) engine run. */
export function buildRunResults(input: {
  plan: StoredRunPlan;
  engine: RunEngineResult;
  items: readonly EngineItem[];
  toolVersion: string;
  commandLine: string[];
  bootstrapIterations?: number;
  status?: RunManifest['status'];
}): ResultsFile {
  const { plan, engine } = input;
  const usage = { models: {} as Record<string, UsageTotals>, judges: {} as Record<string, UsageTotals> };
  // Latency and call counts describe this invocation (rowStats); token usage covers every answer
  // in the results, stored earlier or not, so a resumed run still shows what its answers cost.
  const { timings } = rowStats(engine.rows);
  const perModel: RunManifest['timings']['perModel'] = {};
  for (const t of plan.targets) {
    const totals = emptyTotals();
    for (const r of engine.rows) if (r.model === t.id && r.answerKey && r.latencyMs !== undefined) add(totals, r.usage);
    usage.models[t.id] = totals;
    const stats = timings[t.id] ?? { answers: 0, cachedAnswers: 0, latencyMsP50: null, latencyMsP95: null, retries: 0 };
    perModel[t.id] = { ...stats, retries: engine.lanes.targets.find((l) => l.id === t.id)?.retries ?? 0 };
  }
  for (const j of plan.judges) {
    const totals = emptyTotals();
    for (const r of engine.rows) for (const v of r.judgments) if (v.judgeId === j.id && v.outcome !== 'judge_error') add(totals, v.usage);
    usage.judges[j.id] = totals;
  }
  const stops = [
    ...engine.lanes.targets.filter((l) => l.stopped).map((l) => ({ id: l.id, role: 'model' as const, kind: l.stopped!.kind as 'auth' | 'quota_exhausted', message: l.stopped!.message })),
    ...engine.lanes.judges.filter((l) => l.stopped).map((l) => ({ id: l.id, role: 'judge' as const, kind: l.stopped!.kind as 'auth' | 'quota_exhausted', message: l.stopped!.message })),
  ];
  const adapters = new Map<string, { id: string; name: string; version: string; packageName: string }>();
  for (const a of [...plan.targets, ...plan.judges].map((m) => m.adapter)) adapters.set(`${a.name}@${a.version}`, { id: `${a.name}@${a.version}`, ...a });
  const manifest: RunManifest = {
    toolVersion: input.toolVersion,
    createdAt: engine.finishedAt,
    status: input.status ?? runStatus(plan, engine, input.items.length, stops.length > 0),
    dataset: { ref: plan.dataset.ref, fingerprint: plan.dataset.fingerprint, items: plan.dataset.items, itemsRun: input.items.length },
    ...(plan.shard ? { shard: plan.shard } : {}),
    adapters: [...adapters.values()],
    models: plan.targets.map((t) => ({
      id: t.id,
      adapter: `${t.adapter.name}@${t.adapter.version}`,
      tags: t.tags,
      config: t.manifestConfig,
      params: t.params,
      ...(t.system !== undefined ? { system: t.system } : {}),
    })),
    judges: plan.judges.map((j) => ({ id: j.id, adapter: `${j.adapter.name}@${j.adapter.version}`, model: j.model, params: j.params })),
    judge: { ...plan.judge, panel: { aggregate: plan.panel.aggregate, size: plan.judges.length } },
    policies: plan.policies,
    timings: {
      startedAt: engine.startedAt,
      finishedAt: engine.finishedAt,
      durationMs: Date.parse(engine.finishedAt) - Date.parse(engine.startedAt),
      perModel,
    },
    usage,
    stops,
    commandLine: input.commandLine,
  };
  return buildResults({
    rows: engine.rows,
    models: plan.targets.map((t) => ({ id: t.id, adapter: t.adapter, tags: t.tags, ...(t.system !== undefined ? { system: t.system } : {}) })),
    manifest,
    items: input.items,
    agreement: panelAgreement(engine.rows, plan.judges.length),
    ...(input.bootstrapIterations !== undefined ? { scoring: input.bootstrapIterations > 0 ? { bootstrap: { iterations: input.bootstrapIterations } } : { bootstrap: false } } : {}),
  });
}
