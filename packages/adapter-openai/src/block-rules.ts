import type { BlockStage } from '@sc-safety/spec';
import { getPath, scalarString } from './json-path.js';
import { errorMessageOf, matchCondition } from './match-condition.js';
import type { MatchSubject } from './match-condition.js';
import type { BlockRule, StageSpec } from './presets/types.js';

/** Detail values a blocked outcome may carry. */
export type BlockDetails = Record<string, string | number | boolean | null>;

/** The first rule that matched, resolved against the body. */
export interface BlockRuleMatch {
  rule: BlockRule;
  effect: 'block' | 'flag';
  stage: BlockStage;
  code: string;
  message: string;
  details: BlockDetails;
}

/**
 * Tries the rules in order against one body and resolves the first match (stage, code, message,
 * details). Rules for `error` bodies only see errors and rules for `response` bodies only answers.
 */
export function findBlockRule(
  rules: readonly BlockRule[],
  on: BlockRule['on'],
  subject: MatchSubject,
): BlockRuleMatch | undefined {
  for (const rule of rules) {
    if (rule.on !== on || !matchCondition(rule.when, subject)) continue;
    const { body } = subject;
    const code = typeof rule.code === 'string' ? rule.code : (scalarString(getPath(body, rule.code.fromField)) ?? rule.description);
    const vendorMessage = rule.messageFrom !== undefined ? scalarString(getPath(body, rule.messageFrom)) : on === 'error' ? errorMessageOf(body) : undefined;
    return {
      rule,
      effect: rule.effect ?? 'block',
      stage: resolveStage(rule.stage, body),
      code,
      message: vendorMessage !== undefined && vendorMessage.trim() !== '' ? vendorMessage : rule.description,
      details: readDetails(rule, body),
    };
  }
  return undefined;
}

function resolveStage(spec: StageSpec, body: unknown): BlockStage {
  if (typeof spec === 'string') return spec;
  const value = scalarString(getPath(body, spec.fromField));
  return value !== undefined && Object.hasOwn(spec.map, value) ? (spec.map[value] ?? spec.otherwise) : spec.otherwise;
}

function readDetails(rule: BlockRule, body: unknown): BlockDetails {
  const details: BlockDetails = { signal: rule.signal };
  for (const [name, path] of Object.entries(rule.details ?? {})) {
    const value = getPath(body, path);
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === null) details[name] = value;
  }
  return details;
}
