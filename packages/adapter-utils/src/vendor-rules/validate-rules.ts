import { isRecord } from './json-path.js';
import { IssueCollector } from './issue-collector.js';
import type { RuleIssue } from './issue-collector.js';
import { FAILURE_KINDS } from './types.js';

const STAGES = ['input', 'output', 'unknown'];
/** The condition keys that test the value at `path`: each of them needs a `path`. */
const VALUE_TESTS = ['equals', 'notEquals', 'oneOf', 'exists', 'gte', 'includes', 'startsWith', 'matches', 'isTrue'];
const CONDITION_KEYS = new Set(['status', 'statusAtLeast', 'path', ...VALUE_TESTS, 'event', 'all', 'any', 'not']);

/**
 * Checks the rule overrides of a model entry (`blocks:`, `failures:`) and returns one issue per
 * wrong field, named from the entry (`blocks[0].when.path: expected a JSON path such as …`). Absent
 * fields are fine. Adapters call this from their config schema; it has no other dependency.
 */
export function validateRuleOverrides(entry: Record<string, unknown>): RuleIssue[] {
  const v = new IssueCollector();
  if (entry.blocks !== undefined) v.list('blocks', entry.blocks, (p, rule) => checkBlockRule(v, p, rule));
  if (entry.failures !== undefined) v.list('failures', entry.failures, (p, rule) => checkFailureRule(v, p, rule));
  return v.issues;
}

