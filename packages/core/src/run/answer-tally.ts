import type { UsageV1 } from '@sc-safety/spec';
import type { UsageTotals } from '@sc-safety/results';
import type { ItemLookup } from '../engine/item-spool.js';
import type { AnswerRow, EngineItem } from '../engine/types.js';
import { RowScorer, type ResultsModelInput } from '../export/build-results.js';
import { RowStatsTally } from '../export/run-stats.js';
import { ServedModelTally } from '../export/served-models.js';
import type { JudgeRating } from '../judge/judge-agreement.js';
import { bootstrapScoring } from './bootstrap-scoring.js';
import type { StoredRunPlan } from './run-plan.js';

const emptyTotals = (): UsageTotals => ({ inputTokens: 0, outputTokens: 0, totalTokens: 0, calls: 0 });

function addUsage(t: UsageTotals, u: UsageV1 | undefined): void {
  t.calls++;
  if (!u) return;
  t.inputTokens += u.inputTokens ?? 0;
  t.outputTokens += u.outputTokens ?? 0;
  t.totalTokens += u.totalTokens ?? (u.inputTokens ?? 0) + (u.outputTokens ?? 0);
}

function judgeRating(r: AnswerRow, j: AnswerRow['judgments'][number]): JudgeRating {
  return {
    unit: `${r.model}\u0000${r.itemId}\u0000${r.round}`,
    judgeId: j.judgeId,
    score: j.outcome === 'scored' ? (j.score ?? null) : null,
  };
}

/**
 * Everything a run's manifest and boards take from its answers, one answer at a time in
 * leaderboard order: token usage per model and judge, answers requested and scored per model,
 * whether any is missing, the judges' ratings (a panel's agreement), served versions, latency and
 * call counts, and the scoring itself. It reads only an answer's facts (no texts), so it can be
 * fed as answers finish (`AnswerSpool.follow`) or from the spool after the last one.
 */
export class AnswerTally {
  readonly usage = { models: {} as Record<string, UsageTotals>, judges: {} as Record<string, UsageTotals> };
  /** An answer is missing: failed, not asked after a stop, missing on a replay, or turns left unasked. */
  missing = false;
  /** Per model: answers requested, and answers scored (a model with none scored failed). */
  readonly requested = new Map<string, number>();
  readonly scoredByModel = new Map<string, number>();
  readonly ratings: JudgeRating[] = [];
  readonly served: ServedModelTally;
  readonly stats = new RowStatsTally();
  readonly scorer: RowScorer;
  readonly models: ResultsModelInput[];
  readonly #panel: boolean;

  constructor(
    plan: StoredRunPlan,
    items: readonly EngineItem[] | ItemLookup,
    options: { bootstrapIterations?: number } = {},
  ) {
    for (const t of plan.targets) this.usage.models[t.id] = emptyTotals();
    for (const j of plan.judges) this.usage.judges[j.id] = emptyTotals();
    this.#panel = plan.judges.length >= 2;
    this.served = new ServedModelTally(plan.targets.map((t) => t.id));
    this.models = plan.targets.map((t) => ({
      id: t.id,
      adapter: t.adapter,
      tags: t.tags,
      ...(t.system !== undefined ? { system: t.system } : {}),
    }));
    this.scorer = new RowScorer({
      models: this.models,
      items,
      ...(plan.followups ? { adaptive: { turns: plan.followups.manifest.turns } } : {}),
      ...bootstrapScoring(options.bootstrapIterations),
    });
  }

  /**
   * Takes the next answer's facts (in leaderboard order). Latency and call counts describe this
   * invocation; token usage covers every answer in the results, stored earlier or not, so a
   * resumed run still shows what its answers cost.
   *
   * @throws {ScoringInputError} when the answer cannot be scored (see `RowScorer`).
   */
  add(r: AnswerRow): void {
    this.stats.add(r);
    this.served.add(r);
    const modelTotals = this.usage.models[r.model];
    if (modelTotals && r.answerKey && r.latencyMs !== undefined) addUsage(modelTotals, r.usage);
    for (const v of r.judgments) {
      const judgeTotals = this.usage.judges[v.judgeId];
      if (judgeTotals && v.outcome !== 'judge_error') addUsage(judgeTotals, v.usage);
      if (this.#panel) this.ratings.push(judgeRating(r, v));
    }
    // No answer for a requested call: failed, not asked after a stop, or missing on a replay.
    if (r.outcome === 'target_error') this.missing = true;
    // A failed attacker call left turns unasked; a re-run asks it again.
    if (r.followup?.outcome === 'attacker_error') this.missing = true;
    this.requested.set(r.model, (this.requested.get(r.model) ?? 0) + 1);
    if (r.outcome === 'scored') this.scoredByModel.set(r.model, (this.scoredByModel.get(r.model) ?? 0) + 1);
    this.scorer.add(r);
  }

  /** Whether a model asked for answers got none scored. */
  get unscoredModel(): boolean {
    return [...this.requested].some(([model, n]) => n > 0 && (this.scoredByModel.get(model) ?? 0) === 0);
  }
}
