import type { BlockStage } from '@sc-safety/spec';

/** A condition on one field of a vendor body (dotted path, e.g. `choices.0.flag`). */
export interface FieldCondition {
  path: string;
  /** Holds when the field equals this value (numbers and strings compare as strings). */
  equals?: string | number | boolean;
  /** Holds when the field is a number (or numeric string) at least this large. */
  gte?: number;
  /** Holds when the field is a non-empty string. */
  nonEmpty?: boolean;
}

/**
 * Conditions on a vendor body. Every condition given must hold. `errorCode`, `errorType` and the
 * message conditions read the OpenAI error envelope (`error.code`, `error.type`, `error.message`);
 * `detail` reads a top-level FastAPI-style `detail` string; `finishReason` reads
 * `choices.0.finish_reason`.
 */
export interface MatchCondition {
  /** HTTP status of the error response. Absent for errors that arrive inside a stream. */
  status?: number;
  /** `error.code`, compared as a string; a list matches any of its values. */
  errorCode?: string | readonly string[];
  /** `error.code` starts with this text (Ark `SensitiveContentDetected.*`). */
  errorCodePrefix?: string;
  /** `error.type`; a list matches any of its values. */
  errorType?: string | readonly string[];
  /** Top-level `detail` equals this text. */
  detail?: string;
  /** The error message contains this text (case-insensitive). */
  messageIncludes?: string;
  /** The error message starts with this text (case-insensitive). */
  messageStartsWith?: string;
  /** `choices.0.finish_reason`; a list matches any of its values. */
  finishReason?: string | readonly string[];
  field?: FieldCondition;
}

/** Where the block happened: fixed, or read from a body field through a value map. */
export type StageSpec =
  | BlockStage
  | {
      /** Dotted path of the field that names the stage, e.g. `contentFilter.0.role`. */
      fromField: string;
      /** Field value → stage. */
      map: Readonly<Record<string, BlockStage>>;
      /** Stage when the field is missing or has an unmapped value. */
      otherwise: BlockStage;
    };

/**
 * One vendor moderation rule, kept as data. A preset's rules are tried in order and the first
 * match wins (docs/vendor-protocols.md §19.4).
 */
export interface BlockRule {
  /**
   * Which body the rule reads: `error` = an error body (HTTP 4xx or an error frame inside a stream);
   * `response` = an answer (a 200 body, or the body assembled from a stream at its end).
   */
  on: 'error' | 'response';
  when: MatchCondition;
  /**
   * `block` (default) turns the call into a blocked outcome; `flag` keeps the answer and records
   * the signal as a warning (Qianfan `flag = 1`: low risk, the conversation may continue).
   */
  effect?: 'block' | 'flag';
  stage: StageSpec;
  /** The code recorded on the outcome: a literal, or read from a body field. */
  code: string | { fromField: string };
  /** What the signal means, used when the body carries no message. */
  description: string;
  /** Body field holding the vendor's own message (default: the error message, or none for answers). */
  messageFrom?: string;
  /** Extra vendor detail to record: detail name → dotted path. */
  details?: Readonly<Record<string, string>>;
  /** The signal as listed in `capabilities.moderationSignals`, e.g. `error.code=1301`. */
  signal: string;
}

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
  /** Ordered, first match wins. */
  readonly blockRules: readonly BlockRule[];
  readonly clamps: Readonly<Partial<Record<ClampableSetting, ParamClamp>>>;
  /** Whether the vendor documents `seed`; otherwise it is dropped with a warning. */
  readonly supportsSeed: boolean;
  /** Whether `stream_options: {include_usage: true}` is documented for the vendor. */
  readonly streamUsage: boolean;
  /** Body name for `params.maxTokens` unless the config overrides it. */
  readonly maxTokensParam: 'max_tokens' | 'max_completion_tokens';
  /** Vendor-specific signs of a prompt longer than the context window (added to the generic ones). */
  readonly contextLengthMatchers?: readonly MatchCondition[];
  /** Vendor-specific signs of a spent balance or quota (added to the generic ones). */
  readonly quotaMatchers?: readonly MatchCondition[];
  /** Vendor-specific signs of an unknown model (added to the generic ones). */
  readonly modelNotFoundMatchers?: readonly MatchCondition[];
  /** Open questions about this vendor's moderation signals, shown in the README. */
  readonly openQuestions?: readonly string[];
}
