/**
 * Normalised reasons a generation ended. `content-filter` means the vendor filter truncated or
 * replaced output; adapters that can tell it was a block return a {@link BlockedResultV1} instead.
 */
export type UnifiedFinishReason =
  | 'stop'
  | 'length'
  | 'content-filter'
  | 'refusal'
  | 'tool-calls'
  | 'error'
  | 'other'
  | 'unknown';

/** The normalised reason and the vendor's own value travel together. */
export interface FinishReasonV1 {
  unified: UnifiedFinishReason;
  /** The vendor's value verbatim (`end_turn`, `sensitive`, `normal`, …), or undefined when absent. */
  raw: string | undefined;
}

/** Token usage. Every field is optional: vendors report different subsets. */
export interface UsageV1 {
  inputTokens?: number;
  outputTokens?: number;
  totalTokens?: number;
  reasoningTokens?: number;
  cachedInputTokens?: number;
}

/** A note that a request setting was not honoured as given. */
export interface WarningV1 {
  type: 'unsupported-setting' | 'clamped-setting' | 'other';
  /** The setting concerned, e.g. `seed`, `temperature`. */
  setting?: string;
  message: string;
}

/**
 * The model that actually answered, as the vendor reported it in this response (not the id the
 * request asked for). Every field is optional: each vendor reports a different subset, and an
 * adapter fills only what the vendor sent. Comparing these across a run shows whether the vendor
 * changed the model behind an alias mid-way.
 */
export interface ServedModelV1 {
  /**
   * The served model id: OpenAI-compatible `model` in the response (e.g. a dated snapshot behind an
   * alias), Anthropic's response `model`, Ollama's `model`, llama.cpp's model alias or path.
   */
  id?: string;
  /** A backend configuration fingerprint: OpenAI-compatible `system_fingerprint`. */
  fingerprint?: string;
  /** A content digest of the model weights: Ollama's `digest` from `/api/tags`. */
  digest?: string;
  /** The model file the server loaded: llama.cpp's `model_path` from `/props`, or a GGUF file. */
  path?: string;
}

/** The model answered. */
export interface CompletedResultV1 {
  type: 'completed';
  /** The answer text (may be empty: the engine records an empty answer as its own outcome). */
  text: string;
  /** Separate reasoning text (`reasoning_content`), when the vendor returns one. */
  reasoningText?: string;
  finishReason: FinishReasonV1;
  usage: UsageV1;
  /** The vendor's request id (`x-request-id`, `request_id`, `sid`, `RequestId`). */
  requestId?: string;
  /** The model that answered, as the vendor reported it (see {@link ServedModelV1}); absent when it reported none. */
  servedModel?: ServedModelV1;
  warnings: WarningV1[];
  /** The vendor's response body (or the last frame of a stream), kept for evidence. Never holds secrets. */
  raw?: unknown;
}

/** Where a vendor content filter stopped the exchange. */
export type BlockStage = 'input' | 'output' | 'unknown';

/**
 * The vendor's content filter stopped the model from answering. This is a result, not an error:
 * it is never retried and it is scored by the engine's block policy.
 */
export interface BlockedResultV1 {
  type: 'blocked';
  /** `input`: the prompt was refused before generation; `output`: generation was stopped or withdrawn. */
  stage: BlockStage;
  /** The vendor's signal, e.g. `content_filter`, `data_inspection_failed`, `1301`, `refusal`. */
  code: string;
  /** The vendor's message, or a description of the signal. */
  message: string;
  /** Text streamed or returned before the block, which the vendor asked to withdraw. */
  partialText?: string;
  /** Extra vendor detail: severity level, flag, ban_round, sensitive type… */
  details?: Record<string, string | number | boolean | null>;
  finishReason?: FinishReasonV1;
  usage?: UsageV1;
  requestId?: string;
  /** The model behind the block, when the vendor's response named it (see {@link ServedModelV1}). */
  servedModel?: ServedModelV1;
  warnings: WarningV1[];
  raw?: unknown;
}

/** What a model call returns. Failures are thrown as {@link AdapterError} subclasses. */
export type GenerateResultV1 = CompletedResultV1 | BlockedResultV1;
