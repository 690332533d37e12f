import type { BlockStage, WarningV1 } from '@sc-safety/spec';
import { matches } from './condition.js';
import { getPath, scalarString } from './json-path.js';
import type { BlockRule, RuleSubject, StageSpec } from './types.js';

/** Detail values a blocked outcome may carry. */
export type BlockDetails = Record<string, string | number | boolean | null>;

/** The first block or flag rule that matched, resolved against the body. */
export interface BlockMatch {
  rule: BlockRule;
  effect: 'block' | 'flag';
  stage: BlockStage;
  code: string;
  message: string;
  details: BlockDetails;
}

/** How an adapter reads its bodies when a rule does not say. */
export interface FindBlockOptions {
  /** Which kind of body this is: rules with another `on` are skipped. Absent: every rule is tried. */
  on?: 'error' | 'response';
  /** The vendor message when the rule names no `message` path (e.g. the OpenAI error envelope's). */
  defaultMessage?: (body: unknown) => string | undefined;
}

/**
 * Tries the rules in order against one body and resolves the first match: stage, code, message
 * (the rule's `message` path, else the adapter's default, else the rule's description) and details.
 */
export function findBlock(
  rules: readonly BlockRule[],
  subject: RuleSubject,
  options: FindBlockOptions = {},
): BlockMatch | undefined {
  for (const rule of rules) {
    if (rule.on !== undefined && options.on !== undefined && rule.on !== options.on) continue;
    if (!matches(rule.when, subject)) continue;
    const { body } = subject;
    const code =
      typeof rule.code === 'string' ? rule.code : (scalarString(getPath(body, rule.code.path)) ?? rule.signal);
    const vendorMessage =
      rule.message === undefined ? options.defaultMessage?.(body) : scalarString(getPath(body, rule.message));
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
  if ('messagePath' in spec) {
    const message = scalarString(getPath(body, spec.messagePath))?.trimStart().toLowerCase();
    if (message === undefined) return spec.otherwise;
    return spec.prefixes.find((p) => message.startsWith(p.startsWith.toLowerCase()))?.stage ?? spec.otherwise;
  }
  const value = scalarString(getPath(body, spec.path));
  return value !== undefined && Object.hasOwn(spec.map, value) ? (spec.map[value] ?? spec.otherwise) : spec.otherwise;
}

function readDetails(rule: BlockRule, body: unknown): BlockDetails {
  const details: BlockDetails = { signal: rule.signal };
  for (const [name, path] of Object.entries(rule.details ?? {})) {
    const value = getPath(body, path);
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === null) {
      details[name] = value;
    }
  }
  return details;
}

/** The warning recorded for a `flag` rule (the answer is kept): signal, code, message and details. */
export function flagWarning(match: BlockMatch): WarningV1 {
  const details = Object.entries(match.details)
    .filter(([k]) => k !== 'signal')
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(', ');
  const text = `Vendor moderation flag ${match.rule.signal} (${match.code}): ${match.message}`;
  return { type: 'other', setting: 'moderation', message: `${text}${details ? ` [${details}]` : ''}` };
}
