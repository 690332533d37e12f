import type { BlockStage } from '@sc-safety/spec';
import { ANSWER_OUTCOMES, BLOCK_STAGES, isVendorBlock } from './outcome.js';
import type { AnswerOutcome, ScoreRecord } from './outcome.js';
import { maxPointsOf, pointsOf } from './rubric.js';
import type { RubricScale } from './rubric.js';

/** How vendor blocks were distributed in a scope. */
export interface BlockCounts {
  /** Every block, whether the policy left it unscored (`outcome: 'blocked'`) or scored it. */
  total: number;
  /** Blocks the engine's policy turned into a score (they are inside `points` / `maxPoints`). */
  scoredByPolicy: number;
  byStage: Record<BlockStage, number>;
}

/**
 * The score's range if every answer that was asked but not scored had been scored: `worst` counts
 * each as the rubric minimum (0 %), `best` as the maximum (100 %). The two meet at the score when
 * coverage is 100 %.
 */
export interface ScoreBounds {
  worst: number;
  best: number;
}

/** The raw counts behind a score. */
export interface ScopeCounts {
  /** Σ (score − min) over scored answers. */
  points: number;
  /** Σ (max − min) over scored answers. */
  maxPoints: number;
  /** Answers with outcome `scored`. */
  scored: number;
  /** All answers asked in the scope, whatever their outcome (`not_asked` rows are not answers: see `notAsked`). */
  all: number;
  /** Rounds recorded as `not_asked` (never asked, by policy): outside `all`, the means and coverage. */
  notAsked: number;
  /** `scored / all`, or null for an empty scope. */
  coverage: number | null;
  /** Worst / best case over the asked-but-unscored answers; null for an empty scope. */
  bounds: ScoreBounds | null;
  /** Rows per outcome (`scored` includes policy-scored blocks; `blocked` only unscored ones; `not_asked` too). */
  outcomes: Record<AnswerOutcome, number>;
  blocked: BlockCounts;
}

/** A pooled score with its counts: `score = 100 · points / maxPoints`, null when nothing was scored. */
export interface ScopeScore extends ScopeCounts {
  score: number | null;
}

/** Accumulates answers of one scope (a model's round, category, dimension…). */
export class ScopeTally {
  private points = 0;
  private maxPoints = 0;
  private all = 0;
  private readonly outcomes = Object.fromEntries(ANSWER_OUTCOMES.map((o) => [o, 0])) as Record<AnswerOutcome, number>;
  private blockTotal = 0;
  private blockScored = 0;
  private readonly byStage = Object.fromEntries(BLOCK_STAGES.map((s) => [s, 0])) as Record<BlockStage, number>;

  constructor(private readonly rubric: RubricScale) {}

  /** Adds a record that has already passed {@link validateScoreRecords}. */
  add(record: ScoreRecord): void {
    this.outcomes[record.outcome]++;
    if (record.outcome === 'not_asked') return;
    this.all++;
    if (record.outcome === 'scored') {
      this.points += pointsOf(record.score as number, this.rubric);
      this.maxPoints += maxPointsOf(this.rubric);
    }
    if (isVendorBlock(record)) {
      this.blockTotal++;
      if (record.outcome === 'scored') this.blockScored++;
      this.byStage[record.block?.stage ?? 'unknown']++;
    }
  }

  /** An independent copy of this tally, counts and all. */
  clone(): ScopeTally {
    const copy = new ScopeTally(this.rubric);
    copy.points = this.points;
    copy.maxPoints = this.maxPoints;
    copy.all = this.all;
    Object.assign(copy.outcomes, this.outcomes);
    copy.blockTotal = this.blockTotal;
    copy.blockScored = this.blockScored;
    Object.assign(copy.byStage, this.byStage);
    return copy;
  }

  result(): ScopeScore {
    const scored = this.outcomes.scored;
    const full = maxPointsOf(this.rubric);
    const asked = this.all * full;
    return {
      score: this.maxPoints > 0 ? (100 * this.points) / this.maxPoints : null,
      points: this.points,
      maxPoints: this.maxPoints,
      scored,
      all: this.all,
      notAsked: this.outcomes.not_asked,
      coverage: this.all > 0 ? scored / this.all : null,
      bounds:
        asked > 0
          ? { worst: (100 * this.points) / asked, best: (100 * (this.points + (this.all - scored) * full)) / asked }
          : null,
      outcomes: { ...this.outcomes },
      blocked: { total: this.blockTotal, scoredByPolicy: this.blockScored, byStage: { ...this.byStage } },
    };
  }
}
