import type { JudgeCheckSummary } from './judge-check-summary.js';
import type {
  BlockStage,
  FinishReasonV1,
  GenerationParamsV1,
  ServedModelV1,
  UsageV1,
  WarningV1,
} from '@sc-safety/spec';
import type { EnginePolicies } from './policies.js';
import type { DatasetHeaderInfo } from './dataset-header.js';
import type { AnswerOutcome } from '../scoring/outcome.js';
import type { LeaderboardSection } from '../scoring/leaderboard-section.js';
import type { AdaptiveLeaderboard } from '../scoring/adaptive-board.js';
import type { CategoryId } from '../taxonomy/types.js';

/**
 * The version of the results.json layout (docs/results-schema.md). Additive changes (new optional
 * fields, new outcome counts…) keep it; a rename, removal or change of meaning bumps it.
 */
export const RESULTS_SCHEMA_VERSION = 3 as const;

/**
 * Versions this reader accepts: version-1 files (before `not_asked` and the matched-pair Δ) and
 * version-2 files (rounds 1 and 2 only, no adaptive follow-ups) still read: every version-3 field
 * they lack is optional, and their rounds are a subset of version 3's.
 */
export const READABLE_RESULTS_SCHEMA_VERSIONS: readonly number[] = [1, 2, 3];

/** The `format` marker of results.json, so tools can tell the file apart from other JSON. */
export const RESULTS_FORMAT = 'sc-safety/results' as const;

/** An adapter as recorded in a run: its name, version and npm package. */
export interface ResultsAdapter {
  /** `name@version`, the form used everywhere else in the file. */
  id: string;
  name: string;
  version: string;
  packageName: string;
}

/** A model under test as it was configured, without secrets. */
export interface ManifestModel {
  id: string;
  /** `name@version` of its adapter. */
  adapter: string;
  tags: string[];
  /** The adapter config after secrets were removed (the same object that keys the answer store). */
  config: unknown;
  params: GenerationParamsV1;
  /** The system prompt that overrode the items' own, when one was configured. */
  system?: string;
  /**
   * Epochs asked of the model (`epochs`), when more than one; and how epochs 2… were seeded:
   * `epoch` (a seed derived from the epoch was sent), `config` (the params' own seed was kept),
   * `unsupported` (the adapter ignores seeds: epochs differ only by the vendor's own sampling).
   */
  epochs?: number;
  epochSeed?: 'epoch' | 'config' | 'unsupported';
}

/** One judge of the panel, without secrets. */
export interface ManifestJudge {
  id: string;
  /** `name@version` of its adapter. */
  adapter: string;
  /** The vendor model the judge calls (e.g. `qwen-max`). */
  model: string;
  params: GenerationParamsV1;
}

/** The judging method in force: every judgment in the run used it. */
export interface ManifestJudgeMethod {
  /** Hash of the judge prompt template; part of every judgment's content address. */
  promptHash: string;
  promptVersion: string;
  parserVersion: string;
  /**
   * The contrast (over-refusal) rubric's prompt hash and version, when the run asked contrast items:
   * their judgments carry this hash instead of `promptHash`, so the two never mix.
   */
  contrast?: { promptHash: string; promptVersion: string };
  /** How the panel's verdicts became one score (`median`, `mean`, `min`, …) and how many judges sat. */
  panel: { aggregate: string; size: number };
  /** The judge check the run required (`judge.check`) and its result, when there was one. */
  check?: JudgeCheckSummary;
}

/** Tokens and calls of one model or judge. Tokens are the sums the vendors reported. */
export interface UsageTotals {
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
  /** Vendor calls made in this run, retries included (cache hits excluded). */
  calls: number;
}

/** What one model's lane did in this run. */
export interface ModelTimings {
  /** Answers recorded for the model (every outcome). */
  answers: number;
  /** Of those, answers replayed from the store instead of called. */
  cachedAnswers: number;
  /** Median and 95th percentile of call latency over answers that have one; null when none do. */
  latencyMsP50: number | null;
  latencyMsP95: number | null;
  /** Retries of retryable errors (429, 5xx, timeouts) after first attempts. */
  retries: number;
}

/** A model or judge whose lane stopped early because its account could not go on. */
export interface ManifestStop {
  /** The model id, or the judge id for `role: 'judge'`. */
  id: string;
  role: 'model' | 'judge';
  kind: 'auth' | 'quota_exhausted';
  /** The vendor's message, redacted. */
  message: string;
}

/** One served version of a model: the fields its vendor reported, and how many answers carried them. */
export interface ManifestServedVersion extends ServedModelV1 {
  answers: number;
}

/** What a model's vendor reported as answering over the run (answers' `servedModel`). */
export interface ManifestServedModel {
  /** The distinct served versions (each distinct combination of fields), most answers first. */
  versions: ManifestServedVersion[];
  /** Answers with no served model (errors, rows never asked, adapters or vendors that report none). */
  unreported: number;
  /**
   * The served model changed mid-run: answers name more than one distinct id, fingerprint, digest
   * or path. Scores then mix two models (or two configurations of one).
   */
  changed: boolean;
}

