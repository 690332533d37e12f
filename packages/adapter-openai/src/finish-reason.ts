import type { FinishReasonV1, UnifiedFinishReason } from '@sc-safety/spec';

const UNIFIED: Readonly<Record<string, UnifiedFinishReason>> = {
  stop: 'stop',
  length: 'length',
  content_filter: 'content-filter',
  // Zhipu (and Hunyuan) name a safety stop "sensitive".
  sensitive: 'content-filter',
  tool_calls: 'tool-calls',
  function_call: 'tool-calls',
  // DeepSeek: the server ran out of capacity mid-answer.
  insufficient_system_resource: 'error',
  // Zhipu: the answer broke off on the vendor side.
  network_error: 'error',
};

/** The vendor's finish reason, normalised, with the raw value kept. */
export function mapFinishReason(raw: unknown): FinishReasonV1 {
  if (typeof raw !== 'string' || raw === '') return { unified: 'unknown', raw: undefined };
  return { unified: Object.hasOwn(UNIFIED, raw) ? (UNIFIED[raw] ?? 'other') : 'other', raw };
}
