import type { FakeScenario } from './types.js';

/** The request header that picks a scenario for that one request (works across processes). */
export const SCENARIO_HEADER = 'x-fake-scenario';

const KINDS: ReadonlySet<string> = new Set<FakeScenario['kind']>([
  'text',
  'empty',
  'rate-limit',
  'server-error',
  'reset',
  'hang',
  'malformed-json',
  'truncated-stream',
  'quota',
  'auth',
  'context-length',
  'block',
]);

/** Kinds that need more than their name, so the bare-name header form cannot express them. */
const NEEDS_FIELDS: ReadonlySet<string> = new Set(['text', 'block']);

/**
 * Reads an `x-fake-scenario` header value: a JSON {@link FakeScenario} (`{"kind":"rate-limit",
 * "retryAfter":{"seconds":2}}`) or, for kinds without required fields, the bare kind (`quota`).
 * `retryAfter.httpDate` may be given as a date string. Throws with a readable message when the
 * value is not a scenario, so a mistyped header fails loudly instead of playing the default.
 */
export function parseScenarioHeader(value: string): FakeScenario {
  const trimmed = value.trim();
  if (!trimmed.startsWith('{')) {
    if (KINDS.has(trimmed) && !NEEDS_FIELDS.has(trimmed)) return { kind: trimmed } as FakeScenario;
    throw new Error(`${SCENARIO_HEADER}: "${trimmed}" is not a scenario kind usable without fields (send JSON)`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch (error) {
    throw new Error(`${SCENARIO_HEADER}: not valid JSON (${(error as Error).message})`, { cause: error });
  }
  if (typeof parsed !== 'object' || parsed === null) throw new Error(`${SCENARIO_HEADER}: expected a JSON object`);
  const record = parsed as Record<string, unknown>;
  if (typeof record.kind !== 'string' || !KINDS.has(record.kind)) {
    throw new Error(`${SCENARIO_HEADER}: unknown kind ${JSON.stringify(record.kind)}`);
  }
  if (record.kind === 'text' && typeof record.text !== 'string')
    throw new Error(`${SCENARIO_HEADER}: text needs "text"`);
  if (
    record.kind === 'block' &&
    (typeof record.signal !== 'string' || (record.stage !== 'input' && record.stage !== 'output'))
  ) {
    throw new Error(`${SCENARIO_HEADER}: block needs "signal" and "stage" (input|output)`);
  }
  const retryAfter = record.retryAfter as Record<string, unknown> | undefined;
  if (record.kind === 'rate-limit' && retryAfter && 'httpDate' in retryAfter) {
    const date = new Date(retryAfter.httpDate as string);
    if (Number.isNaN(date.getTime())) throw new Error(`${SCENARIO_HEADER}: retryAfter.httpDate is not a date`);
    return { ...(record as FakeScenario), retryAfter: { httpDate: date } } as FakeScenario;
  }
  return record as FakeScenario;
}

/** The header value that selects `scenario` (the inverse of {@link parseScenarioHeader}). */
export function formatScenarioHeader(scenario: FakeScenario): string {
  return JSON.stringify(scenario);
}