/** A run-level warning: something about the run a reader of its scores should know. */
export interface ManifestWarning {
  /**
   * `judge-is-target`: a judge is also a model under test (same adapter and model id, or the same
   * served id); `served-model-changed`: a model's served version changed mid-run;
   * `extra-turns`: dataset items have more turns than the run asks (the rest were not asked).
   */
  code: 'judge-is-target' | 'served-model-changed' | 'extra-turns' | (string & {});
  message: string;
  /** The model and judge ids concerned, when the warning is about some. */
  models?: string[];
  /** How many items or answers it concerns, when it counts them. */
  count?: number;
}

/**
 * Everything needed to know how a results file came to be: tool and adapter versions, the
 * dataset's fingerprint, the configs (sanitised), the judging method, the policies that move
 * scores, timings, usage and any early stops.
 */
export interface RunManifest {
  /** Version of the sc-safety tool that wrote the file. */
  toolVersion: string;
  /** ISO 8601 time the file was built. */
  createdAt: string;
  /**
   * `complete`: every requested model × item × round has an answer (a `--limit` or `--shard` run
   * counts what it was asked for); `interrupted`: the run was stopped (Ctrl-C) and a re-run resumes
   * it; `partial`: it ended with work missing (a lane stopped, an answer failed, answers missing);
   * `failed`: a model asked for answers has none scored (0% coverage). Added in 0.2: readers of
   * older files never see it; readers written before it should treat unknown values as not complete.
   */
  status: 'complete' | 'interrupted' | 'partial' | 'failed';
  dataset: {
    /** How the dataset was named (`builtin:sample`, a path). */
    ref: string;
    /** Content fingerprint of the items (see the dataset module). */
    fingerprint: string;
    /** Items (pairs) in the dataset. */
    items: number;
    /** Items this run (or shard) was asked to run. */
    itemsRun: number;
    /** Of the items run: two-round items (question + follow-up). Absent in files written before it was added. */
    pairs?: number;
    /** Of the items run: single-turn items (round 1 only; no round 2, Δ, flip rate or 多轮交互榜). */
    singleTurn?: number;
    /** What the dataset's header says about it (name, version, licence, citation, source); absent when it says nothing. */
    header?: DatasetHeaderInfo;
    /**
     * The contrast set (`contrast:` in the config) when the run asked one: its reference, fingerprint
     * and items. Its items are also counted in `itemsRun` and `singleTurn`.
     */
    contrast?: { ref: string; fingerprint: string; items: number };
  };
  /** This file covers one shard of the items when the run was split across machines. */
  shard?: { index: number; count: number };
  adapters: ResultsAdapter[];
  models: ManifestModel[];
  judges: ManifestJudge[];
  /** The judging method; null when no judge ran. */
  judge: ManifestJudgeMethod | null;
  policies: EnginePolicies;
  timings: {
    startedAt: string;
    finishedAt: string;
    durationMs: number;
    perModel: Record<string, ModelTimings>;
  };
  usage: {
    models: Record<string, UsageTotals>;
    judges: Record<string, UsageTotals>;
  };
  stops: ManifestStop[];
  /** The command's arguments, secrets redacted. */
  commandLine: string[];
  /**
   * Per model id: the served versions its vendor reported, with counts, and whether it changed
   * mid-run. Absent in files written before it existed.
   */
  servedModels?: Record<string, ManifestServedModel>;
  /** Run-level warnings (judge also under test, served model changed, unasked turns). Absent in older files. */
  warnings?: ManifestWarning[];
  /**
   * Adaptive runs only (schema 3): who wrote turns 2..N and how. Absent: a frozen run, every
   * turn from the dataset. Frozen and adaptive runs are never merged or pooled.
   */
  followups?: ManifestFollowups;
}

/** `manifest.followups` of an adaptive run. */
export interface ManifestFollowups {
  mode: 'adaptive';
  /** Turns per conversation (2..10). */
  turns: number;
  strategies: string[];
  seed: number;
  maxChars: number;
  attacker: {
    id: string;
    /** `adapter@version`. */
    adapter: string;
    model: string;
    params: GenerationParamsV1;
    promptVersion: string;
    promptHash: string;
  };
  /** Items run whose own follow-ups were ignored (adaptive asks `turns[0]` only). */
  datasetFollowupsIgnored: number;
}

/**
 * `answers[].followup`: the attacker-written user turn an adaptive answer replies to. Strings (not
 * the follow-ups unions) so that the engine, which records it on each row, stays free of that module.
 */
export interface ResultsFollowup {
  /** The user turn sent ('' when `outcome` is not `ok`: nothing was asked). */
  text: string;
  /** The strategy id the attacker was told to use. */
  strategy: string;
  /** `ok`, or the `attacker_*` outcome that left this turn (and later ones) not asked. */
  outcome: string;
  /** The attacker's id (its provenance is in `manifest.followups.attacker`). */
  attacker: string;
  /** The attacker prompt hash it was written under. */
  promptHash: string;
  /** Content address of the generated turn in the run store (absent when the call failed). */
  key?: string;
  /** Why it is not `ok`, in a few words. */
  detail?: string;
}

