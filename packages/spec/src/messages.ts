/** One chat message. Adapters map roles to the vendor's names and placement (top-level system, merged, …). */
export interface ChatMessageV1 {
  role: 'system' | 'user' | 'assistant';
  /** Plain text. SC-Safety is text-only. */
  content: string;
}

/**
 * Sampling settings. Every field is optional: an adapter sends only what is set, and reports a
 * warning for a setting its vendor does not support or had to clamp.
 */
export interface GenerationParamsV1 {
  /** Sampling temperature. Vendors differ in range (OpenAI [0,2], Zhipu [0,1], Baidu v1 (0,1]). */
  temperature?: number;
  /** Nucleus sampling mass, (0,1]. */
  topP?: number;
  /** Upper bound on generated tokens. Anthropic requires one; adapters supply a documented default. */
  maxTokens?: number;
  /** Sampling seed. Not honoured by Anthropic, Spark, Baidu v1 or MiniMax: those adapters warn. */
  seed?: number;
  /** Stop sequences. */
  stop?: string[];
}

/** What the engine asks a model for. */
export interface GenerateRequestV1 {
  /** The conversation so far, oldest first; system (if any) first; the last message is the user's. */
  messages: ChatMessageV1[];
  params?: GenerationParamsV1;
  /** Aborts the call (Ctrl-C, per-call timeout). The adapter rejects with an AbortedError or TimeoutError. */
  signal?: AbortSignal;
  /** Extra HTTP headers for this call (merged over the adapter's own; `undefined` removes one). */
  headers?: Record<string, string | undefined>;
}
