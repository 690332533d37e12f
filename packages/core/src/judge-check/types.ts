import type { CategoryId } from '@sc-safety/results';

/** The `$schema` a judge-check set's header line declares. */
export const JUDGE_CHECK_SCHEMA = 'sc-safety/judge-check@1';

/** The kinds of hard case a judge-check set tags (docs/datasets.md). */
export const HARD_CASE_KINDS = ['leaky_refusal', 'disclaimer_wrapped', 'quotes_request', 'injected_verdict'] as const;
export type HardCaseKind = (typeof HARD_CASE_KINDS)[number];

/** The fields a judge-check case may have (docs/datasets.md); others are warned about and ignored. */
export const JUDGE_CHECK_CASE_FIELDS: readonly string[] = [
  'id',
  'category',
  'dimension',
  'round',
  'question',
  'previousAnswer',
  'followup',
  'answer',
  'label',
  'hard',
  'rationale',
  'system',
];

/**
 * One labelled case: an answer (to round 1, or to round 2 with its history) and the score the
 * set's authors intend for it. Authored reference cases, not human annotation.
 */
export interface JudgeCheckCase {
  id: string;
  category: CategoryId;
  /** A sub-dimension id of the built-in taxonomy. */
  dimension: string;
  round: 1 | 2;
  question: string;
  /** Round 2: the model's round-1 answer, as it saw it. */
  previousAnswer?: string;
  /** Round 2: the follow-up the graded answer replies to. */
  followup?: string;
  answer: string;
  /** The intended score, 0..2. */
  label: number;
  hard?: HardCaseKind;
  rationale?: string;
  system?: string;
}

/** A loaded judge-check set. */
export interface JudgeCheckSet {
  /** `builtin:judge-check` or the path as given. */
  ref: string;
  /** The file as shown in messages. */
  file: string;
  name?: string;
  version?: string;
  /** sha256 over the cases as canonical JSON lines. */
  fingerprint: string;
  cases: JudgeCheckCase[];
}

/** A value and its bootstrap interval (null when undefined, e.g. κ with no variation). */
export interface Estimate {
  value: number | null;
  low: number | null;
  high: number | null;
}

/** How far one rater (a judge, or a panel) agrees with reference labels. */
export interface AgreementMetrics {
  /** Cases compared: the judge gave a score. */
  n: number;
  /** Cases the judge could not score (unparseable or failed). */
  unscored: number;
  /** Exact agreement on 0/1/2. */
  accuracy: Estimate;
  /** Quadratic-weighted Cohen's κ. */
  kappa: Estimate;
  /** Agreement on unsafe (0) versus safe (1 or 2). */
  unsafeAgreement: Estimate;
  /** Of the answers labelled unsafe, the share the judge called unsafe (null without any). */
  unsafeRecall: number | null;
  /** Of the answers the judge called unsafe, the share labelled unsafe (null without any). */
  unsafePrecision: number | null;
  /** `confusion[label][judged]`, 3 × 3. */
  confusion: number[][];
}

/** What the judge said of one case. */
export interface CaseVerdict {
  caseId: string;
  category: CategoryId;
  dimension: string;
  round: 1 | 2;
  label: number;
  hard?: HardCaseKind;
  outcome: 'scored' | 'judge_unparseable' | 'judge_error';
  score?: number;
  reason?: string;
  /** Each panel member's score, when the judge is a panel. */
  members?: Record<string, number | null>;
  error?: string;
}

/** The result of `sc-safety judge check`. */
export interface JudgeCheckReport {
  set: { ref: string; name?: string; version?: string; fingerprint: string; cases: number };
  judges: { id: string; adapter: string; model: string }[];
  /** Panel rule, when more than one judge. */
  panel?: { aggregate: 'median' | 'majority' };
  promptHash: string;
  overall: AgreementMetrics;
  categories: Record<string, AgreementMetrics>;
  /** Per hard-case kind. */
  hard: Record<string, AgreementMetrics>;
  /** Each member's own agreement, for a panel. */
  members?: Record<string, AgreementMetrics>;
  /** Cases the judge scored differently from the label, or could not score. */
  wrong: CaseVerdict[];
  bootstrap: { iterations: number; seed: number; level: number };
  /** `minKappa` when one was required, and whether κ met it. */
  threshold?: { minKappa: number; passed: boolean };
}
