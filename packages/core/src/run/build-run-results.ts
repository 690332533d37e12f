import { isContrastItem } from '../engine/contrast-items.js';
import type { LaneReport, RunEngineResult } from '../engine/runner.js';
import type { ItemLookup, ItemSource, ItemSpool } from '../engine/item-spool.js';
import type { AnswerRow, EngineItem } from '../engine/types.js';
import type { AnswerSpool } from '../export/answer-spool.js';
import { resultsDocumentOf } from '../export/build-results.js';
import { AnswerTally } from './answer-tally.js';
import { TurnBudget } from '../engine/turn-budget.js';
import type { ManifestStop, ResultsDocument, RunManifest } from '@sc-safety/results';
import { judgeAgreement } from '../judge/judge-agreement.js';
import type { StoredRunPlan } from './run-plan.js';
import {
  configModelId,
  extraTurnsWarningOf,
  hasExtraTurns,
  judgeTargetWarnings,
  servedChangeWarnings,
} from './run-warnings.js';

/**
 * The manifest status as results-types.ts defines it: `complete` when every requested answer
 * exists — every model × item × round the run asked for, so a `--limit` or `--shard` run whose
 * items are all answered is complete; `partial` when the run ended with work missing: a stopped
 * lane (auth, quota), an answer that failed (`target_error`), or answers missing from the store on
 * a replay; `failed` when a model asked for answers got none scored (0% coverage: a dead endpoint,
 * a rejected key, a judge that never answered), whatever else happened.
 */
function runStatus(
  engine: RunEngineResult,
  laneStopped: boolean,
  missing: boolean,
  unscoredModel: boolean,
): RunManifest['status'] {
  if (engine.interrupted) return 'interrupted';
  if (unscoredModel) return 'failed';
  return missing || laneStopped ? 'partial' : 'complete';
}

/**
 * How many of the items run are pairs and how many single-turn, and how many have turns a run never
 * asks: one pass over the items (read one at a time from a spool), giving the event loop a turn
 * every few milliseconds.
 */
async function itemShapes(
  items: readonly EngineItem[] | ItemSource,
  budget: TurnBudget,
): Promise<{ itemsRun: number; pairs: number; singleTurn: number; extraTurns: number }> {
  // Contrast items (expect: comply) are the over-refusal control, not dataset items: counted apart.
  let singleTurn = 0;
  let contrast = 0;
  let extraTurns = 0;
  // An item spool knows each item's shape without reading it.
  const spool = typeof (items as Partial<ItemSpool>).shapeAt === 'function' ? (items as ItemSpool) : undefined;
  for (let i = 0; i < items.length; i++) {
    const item = spool === undefined ? items.at(i) : undefined;
    const shape =
      spool?.shapeAt(i) ??
      (item === undefined ? undefined : { turns: item.turns.length, contrast: isContrastItem(item) });
    if (shape === undefined) continue;
    if (shape.contrast) contrast++;
    else if (shape.turns === 1) singleTurn++;
    if (hasExtraTurns({ turns: { length: shape.turns } })) extraTurns++;
    const pause = budget.pause();
    if (pause) await pause;
  }
  const itemsRun = items.length - contrast;
  return { itemsRun, pairs: itemsRun - singleTurn, singleTurn, extraTurns };
}

/**
 * results.json for a finished (or replayed) engine run. Its one pass over the rows gives the event
 * loop a turn every few milliseconds (progress and Ctrl-C stay live while a big run is scored).
 */
