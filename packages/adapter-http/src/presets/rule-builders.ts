import type { BlockRule, FailureKind, FailureRule, JsonPath, StageSpec } from '../template/types.js';

/*
 * Builders for the rule shapes the presets repeat per vendor. Each preset keeps its own facts
 * (paths, codes, stages, wording); a builder only spells out the rule around them, so that, e.g.,
 * a code rule's recorded code and signal always match the code it tests.
 */

/** A vendor code: a number (MiniMax, Qianfan, Spark) or a string (DashScope, Hunyuan). */
type Code = string | number;

/** Where a vendor puts its error code and the message that goes with it. */
export interface CodeAt {
  code: JsonPath;
  message: JsonPath;
}

/**
 * A block on one vendor code: `at.code` equals `code`. The outcome records the code as a string,
 * the vendor's message from `at.message`, and the signal `<code path>=<code>`.
 */
export function blockOnCode(at: CodeAt, code: Code, stage: StageSpec, description: string): BlockRule {
  return {
    when: { path: at.code, equals: code },
    stage,
    code: String(code),
    message: at.message,
    description,
    signal: `${at.code}=${code}`,
  };
}

/**
 * A block on a flag the vendor sets to true on an answer (`input_sensitive`, `need_clear_history`):
 * the code is the flag's path, the signal `<path>=true`; `details` names the fields to record.
 */
export function blockOnTrue(
  path: JsonPath,
  stage: StageSpec,
  description: string,
  details?: Record<string, JsonPath>,
): BlockRule {
  return {
    when: { path, isTrue: true },
    stage,
    code: path,
    description,
    ...(details === undefined ? {} : { details }),
    signal: `${path}=true`,
  };
}

/** One failure row: the codes, what they mean, and (optionally) why. */
export type FailureRow = readonly [codes: Code | readonly Code[], kind: FailureKind, description?: string];

/**
 * Failure rules on the codes at `path`, one a row, in the order given: a single code is matched
 * with `equals`, a list with `oneOf`.
 */
export function failuresOnCode(path: JsonPath, rows: readonly FailureRow[]): FailureRule[] {
  return rows.map(([codes, kind, description]) => ({
    when: Array.isArray(codes) ? { path, oneOf: [...codes] } : { path, equals: codes as Code },
    kind,
    ...(description === undefined ? {} : { description }),
  }));
}
