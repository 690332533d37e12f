import type { FinishReasonV1, UnifiedFinishReason } from '@sc-safety/spec';

const UNIFIED: Readonly<Record<string, UnifiedFinishReason>> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  max_tokens: 'length',
  // The answer ran into the end of the context window: cut short, like max_tokens.
  model_context_window_exceeded: 'length',
  refusal: 'refusal',
  tool_use: 'tool-calls',
};

/** Maps `stop_reason` to the unified reason, keeping the raw value; `pause_turn` and unknown values are `other`. */
export function mapFinishReason(stopReason: string | null | undefined): FinishReasonV1 {
  if (stopReason === null || stopReason === undefined) return { unified: 'unknown', raw: undefined };
  return { unified: UNIFIED[stopReason] ?? 'other', raw: stopReason };
}