/** Splits an issue path (`blocks[0].when.path`) into config path segments (`['blocks', 0, 'when', 'path']`). */
export function splitIssuePath(path: string): (string | number)[] {
  return path
    .split(/\.|\[(\d+)\]/)
    .filter((p) => p !== undefined && p !== '')
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/** Checks one block rule at `p` (`blocks[0]`). */
export function checkBlockRule(v: IssueCollector, p: string, b: unknown): void {
  if (!isRecord(b))
    return v.issue(p, 'expected { when, stage, code, description, signal, on?, effect?, message?, details? }');
  v.known(p, b, ['on', 'when', 'effect', 'stage', 'code', 'message', 'description', 'details', 'signal']);
  if (b.on !== undefined && b.on !== 'error' && b.on !== 'response')
    v.issue(`${p}.on`, 'expected error (error bodies only) or response (answers only); omit it for both');
  checkCondition(v, `${p}.when`, b.when);
  if (b.effect !== undefined && b.effect !== 'block' && b.effect !== 'flag')
    v.issue(`${p}.effect`, 'expected block or flag');
  checkStage(v, `${p}.stage`, b.stage);
  if (typeof b.code === 'string') {
    if (b.code === '') v.issue(`${p}.code`, 'expected a non-empty code');
  } else if (isRecord(b.code)) v.path(`${p}.code.path`, b.code.path, '"base_resp.status_code"');
  else v.issue(`${p}.code`, 'expected a literal code such as "1301" or { path: "error.code" }');
  if (b.message !== undefined) v.path(`${p}.message`, b.message, '"error.message"');
  v.string(`${p}.description`, b.description, 'what the signal means, in words');
  v.string(`${p}.signal`, b.signal, 'the signal as listed in capabilities, e.g. "error.code=1301"');
  if (b.details !== undefined) {
    if (!isRecord(b.details)) v.issue(`${p}.details`, 'expected a map of detail name → JSON path');
    else
      for (const [k, path] of Object.entries(b.details)) v.path(`${p}.details.${k}`, path, '"contentFilter[0].level"');
  }
}

function checkStage(v: IssueCollector, p: string, s: unknown): void {
  if (typeof s === 'string') {
    if (!STAGES.includes(s))
      v.issue(p, 'expected input, output, unknown, { path, map, otherwise } or { messagePath, prefixes, otherwise }');
    return;
  }
  if (!isRecord(s))
    return v.issue(
      p,
      'expected input, output, unknown, { path, map, otherwise } or { messagePath, prefixes, otherwise }',
    );
  if (!STAGES.includes(s.otherwise as string)) v.issue(`${p}.otherwise`, 'expected input, output or unknown');
  if ('messagePath' in s) {
    v.known(p, s, ['messagePath', 'prefixes', 'otherwise']);
    v.path(`${p}.messagePath`, s.messagePath, '"message"');
    v.list(`${p}.prefixes`, s.prefixes, (pp, entry) => {
      if (!isRecord(entry)) return v.issue(pp, 'expected { startsWith, stage }');
      v.string(`${pp}.startsWith`, entry.startsWith, 'the text the message starts with, such as "Input"');
      if (!STAGES.includes(entry.stage as string)) v.issue(`${pp}.stage`, 'expected input, output or unknown');
    });
    return;
  }
  v.known(p, s, ['path', 'map', 'otherwise']);
  v.path(`${p}.path`, s.path, '"contentFilter[0].role"');
  if (!isRecord(s.map)) v.issue(`${p}.map`, 'expected a map of field value → input | output | unknown');
  else
    for (const [k, st] of Object.entries(s.map))
      if (!STAGES.includes(st as string)) v.issue(`${p}.map.${k}`, 'expected input, output or unknown');
}

/** Checks one failure rule at `p` (`failures[0]`). */
export function checkFailureRule(v: IssueCollector, p: string, f: unknown): void {
  if (!isRecord(f)) return v.issue(p, `expected { when, kind: ${FAILURE_KINDS.join(' | ')}, retryAfter? }`);
  v.known(p, f, ['when', 'kind', 'retryAfter', 'description']);
  checkCondition(v, `${p}.when`, f.when);
  if (!(FAILURE_KINDS as readonly string[]).includes(f.kind as string))
    v.issue(`${p}.kind`, `expected one of ${FAILURE_KINDS.join(', ')}`);
  if (f.description !== undefined) v.string(`${p}.description`, f.description, 'a note');
  if (f.retryAfter !== undefined) {
    v.list(`${p}.retryAfter`, f.retryAfter, (rp, r) => {
      if (!isRecord(r)) return v.issue(rp, 'expected { headers: true }, { path, unit? } or { messagePattern }');
      if ('headers' in r) {
        if (r.headers !== true) v.issue(`${rp}.headers`, 'expected true');
      } else if ('path' in r) {
        v.path(`${rp}.path`, r.path, '"retry_after"');
        if (r.unit !== undefined && r.unit !== 's' && r.unit !== 'ms') v.issue(`${rp}.unit`, 'expected s or ms');
      } else if ('messagePattern' in r) v.regex(`${rp}.messagePattern`, r.messagePattern, true);
      else v.issue(rp, 'expected { headers: true }, { path, unit? } or { messagePattern }');
    });
  }
}

/** Checks one condition at `p` (`blocks[0].when`), recursing into all / any / not. */
export function checkCondition(v: IssueCollector, p: string, c: unknown): void {
  if (!isRecord(c))
    return v.issue(
      p,
      'expected a condition such as { path: "base_resp.status_code", notEquals: 0 } or { status: 429 }',
    );
  const keys = Object.keys(c);
  if (keys.length === 0) v.issue(p, 'an empty condition never matches: give status, path, all, any or not');
  for (const k of keys)
    if (!CONDITION_KEYS.has(k)) v.issue(`${p}.${k}`, `unknown condition key; known: ${[...CONDITION_KEYS].join(', ')}`);
  if (c.status !== undefined) {
    const list = Array.isArray(c.status) ? c.status : [c.status];
    if (!list.every((s) => Number.isInteger(s) && (s as number) >= 100 && (s as number) <= 599))
      v.issue(`${p}.status`, 'expected an HTTP status or a list of them');
  }
  if (c.statusAtLeast !== undefined && !Number.isInteger(c.statusAtLeast))
    v.issue(`${p}.statusAtLeast`, 'expected an HTTP status such as 400');
  if (c.path !== undefined) v.path(`${p}.path`, c.path, '"error_code"');
  const valueTests = VALUE_TESTS.filter((k) => k in c);
  if (valueTests.length > 0 && c.path === undefined)
    v.issue(`${p}.path`, `${valueTests.join(', ')} need a "path" to test`);
  for (const k of ['equals', 'notEquals'] as const)
    if (c[k] !== undefined && !['string', 'number', 'boolean'].includes(typeof c[k]))
      v.issue(`${p}.${k}`, 'expected a string, number or boolean');
  if (c.oneOf !== undefined && (!Array.isArray(c.oneOf) || c.oneOf.length === 0))
    v.issue(`${p}.oneOf`, 'expected a non-empty list of values');
  for (const k of ['exists', 'isTrue'] as const)
    if (c[k] !== undefined && typeof c[k] !== 'boolean') v.issue(`${p}.${k}`, 'expected true or false');
  if (c.gte !== undefined && typeof c.gte !== 'number') v.issue(`${p}.gte`, 'expected a number');
  for (const k of ['includes', 'startsWith', 'event'] as const)
    if (c[k] !== undefined && typeof c[k] !== 'string') v.issue(`${p}.${k}`, 'expected a string');
  if (c.matches !== undefined) v.regex(`${p}.matches`, c.matches, false);
  if (c.all !== undefined) v.list(`${p}.all`, c.all, (cp, x) => checkCondition(v, cp, x));
  if (c.any !== undefined) v.list(`${p}.any`, c.any, (cp, x) => checkCondition(v, cp, x));
  if (c.not !== undefined) checkCondition(v, `${p}.not`, c.not);
}
