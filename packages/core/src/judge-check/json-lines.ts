import { describeValue, isPlainObject, type IssueCollector } from '../dataset/issues.js';

/**
 * One line of a JSONL file (a judge-check set, a label file) parsed. When it is not JSON the
 * problem is recorded at its line, saying what each line should hold, and nothing comes back.
 *
 * @param what what one line holds, for the message (`JSON object`, `rating object`).
 */
export function parseJsonLine(
  text: string,
  line: number,
  issues: IssueCollector,
  what: string,
): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (error) {
    issues.error({ line }, undefined, `not valid JSON (${(error as Error).message}); each line holds one ${what}`);
    return undefined;
  }
}

/** Why a file could not be read, as an issue's message: `cannot read the <what>: no such file`, or the system's words. */
export function cannotReadMessage(what: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return `cannot read the ${what}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`;
}

/** A line's value when it is a JSON object; otherwise `expected <like>, got <what it is>` is recorded at the line. */
export function lineObject(
  value: unknown,
  line: number,
  issues: IssueCollector,
  like: string,
): Record<string, unknown> | undefined {
  if (isPlainObject(value)) return value;
  issues.error({ line }, undefined, `expected ${like}, got ${describeValue(value)}`);
  return undefined;
}

/**
 * A field of a line's object that holds non-empty text when present; any other value is recorded.
 *
 * @param missing the message for an absent field; without it the field is optional.
 */
export function textField(
  value: Record<string, unknown>,
  field: string,
  line: number,
  issues: IssueCollector,
  missing?: string,
): string | undefined {
  const v = value[field];
  if (v === undefined) {
    if (missing !== undefined) issues.error({ line }, field, missing);
    return undefined;
  }
  if (typeof v !== 'string' || v.trim() === '') {
    issues.error({ line }, field, `expected non-empty text, got ${describeValue(v)}`);
    return undefined;
  }
  return v;
}
