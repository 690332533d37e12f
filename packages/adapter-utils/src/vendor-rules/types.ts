import type { BlockStage } from '@sc-safety/spec';

/**
 * A JSON path into a vendor body: dotted names with `[n]` or `.n` array indices, e.g.
 * `output.choices[0].message.content` or `choices.0.finish_reason`. A leading `$.` is ignored.
 */
export type JsonPath = string;

/**
 * A predicate over what an adapter received: the HTTP status (or the status a stream frame
 * announced) and a parsed body. Every key given must hold; `all` / `any` / `not` combine.
 * `path` selects the field that the value tests (`equals`, `oneOf`, `exists`, …) look at.
 */
export interface Condition {
  /** The status equals this value or one of these values. */
  status?: number | number[];
  /** The status is at least this value (`400` = every client and server error). */
  statusAtLeast?: number;
  /** The field the value tests below read. */
  path?: JsonPath;
  /** The field equals this value (numbers, strings and booleans compare as strings). */
  equals?: string | number | boolean;
  /** The field is absent or does not equal this value. */
  notEquals?: string | number | boolean;
  /** The field equals one of these values. */
  oneOf?: (string | number | boolean)[];
  /** The field is present (not undefined, not null) — or absent with `false`. */
  exists?: boolean;
  /** The field is a number (or numeric string) at least this large. */
  gte?: number;
  /** The field is a string containing this text (case-insensitive). */
  includes?: string;
  /** The field is a string starting with this text (case-insensitive). */
  startsWith?: string;
  /** The field is a string matching this regular expression (JavaScript syntax, case-insensitive). */
  matches?: string;
  /** The field is `true` (or the string `"true"`). */
  isTrue?: boolean;
  /** The frame's SSE `event:` name equals this (stream frames only). */
  event?: string;
  all?: Condition[];
  any?: Condition[];
  not?: Condition;
}

/** Where the block happened: fixed, read from a body field through a value map, or from a message prefix. */
export type StageSpec =
  | BlockStage
  | {
      /** The field naming the side, e.g. `contentFilter[0].role`. */
      path: JsonPath;
      /** Field value → stage. */
      map: Record<string, BlockStage>;
      /** Stage when the field is missing or its value is not in `map`. */
      otherwise: BlockStage;
    }
  | {
      /** The field whose text decides, e.g. `message` ("Input data may …" / "Output data may …"). */
      messagePath: JsonPath;
      /** Tried in order; the first entry whose text starts the message (case-insensitive) wins. */
      prefixes: { startsWith: string; stage: BlockStage }[];
      otherwise: BlockStage;
    };

/**
 * One vendor moderation rule. Rules are tried in order and the first match wins. An adapter checks
 * them against every body it sees (an answer, an error body, a stream frame); `on` narrows a rule
 * to error bodies or to answers.
 */
export interface BlockRule {
  /** `error`: only error bodies (HTTP 4xx/5xx, an error frame); `response`: only answers; absent: both. */
  on?: 'error' | 'response';
  when: Condition;
  /** `block` (default) ends the call as a blocked outcome; `flag` keeps the answer and adds a warning. */
  effect?: 'block' | 'flag';
  stage: StageSpec;
  /** The code recorded on the outcome: a literal or `{ path }` to read it from the body. */
  code: string | { path: JsonPath };
  /** Where the vendor's message is; the adapter's default, then `description`, is used when it is absent. */
  message?: JsonPath;
  /** What the signal means, in words. */
  description: string;
  /** Extra vendor detail to record: name → path (severity, flag, ban_round, sensitive type…). */
  details?: Record<string, JsonPath>;
  /** How the signal is listed in `capabilities.moderationSignals`, e.g. `base_resp.status_code=1026`. */
  signal: string;
}

/** How a failure is classified. `rate_limited` is retried by the engine; `quota_exhausted` never is. */
export type FailureKind =
  | 'rate_limited'
  | 'quota_exhausted'
  | 'auth'
  | 'context_length'
  | 'model_not_found'
  | 'invalid_request'
  | 'transient';

/** Where a retry-after wait can be read. */
export type RetryAfterSource =
  /** The standard headers: `retry-after-ms`, `retry-after` (seconds or HTTP date), `x-ratelimit-reset-*`. */
  | { headers: true }
  /** A body field holding seconds (or milliseconds with `unit: ms`). */
  | { path: JsonPath; unit?: 's' | 'ms' }
  /** A regular expression over the error message whose first group is the seconds ("try again after 20 seconds"). */
  | { messagePattern: string };

/** One failure rule: tried in order after the block rules, on error bodies only. */
export interface FailureRule {
  when: Condition;
  kind: FailureKind;
  /** Where to read the wait for `rate_limited` (default: the adapter's usual sources). */
  retryAfter?: RetryAfterSource[];
  /** Note recorded in the error message (why this code means what it does). */
  description?: string;
}

/**
 * Rules a run config's model entry adds to its preset or template (`blocks:`, `failures:`). They are
 * tried before the built-in ones, so they add new codes and override old ones.
 */
export interface RuleOverrides {
  blocks?: BlockRule[];
  failures?: FailureRule[];
}

/** What a condition is evaluated against. */
export interface RuleSubject {
  /** HTTP status, or the status a stream frame announced; undefined inside a stream without one. */
  status?: number | undefined;
  body: unknown;
  /** The SSE `event:` name of a stream frame. */
  event?: string | undefined;
}

/** The failure kinds, in the order the docs list them. */
export const FAILURE_KINDS: readonly FailureKind[] = [
  'rate_limited',
  'quota_exhausted',
  'auth',
  'context_length',
  'model_not_found',
  'invalid_request',
  'transient',
];
