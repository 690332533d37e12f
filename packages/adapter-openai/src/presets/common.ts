import type { BlockRule, MatchCondition } from './types.js';

/**
 * The OpenAI protocol's own output-filter signal. Every cloud preset keeps it: an OpenAI-compatible
 * endpoint that sends `finish_reason: content_filter` means the same thing.
 */
export const CONTENT_FILTER_FINISH_RULE: BlockRule = {
  on: 'response',
  when: { finishReason: 'content_filter' },
  stage: 'output',
  code: 'content_filter',
  description: 'finish_reason=content_filter: the vendor content filter stopped or replaced the answer',
  signal: 'finish_reason=content_filter',
};

/** Context-window overflow as OpenAI, vLLM and most compatible servers report it. */
export const GENERIC_CONTEXT_LENGTH_MATCHERS: readonly MatchCondition[] = [
  { errorCode: 'context_length_exceeded' },
  { errorType: 'context_length_exceeded' },
  { messageIncludes: 'maximum context length' },
  { messageIncludes: 'context_length_exceeded' },
  // "exceed the model context window", "greater than the context length": wording of several servers.
  { messageIncludes: 'context window' },
  { messageIncludes: 'context length' },
];

/** Spent balance or quota (never worth retrying), as OpenAI, DashScope compat and Moonshot say it. */
export const GENERIC_QUOTA_MATCHERS: readonly MatchCondition[] = [
  { errorCode: ['insufficient_quota', 'exceeded_current_quota_error'] },
  { errorType: ['insufficient_quota', 'exceeded_current_quota_error'] },
];

/** An unknown model id. */
export const GENERIC_MODEL_NOT_FOUND_MATCHERS: readonly MatchCondition[] = [
  { errorCode: ['model_not_found', 'model_not_supported'] },
  { errorType: 'model_not_found' },
];
