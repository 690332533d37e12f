import type { FinishReasonV1, UnifiedFinishReason } from '@sc-safety/spec';

const UNIFIED: Readonly<Record<string, UnifiedFinishReason>> = {
  stop: 'stop',
  length: 'length',
  content_filter: 'content-filter',
  tool_calls: 'tool-calls',
  function_call: 'tool-calls',
  // vLLM: the request was cancelled server-side.
  abort: 'error',
};

/** OpenAI-style `finish_reason` → unified, raw kept verbatim. */
export function chatFinishReason(raw: string | undefined): FinishReasonV1 {
  return { unified: raw === undefined ? 'unknown' : (UNIFIED[raw] ?? 'other'), raw };
}
