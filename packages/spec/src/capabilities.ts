/** What a model supports, declared by the adapter so the engine can plan and warn up front. */
export interface ModelCapabilitiesV1 {
  /**
   * How a system prompt is delivered: `native` (a system role or top-level field), `merged`
   * (folded into the first user message), `unsupported` (dropped with a warning).
   */
  systemRole: 'native' | 'merged' | 'unsupported';
  /** Whether earlier turns (including the model's own answers) can be sent. */
  multiTurn: boolean;
  /** Whether `params.seed` is honoured. */
  seed: boolean;
  /** Whether the adapter streams the answer from the vendor. */
  streaming: boolean;
  /** Context window in tokens, when known. */
  maxContextTokens?: number;
  /**
   * How many calls the model serves well at once, when the adapter can tell: a local server's
   * parallel slots (llama-server `total_slots`), or 1 for an in-process model. Advisory: the
   * engine may use it as the default concurrency when the run config sets none; absent means
   * no recommendation.
   */
  recommendedConcurrency?: number;
  /**
   * Whether completed results carry `servedModel` (`ServedModelV1`): the model the vendor says
   * answered. Absent or false: results may still carry it, but nothing is promised (and the
   * conformance suite does not check it).
   */
  reportsServedModel?: boolean;
  /**
   * The vendor moderation signals the adapter recognises and maps to blocked outcomes,
   * e.g. `finish_reason=content_filter`, `error.code=1301`.
   */
  moderationSignals: string[];
}
