import type { BlockRule, Condition, FailureRule, OpenAIPreset } from './types.js';

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

/** What differs between the local OpenAI-compatible servers: everything else is the same for all of them. */
export interface LocalServer {
  name: string;
  label: string;
  /** The server's default port on 127.0.0.1. */
  port: number;
  /** Whether the server sends usage in a stream unasked. */
  streamUsage: boolean;
  failures?: readonly FailureRule[];
}

/**
 * A server on this machine (docs/vendor-apis.md §14–16): no key required (`<NAME>_API_KEY` when one is
 * set), any seed accepted, and no content filter, so no block rules.
 */
export function localServerPreset(server: LocalServer): OpenAIPreset {
  const { name, label, port, streamUsage, failures } = server;
  return {
    name,
    label,
    baseURL: `http://127.0.0.1:${port}/v1`,
    apiKeyEnv: `${name.toUpperCase()}_API_KEY`,
    requiresApiKey: false,
    blocks: [],
    clamps: {},
    supportsSeed: true,
    streamUsage,
    maxTokensParam: 'max_tokens',
    ...(failures === undefined ? {} : { failures }),
  };
}
