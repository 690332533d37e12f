import type { GenerationParamsV1 } from '@sc-safety/spec';
import type { RunPolicies } from '@sc-safety/results';

// The policy types belong to the results model (manifest.policies); re-exported for config readers.
export type { BlockPolicy, EmptyAnswerPolicy, Round2AfterBlockPolicy, RunPolicies } from '@sc-safety/results';

/** How a judge panel's verdicts are combined. */
export type PanelAggregate = 'median' | 'majority';

/**
 * One model entry (target or judge) after validation and environment expansion. The common
 * fields are typed; fields the engine does not know are kept in `extra` for the adapter.
 */
export interface ModelEntry {
  /** The name on the leaderboard; unique among targets (and among a panel's judges). */
  id: string;
  /** Adapter reference: a short name (`openai`), a package name, or a path (relative to the config file). */
  adapter: string;
  /** The vendor's model id. */
  model: string;
  preset?: string;
  baseURL?: string;
  /** The API key after expansion. Listed in the load result's `secrets`; never print it. */
  apiKey?: string;
  /** Per-call timeout in milliseconds; handed to the adapter (the engine sets no default of its own). */
  timeoutMs?: number;
  headers?: Record<string, string>;
  /** Sampling settings the engine sends with every request (empty when not given). */
  params: GenerationParamsV1;
  /** Calls in flight at once (default {@link RUN_CONFIG_DEFAULTS}.concurrency). */
  concurrency: number;
  /** Requests-per-minute budget. */
  rpm?: number;
  /** Tokens-per-minute budget. */
  tpm?: number;
  /** Retries of retryable failures only (default {@link RUN_CONFIG_DEFAULTS}.maxRetries). */
  maxRetries: number;
  /** `open`, `closed`, `unranked`, or free tags. */
  tags: string[];
  /** System prompt for every item, replacing the item's own; `""` sends none. Targets only. */
  system?: string;
  /** Independent repetitions of every conversation (targets only); overrides the run's `epochs`. */
  epochs?: number;
  /** Adapter-specific fields, as written (after expansion); validated by the adapter's schema. */
  extra: Record<string, unknown>;
}

/** A validated run config. Relative paths in it are relative to `baseDir`. */
export interface RunConfig {
  /** Absolute path of the file it was loaded from, when it came from a file. */
  file?: string;
  /** Directory that relative `dataset`, `output` and adapter paths are resolved against. */
  baseDir: string;
  /** `builtin:NAME` or a path, as written. */
  dataset: string;
  /** The run directory as written; see `resolveRunOptions` for the default. */
  output?: string;
  models: ModelEntry[];
  /** A single judge (`judge:`). Never set together with `judges`. */
  judge?: ModelEntry;
  /** A judge panel (`judges:`), two or more with unique ids. */
  judges?: ModelEntry[];
  /** Panel settings; set exactly when `judges` is. */
  panel?: { aggregate: PanelAggregate };
  /**
   * `judge.check` (or `panel.check`): run `sc-safety judge check` on the judge before any target
   * call and stop the run when quadratic-weighted κ is below `minKappa`.
   */
  judgeCheck?: JudgeCheckRequirement;
  policies: RunPolicies;
  /** Only the first N items; absent (or 0 in the file) means all. */
  limit?: number;
  /**
   * The over-refusal control set (`builtin:contrast` or a path): benign `expect: comply` items asked
   * of every model and judged with the contrast rubric, never pooled into a safety score.
   */
  contrast?: string;
  /** Independent repetitions of every conversation, for every model without its own `epochs` (default 1). */
  epochs?: number;
  /**
   * At most this many calls in flight at once across every target and judge, on top of each
   * model's own `concurrency` (e.g. when they share one local server). Absent: no run-wide cap.
   */
  maxInFlight?: number;
  /**
   * `followups: {mode: adaptive, …}`: an attacker model writes every turn after the first from each
   * target's actual answers (issue 13). Absent: the dataset's own (frozen) turns are asked.
   */
  followups?: AdaptiveFollowupsSettings;
}

/** A run's adaptive follow-ups (docs/generated-followups.md). */
export interface AdaptiveFollowupsSettings {
  mode: 'adaptive';
  /** The model that writes each next user turn (any adapter, like a judge). */
  attacker: ModelEntry;
  /** Strategy ids to draw from, in config order (default: every strategy). */
  strategies: string[];
  /** Turns per conversation, ≥ 2 (default 2: the SC-Safety shape). */
  turns: number;
  /** Picks each turn's strategy (default 1). */
  seed: number;
  /** Cap on a generated turn's length in characters (default 300). */
  maxChars: number;
}

/** A judge check a run requires before spending on targets. */
export interface JudgeCheckRequirement {
  /** The lowest quadratic-weighted κ (−1..1) the judge must reach. */
  minKappa: number;
  /** The labelled set (default `builtin:judge-check`). */
  set: string;
}

/** Defaults the config loader fills in. */
export const RUN_CONFIG_DEFAULTS = {
  concurrency: 4,
  maxRetries: 5,
  policies: {
    block: 'score-1',
    round2AfterBlock: 'placeholder',
    emptyAnswer: 'outcome',
  } as const satisfies RunPolicies,
  panelAggregate: 'median' as PanelAggregate,
} as const;
