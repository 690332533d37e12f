import type { CalibrationReport } from '@sc-safety/core';
import type {
  AdaptiveLeaderboard,
  AnswerOutcome,
  LeaderboardSection,
  ResultsModel,
  RunManifest,
} from '@sc-safety/results';

/**
 * What the report page embeds: a small meta block (every run's manifest, models, leaderboards and
 * agreement, plus the taxonomy names) and, per run, a packed answers block. Both are gzip + base64
 * inside `<script type="application/octet-stream">` elements, so the page needs no fetch and opens
 * from file://. The leaderboards come from results.json as written; the report never re-scores.
 */
export const REPORT_DATA_FORMAT = 'sc-safety/report-data' as const;
export const REPORT_DATA_VERSION = 1 as const;

/** Element ids of the embedded blocks. */
export const META_BLOCK_ID = 'sc-meta';
export const answersBlockId = (run: number, chunk: number): string => `sc-answers-${run}-${chunk}`;

/**
 * The global function an answers chunk file calls: `__scSafetyAnswers(run, chunk, "<gzip+base64>")`.
 * Its argument is base64 only, so the file is data the page's code decodes, never code built from it.
 */
export const ANSWER_CHUNK_CALLBACK = '__scSafetyAnswers';

/** One chunk of a run's answers, in answer order. */
export interface AnswerChunkRef {
  /** Answers in the chunk. */
  count: number;
  /**
   * The chunk's file, relative to the page (a `<script>` file beside it); absent when the chunk is
   * a block inside the page ({@link answersBlockId}).
   */
  src?: string;
}

/** A category or sub-dimension name pair, as the taxonomy has it. */
export interface TaxonomyName {
  id: string;
  zh: string;
  en: string;
  /** Sub-dimensions only: the category it belongs to. */
  category?: string;
}

/** One run's everything except its answers. */
export interface ReportRunMeta {
  /** A short label: the run directory's name. */
  label: string;
  schemaVersion: number;
  manifest: RunManifest;
  models: ResultsModel[];
  leaderboard: LeaderboardSection;
  /** The judge panel's agreement statistics (results.json `agreement`), null without a panel. */
  agreement: ReportAgreement | null;
  /** Answers in this run's packed chunks. */
  answerCount: number;
  /** The run's answer chunks, in answer order. */
  answerChunks: AnswerChunkRef[];
  /** Ids of the items with no follow-up (round 1 only), in answer order; empty when every item is a pair. */
  singleTurnItems: string[];
  /** results.json `calibration` (sc-safety judge calibrate), when the run has one. */
  calibration?: CalibrationReport | null;
  /** results.json `adaptiveLeaderboard` (schema 3): an adaptive run's own board, never mixed with `leaderboard`. */
  adaptiveLeaderboard?: AdaptiveLeaderboard;
}

/** The parts of results.json `agreement` the report shows; other fields are kept but unread. */
export interface ReportAgreement {
  judges?: string[];
  units?: number;
  comparisons?: number;
  exactAgreement?: number | null;
  pairs?: { judgeA: string; judgeB: string; n: number; exact: number | null; kappa: number | null }[];
  alpha?: { ordinal?: number | null; interval?: number | null };
}

/** The meta block. */
export interface ReportMeta {
  format: typeof REPORT_DATA_FORMAT;
  version: typeof REPORT_DATA_VERSION;
  generatedAt: string;
  categories: TaxonomyName[];
  dimensions: TaxonomyName[];
  runs: ReportRunMeta[];
}

/** One judge's verdict on one answer, unpacked. */
export interface ReportJudgment {
  judgeId: string;
  outcome: string;
  score: number | null;
  reason: string | null;
  error: string | null;
}

/** One answer as the browser uses it. All text fields are untrusted and shown only as text. */
export interface ReportAnswer {
  /** Position in the run's answers (stable: a URL can point at it). */
  index: number;
  model: string;
  itemId: string;
  category: string;
  dimension: string;
  /** 1 or 2; adaptive runs (schema 3) go on to their last turn. */
  round: number;
  outcome: AnswerOutcome;
  score: number | null;
  vendorBlocked: boolean;
  cached: boolean;
  text: string;
  prompt: string | null;
  previousReply: string | null;
  system: string | null;
  reasoningText: string | null;
  judgments: ReportJudgment[];
  block: { stage: string; code: string; message: string; partialText: string | null } | null;
  error: { kind: string; message: string; status: number | null } | null;
  latencyMs: number | null;
  finishReason: string | null;
  /** Panel spread (max − min of scored verdicts), null without two scored verdicts. */
  panelSpread: number | null;
  /**
   * An adaptive run's generated turn: the strategy the attacker used and its outcome (`ok`, or
   * what left this turn not asked); absent for frozen turns.
   */
  followup?: { strategy: string; outcome: string; attacker: string } | null;
}

/**
 * Packed answers: short strings go through one table (model ids, item ids and judge reasons repeat
 * everywhere), each answer is an array of numbers and table indexes. Long strings (answer texts,
 * prompts) are written in place: they seldom repeat within a chunk, and looking each up in the
 * table cost more than gzip needs to fold the repeats. `-1` stands for "absent" in string and
 * number slots.
 */
export interface PackedAnswers {
  strings: string[];
  rows: PackedRow[];
}

/** A string slot: an index into {@link PackedAnswers.strings}, -1 for none, or the string itself. */
export type PackedString = number | string;

/** [judgeId, outcome, score, reason, error] */
export type PackedJudgment = [PackedString, number, number, PackedString, PackedString];

/**
 * [model, itemId, category, dimension, round, outcome, score, flags, text, prompt, previousReply,
 *  system, reasoningText, judgments, block, error, latencyMs, finishReason, panelSpread, followup?]
 * flags: bit 0 vendorBlocked, bit 1 cached. block: [stage, code, message, partialText] or 0.
 * error: [kind, message, status] or 0. followup (adaptive turns only): [strategy, outcome, attacker].
 */
export type PackedRow = [
  PackedString,
  PackedString,
  PackedString,
  PackedString,
  number,
  number,
  number,
  number,
  PackedString,
  PackedString,
  PackedString,
  PackedString,
  PackedString,
  PackedJudgment[],
  [PackedString, PackedString, PackedString, PackedString] | 0,
  [PackedString, PackedString, number] | 0,
  number,
  PackedString,
  number,
  [PackedString, PackedString, PackedString]?,
];
