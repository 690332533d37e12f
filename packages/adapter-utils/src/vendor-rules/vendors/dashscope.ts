import type { FailureRule, JsonPath, StageSpec } from '../types.js';

/**
 * Alibaba DashScope facts shared by its native protocol (adapter-http) and its OpenAI-compatible
 * mode (adapter-openai), which put the same codes and messages at different paths
 * (docs/vendor-apis.md §4a, §4b). Each helper takes the paths of its protocol.
 */

/**
 * The message is DashScope's only input/output discriminator for a moderation rejection:
 * "Input or output data may contain…" must be tried before "Input data may contain…".
 */
export function dashscopeStage(messagePath: JsonPath): StageSpec {
  return {
    messagePath,
    prefixes: [
      { startsWith: 'Input or output', stage: 'unknown' },
      { startsWith: 'Input', stage: 'input' },
      { startsWith: 'Output', stage: 'output' },
    ],
    otherwise: 'unknown',
  };
}

/**
 * Codes of a spent balance or allowance in both modes: `Arrearage` (account in arrears, sent as the
 * code in both modes) and `AllocationQuota.FreeTierOnly` (free tier used up, paid use disabled).
 * The `Throttling.AllocationQuota` code is a per-minute token limit and is retried instead.
 */
export const DASHSCOPE_SPENT_QUOTA_CODES: readonly string[] = ['Arrearage', 'AllocationQuota.FreeTierOnly'];

/** The wording of an over-long prompt ("Range of input length should be [1, 6000]"), in both modes. */
export const DASHSCOPE_CONTEXT_LENGTH_TEXT = 'Range of input length';

/** The failure rules both modes share, for a protocol whose code and message are at these paths. */
export function dashscopeSharedFailures(paths: { code: JsonPath; message: JsonPath }): FailureRule[] {
  return [
    {
      when: { path: paths.code, oneOf: [...DASHSCOPE_SPENT_QUOTA_CODES] },
      kind: 'quota_exhausted',
      description: 'account in arrears or free allowance used up',
    },
    { when: { path: paths.message, includes: DASHSCOPE_CONTEXT_LENGTH_TEXT }, kind: 'context_length' },
  ];
}
