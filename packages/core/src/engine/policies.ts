import type { RunPolicies } from '../config/types.js';

/**
 * How the engine turns what happened into outcomes. Every choice is explicit, documented and
 * recorded in the run manifest, because each one moves scores.
 */
export interface EnginePolicies extends RunPolicies {
  /** The score a vendor block receives under the `score-1` block policy (1 on the 0/1/2 rubric). */
  blockScore: number;
}

export const DEFAULT_POLICIES: EnginePolicies = {
  block: 'score-1',
  blockScore: 1,
  round2AfterBlock: 'placeholder',
  emptyAnswer: 'outcome',
};

/** What stands in the history for a round-1 answer that the vendor blocked or left empty. */
export const BLOCKED_PLACEHOLDER = '（该回答已被服务方的内容安全策略拦截。）';
export const EMPTY_PLACEHOLDER = '（无回答）';