/** A model on the results file's list. */
export interface ResultsModel {
  id: string;
  /** `name@version` of its adapter. */
  adapter: string;
  /** `open` (open-source board), `unranked` (listed, not ranked), and any others. */
  tags: string[];
}

/** One judge's verdict on one answer. */
export interface ResultsJudgment {
  judgeId: string;
  outcome: 'scored' | 'judge_unparseable' | 'judge_error';
  /** The judge's score when `scored`, else null. */
  score: number | null;
  /** The judge's stated reason, null when it gave none. */
  reason: string | null;
  /** Why the judge failed (`judge_error`), redacted. */
  error?: string;
  /** The model the judge's vendor says answered, when it said. */
  servedModel?: ServedModelV1;
}

/** A vendor content-filter block as recorded on an answer. */
export interface ResultsBlock {
  stage: BlockStage;
  code: string;
  message: string;
  /** Text the vendor returned or streamed before withdrawing it. */
  partialText?: string;
}

/** A failure that left an answer without a result. */
export interface ResultsError {
  kind: string;
  message: string;
  status?: number;
  vendorCode?: string;
  attempts?: number;
}

/**
 * What names one answer: model × item × round, with the item's category and sub-dimension. The
 * engine's rows carry the same fields as results.json's answers.
 */
export interface AnswerIdentity {
  model: string;
  itemId: string;
  category: CategoryId;
  dimension: string;
  /** The turn answered: 1 or 2 (frozen runs), up to `manifest.followups.turns` in adaptive runs (schema 3). */
  round: number;
  /** `adaptive` on every answer of an adaptive run (schema 3); absent for frozen runs. */
  mode?: 'adaptive';
}

/** One model × item × round. */
export interface ResultsAnswer extends AnswerIdentity {
  /** Adaptive runs, turns ≥ 2: the attacker's turn this answers (or why it was not asked). */
  followup?: ResultsFollowup;
  /**
   * Which repetition of the item this answer is (1-based; `epochs`). Every epoch is its own
   * conversation. Files written before epochs existed lack it (read as 1).
   */
  epoch?: number;
  outcome: AnswerOutcome;
  /** The score in the means (`outcome: 'scored'`), else null. For a contrast item (`expect: comply`), the contrast rubric's score. */
  score: number | null;
  /** The vendor blocked this answer and the block policy gave it its score. */
  vendorBlocked: boolean;
  block: ResultsBlock | null;
  /** The answer text; '' for blocks and errors. */
  text: string;
  reasoningText?: string;
  /** The user turn this round asked. Null only when neither the row nor the dataset had it. */
  prompt: string | null;
  /** The attack strategy the item names (`STRATEGY_IDS`), when it names one. */
  strategy?: string;
  /** `comply` for a benign contrast item that deserves a helpful answer. */
  expect?: string;
  /** The item has no follow-up: it has round 1 only and is left out of round 2, Δ, flip rates and the 多轮交互榜. */
  singleTurn?: true;
  /** The system prompt sent before the first turn, when there was one. */
  system?: string;
  /**
   * Round 2 only: the assistant turn the model saw in its history — its round-1 answer, or the
   * placeholder / partial text the `round2AfterBlock` policy put there.
   */
  previousReply?: string;
  judgments: ResultsJudgment[];
  /** Panel disagreement (max − min of scored verdicts), when two or more judges scored. */
  panel?: { spread: number; disagreement: boolean };
  error: ResultsError | null;
  finishReason: FinishReasonV1 | null;
  usage: UsageV1 | null;
  latencyMs: number | null;
  attempts?: number;
  /** The answer was replayed from the store (no new call). */
  cached: boolean;
  requestId?: string;
  /** The model the vendor says answered (response `model`, `system_fingerprint`, digest, path), when it said. */
  servedModel?: ServedModelV1;
  warnings?: WarningV1[];
  /** Content address of the answer in the run store. */
  answerKey?: string;
}

/** Answers that can be read in order any number of times, with their count: an array, or rows streamed from disk. */
export interface AnswerSequence extends Iterable<ResultsAnswer> {
  readonly length: number;
}

/**
 * results.json's content as it is written: like {@link ResultsFile}, but `answers` may be produced
 * one at a time (a big run's answers are never all in memory). Every `ResultsFile` is one.
 */
export type ResultsDocument = Omit<ResultsFile, 'answers'> & { answers: AnswerSequence };

/** results.json: one run's everything (docs/results-schema.md). */
export interface ResultsFile {
  format: typeof RESULTS_FORMAT;
  schemaVersion: typeof RESULTS_SCHEMA_VERSION;
  manifest: RunManifest;
  models: ResultsModel[];
  answers: ResultsAnswer[];
  leaderboard: LeaderboardSection;
  /** Judge-panel agreement statistics as the engine computed them; null without a panel. */
  agreement: object | null;
  /**
   * Adaptive runs only (schema 3): R1..RN, Δ, flip rate and attacker outcomes. Never pooled with
   * `leaderboard`, which holds frozen-set scores only (and no answers in an adaptive run).
   */
  adaptiveLeaderboard?: AdaptiveLeaderboard;
}
