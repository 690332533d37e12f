import { findBlock } from '@sc-safety/adapter-utils';
import type { BlockMatch, BlockRule, RuleSubject } from '@sc-safety/adapter-utils';
import { errorMessageOf } from './error-envelope.js';

export type { BlockDetails } from '@sc-safety/adapter-utils';

/** The first rule that matched, resolved against the body. */
export type BlockRuleMatch = BlockMatch;

/**
 * Tries the rules in order against one body and resolves the first match (stage, code, message,
 * details), in the shared vendor rule language. Rules for `error` bodies only see errors and rules
 * for `response` bodies only answers; an error rule without a `message` path takes the OpenAI
 * envelope's message.
 */
export function findBlockRule(
  rules: readonly BlockRule[],
  on: 'error' | 'response',
  subject: RuleSubject,
): BlockRuleMatch | undefined {
  return findBlock(rules, subject, on === 'error' ? { on, defaultMessage: errorMessageOf } : { on });
}
