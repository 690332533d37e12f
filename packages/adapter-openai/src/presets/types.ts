import type { BlockRule, FailureRule } from '@sc-safety/adapter-utils';

// Presets are written in the vendor rule language shared with adapter-http (adapter-utils vendor-rules/).
export type { BlockRule, Condition, FailureRule, StageSpec } from '@sc-safety/adapter-utils';

/** An accepted range for a numeric setting; values outside are clamped with a warning. */
export interface ParamClamp {
  min?: number;
  max?: number;
  /** The bound itself is not accepted (Spark temperature `(0, 1]`): clamp one `step` inside it. */
  minExclusive?: boolean;
  maxExclusive?: boolean;
  /** Distance kept from an exclusive bound (default 0.01; 1 for integer settings). */
  step?: number;
}

/** Settings a preset can clamp. */
export type ClampableSetting = 'temperature' | 'topP' | 'seed' | 'maxTokens';

/** An OpenAI-compatible vendor or local server: defaults plus its moderation rules. */
export interface OpenAIPreset {
  /** Preset name used in run configs (`preset: zhipu`). */
  readonly name: string;
  /** Vendor name for messages, e.g. `Zhipu GLM`. */
  readonly label: string;
  readonly baseURL: string;
  /** Environment variable holding the API key. */
  readonly apiKeyEnv: string;
  /** Local servers run without a key by default. */
  readonly requiresApiKey: boolean;
  /**
   * Moderation rules, ordered, first match wins (docs/vendor-apis.md §19.4). `on: error` rules
   * read error bodies (HTTP 4xx or an error frame inside a stream), `on: response` rules read answers
   * (a 200 body, or the body assembled from a stream at its end); a rule without `on` reads both.
   */
  readonly blocks: readonly BlockRule[];
  /**
   * How the vendor's error codes are classified (spent quota, context length, unknown model…),
   * ordered, tried before the generic OpenAI rules in `presets/common.ts` and the HTTP status.
   */
  readonly failures?: readonly FailureRule[];
  readonly clamps: Readonly<Partial<Record<ClampableSetting, ParamClamp>>>;
  /** Whether the vendor documents `seed`; otherwise it is dropped with a warning. */
  readonly supportsSeed: boolean;
  /** Whether `stream_options: {include_usage: true}` is documented for the vendor. */
  readonly streamUsage: boolean;
  /** Body name for `params.maxTokens` unless the config overrides it. */
  readonly maxTokensParam: 'max_tokens' | 'max_completion_tokens';
  /** Open questions about this vendor's moderation signals, shown in the README. */
  readonly openQuestions?: readonly string[];
}
