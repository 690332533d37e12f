import type { BlockRule, FailureRule, RuleOverrides } from './types.js';

/** A vendor's rules after a model entry's overrides were put in front of the built-in ones. */
export interface MergedRules {
  blocks: BlockRule[];
  failures: FailureRule[];
}

/**
 * Puts a model entry's `blocks:` and `failures:` before the preset's or template's own rules. Rules
 * are first-match-wins, so a user rule adds a code the vendor started sending and overrides a
 * built-in rule on the same code, without a release.
 */
export function mergeRules(
  overrides: RuleOverrides | undefined,
  builtIn: { blocks?: readonly BlockRule[] | undefined; failures?: readonly FailureRule[] | undefined },
): MergedRules {
  return {
    blocks: [...(overrides?.blocks ?? []), ...(builtIn.blocks ?? [])],
    failures: [...(overrides?.failures ?? []), ...(builtIn.failures ?? [])],
  };
}
