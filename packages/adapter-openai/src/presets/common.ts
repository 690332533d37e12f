import type { BlockRule, Condition, FailureRule } from './types.js';

/**
 * The OpenAI protocol's own output-filter signal. Every cloud preset keeps it: an OpenAI-compatible
 * endpoint that sends `finish_reason: content_filter` means the same thing.
 */
export const CONTENT_FILTER_FINISH_RULE: BlockRule = {
  on: 'response',
  when: { path: 'choices[0].finish_reason', equals: 'content_filter' },
  stage: 'output',
  code: 'content_filter',
  description: 'finish_reason=content_filter: the vendor content filter stopped or replaced the answer',
  signal: 'finish_reason=content_filter',
};

/** `error.code` equals one of the codes (numbers and strings compare as strings). */
export function errorCode(...codes: string[]): Condition {
  return codes.length === 1 ? { path: 'error.code', equals: codes[0] as string } : { path: 'error.code', oneOf: codes };
}

/** `error.type` equals one of the types. */
export function errorType(...types: string[]): Condition {
  return types.length === 1 ? { path: 'error.type', equals: types[0] as string } : { path: 'error.type', oneOf: types };
}

/**
 * The error message matches a pattern (case-insensitive), wherever the server put it: the OpenAI
 * envelope's `error.message`, or a top-level `message` (vLLM, llama.cpp) or `detail` (FastAPI).
 */
export function errorMessageMatches(pattern: string): Condition {
  return { any: ['error.message', 'message', 'detail'].map((path) => ({ path, matches: pattern })) };
}

/**
 * How OpenAI and most compatible servers say what went wrong; tried after a preset's own failure
 * rules (and a model entry's `failures:`), before the HTTP status decides.
 */
export const GENERIC_FAILURES: readonly FailureRule[] = [
  // "exceed the model context window", "greater than the context length": wording of several servers.
  { when: errorCode('context_length_exceeded'), kind: 'context_length' },
  { when: errorType('context_length_exceeded'), kind: 'context_length' },
  {
    when: errorMessageMatches('maximum context length|context_length_exceeded|context window|context length'),
    kind: 'context_length',
  },
  // Spent balance or quota (never worth retrying), as OpenAI, DashScope compat and Moonshot say it.
  { when: errorCode('insufficient_quota', 'exceeded_current_quota_error'), kind: 'quota_exhausted' },
  { when: errorType('insufficient_quota', 'exceeded_current_quota_error'), kind: 'quota_exhausted' },
  { when: errorCode('model_not_found', 'model_not_supported'), kind: 'model_not_found' },
  { when: errorType('model_not_found'), kind: 'model_not_found' },
];