export async function buildRunResults(input: {
  plan: StoredRunPlan;
  engine: RunEngineResult;
  /**
   * The answers, when the engine did not keep its rows (`keepRows: false`): spooled as they
   * finished, already rendered for the exports. Default: `engine.rows`.
   */
  answers?: AnswerSpool;
  /**
   * The tally the spool fed as answers finished (`answers.follow`), when it did: it is given the
   * answers it has not seen yet. Without it (or when the spool could not keep feeding it in
   * order) a new tally reads every answer.
   */
  tally?: AnswerTally;
  /** The items run: an array, or an `ItemSpool`. */
  items: readonly EngineItem[] | (ItemSource & ItemLookup);
  toolVersion: string;
  commandLine: string[];
  bootstrapIterations?: number;
  status?: RunManifest['status'];
}): Promise<ResultsDocument> {
  const { plan, engine } = input;
  const budget = new TurnBudget();
  // The answers' facts, each once, in leaderboard order: a spool that fed the tally as answers
  // finished gives only what it has not given yet; otherwise a new tally reads every answer.
  const followed = input.tally !== undefined && input.answers?.followed === true;
  const tally = followed
    ? input.tally!
    : new AnswerTally(plan, input.items, { bootstrapIterations: input.bootstrapIterations });
  const rows: Iterable<AnswerRow> = followed ? input.answers!.factsLeft() : (input.answers?.facts() ?? engine.rows);
  for (const r of rows) {
    tally.add(r);
    const pause = budget.pause();
    if (pause) await pause;
  }
  const { scorer, served, usage, ratings } = tally;
  const panel = plan.judges.length >= 2;
  const modelInputs = tally.models;
  // The bootstrap's resamples, a turn each: the event loop stays live while a big run is scored.
  const scoring = scorer.finishSteps();
  let step = scoring.next();
  while (step.done !== true) {
    const pause = budget.pause();
    if (pause) await pause;
    step = scoring.next();
  }
  const scored = step.value;
  const shapes = await itemShapes(input.items, budget);
  const { timings } = tally.stats.stats();
  const perModel: RunManifest['timings']['perModel'] = {};
  for (const t of plan.targets) {
    const stats = timings[t.id] ?? { answers: 0, cachedAnswers: 0, latencyMsP50: null, latencyMsP95: null, retries: 0 };
    perModel[t.id] = { ...stats, retries: engine.lanes.targets.find((l) => l.id === t.id)?.retries ?? 0 };
  }
  const stops = [...laneStops(engine.lanes.targets, 'model'), ...laneStops(engine.lanes.judges, 'judge')];
  const adapters = new Map<string, { id: string; name: string; version: string; packageName: string }>();
  for (const a of [...plan.targets, ...plan.judges].map((m) => m.adapter))
    adapters.set(`${a.name}@${a.version}`, { id: `${a.name}@${a.version}`, ...a });
  const servedModels = served.summary();
  const manifest: RunManifest = {
    toolVersion: input.toolVersion,
    createdAt: engine.finishedAt,
    status: input.status ?? runStatus(engine, stops.length > 0, tally.missing, tally.unscoredModel),
    dataset: {
      ref: plan.dataset.ref,
      fingerprint: plan.dataset.fingerprint,
      items: plan.dataset.items,
      itemsRun: shapes.itemsRun,
      pairs: shapes.pairs,
      singleTurn: shapes.singleTurn,
      ...(plan.dataset.header !== undefined ? { header: plan.dataset.header } : {}),
      ...(plan.dataset.contrast !== undefined
        ? {
            contrast: {
              ref: plan.dataset.contrast.ref,
              fingerprint: plan.dataset.contrast.fingerprint,
              items: plan.dataset.contrast.items,
            },
          }
        : {}),
    },
    ...(plan.shard ? { shard: plan.shard } : {}),
    adapters: [...adapters.values()],
    models: plan.targets.map((t) => ({
      id: t.id,
      adapter: `${t.adapter.name}@${t.adapter.version}`,
      tags: t.tags,
      config: t.manifestConfig,
      params: t.params,
      ...(t.system !== undefined ? { system: t.system } : {}),
      ...(t.epochs !== undefined && t.epochs > 1
        ? { epochs: t.epochs, ...(t.epochSeed ? { epochSeed: t.epochSeed } : {}) }
        : {}),
    })),
    judges: plan.judges.map((j) => ({
      id: j.id,
      adapter: `${j.adapter.name}@${j.adapter.version}`,
      model: j.model,
      params: j.params,
    })),
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
    servedModels,
    warnings: runWarnings(plan, shapes.extraTurns, servedModels, served.judgeServedIds()),
    ...(plan.followups ? { followups: plan.followups.manifest } : {}),
  };
  return resultsDocumentOf(
    {
      rows: input.answers?.facts() ?? engine.rows,
      models: modelInputs,
      manifest,
      items: input.items,
      agreement: panel && ratings.length > 0 ? judgeAgreement(ratings) : null,
    },
    scored,
    input.answers,
  );
}

/** The manifest's stops: each lane of this role an auth or quota error stopped, with the vendor's message. */
function laneStops(lanes: readonly LaneReport[], role: ManifestStop['role']): ManifestStop[] {
  return lanes.flatMap((l) =>
    l.stopped ? [{ id: l.id, role, kind: l.stopped.kind as ManifestStop['kind'], message: l.stopped.message }] : [],
  );
}

/** The manifest's warnings: a judge also under test, a served model that changed, turns not asked. */
function runWarnings(
  plan: StoredRunPlan,
  extraTurns: number,
  servedModels: RunManifest['servedModels'] & object,
  judgeServed: ReadonlyMap<string, ReadonlySet<string>>,
): NonNullable<RunManifest['warnings']> {
  const targets = plan.targets.map((t) => ({ id: t.id, adapter: t.adapter.name, model: configModelId(t.keyConfig) }));
  const judges = plan.judges.map((j) => ({ id: j.id, adapter: j.adapter.name, model: j.model }));
  const extra = extraTurnsWarningOf(extraTurns);
  return [
    ...judgeTargetWarnings(targets, judges, { targets: servedModels, judges: judgeServed }),
    ...servedChangeWarnings(servedModels),
    ...plan.targets
      .filter((t) => t.epochSeed === 'unsupported')
      .map((t) => ({
        code: 'epochs-seed-unsupported',
        message: `${t.id}: its adapter ignores seeds, so its ${t.epochs ?? 1} epochs differ only by the vendor's own sampling (set a temperature above 0)`,
        models: [t.id],
      })),
    ...(extra === undefined ? [] : [extra]),
  ];
}
