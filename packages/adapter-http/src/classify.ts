import { InvalidRequestError } from '@sc-safety/spec';
import type { AdapterError, WarningV1 } from '@sc-safety/spec';
import {
  failureKindError,
  findBlock as findRule,
  findFailure,
  getFirst,
  matchesAny,
  readRetryAfter,
  redactBody,
  redactSecrets,
  scalarString,
} from '@sc-safety/adapter-utils';
import type { BlockMatch, RuleSubject as Subject } from '@sc-safety/adapter-utils';
import type { FailureKind, FailureRule, HttpTemplate } from './template/types.js';

export { flagWarning } from '@sc-safety/adapter-utils';
export type { BlockDetails, BlockMatch } from '@sc-safety/adapter-utils';

/**
 * Tries the template's block rules in order; the first match wins. `on` is the kind of body (an
 * error body or an answer) so rules written for one are not tried on the other.
 */
export function findBlock(template: HttpTemplate, subject: Subject, on?: 'error' | 'response'): BlockMatch | undefined {
  return findRule(template.blocks ?? [], subject, on === undefined ? {} : { on });
}

/** Whether a body is an error: a 4xx/5xx status, or a 200 body the template says is an error. */
export function isErrorBody(template: HttpTemplate, subject: Subject): boolean {
  if (subject.status !== undefined && subject.status >= 400) return true;
  return matchesAny(template.errors.when, subject);
}

/** The vendor's code, message and request id from an error body. */
export function readError(
  template: HttpTemplate,
  body: unknown,
): { code?: string; message?: string; requestId?: string } {
  const code = scalarString(getFirst(body, template.errors.code));
  const message =
    scalarString(getFirst(body, template.errors.message)) ?? (typeof body === 'string' ? body : undefined);
  const requestId = scalarString(getFirst(body, template.errors.requestId));
  return {
    ...(code === undefined ? {} : { code }),
    ...(message === undefined ? {} : { message }),
    ...(requestId === undefined ? {} : { requestId }),
  };
}

/** What {@link classifyFailure} needs besides the body. */
export interface FailureContext {
  headers?: Record<string, string> | undefined;
  secrets: readonly string[];
  warnings: WarningV1[];
  /** The body as received, for evidence (redacted before it is stored). */
  raw?: unknown;
  requestId?: string | undefined;
  now?: number;
}

/**
 * Turns an error body into the right {@link AdapterError}: the template's failure rules first (in
 * order), then the HTTP status. A 200 body with an error code no rule knows becomes an
 * `InvalidRequestError` carrying the raw body, so an unconfirmed vendor signal is recorded as a
 * target error rather than guessed at.
 */
export function classifyFailure(template: HttpTemplate, subject: Subject, context: FailureContext): AdapterError {
  const vendor = readError(template, subject.body);
  const rule = findFailure(template.failures ?? [], subject);
  const kind: FailureKind | 'unrecognised' = rule?.kind ?? kindFromStatus(subject.status);
  const statusText = subject.status === undefined ? 'in the stream' : `HTTP ${subject.status}`;
  const what = vendor.code === undefined ? 'error' : `error ${vendor.code}`;
  const text = vendor.message === undefined ? '' : `: ${vendor.message}`;
  const note = rule?.description === undefined ? '' : ` (${rule.description})`;
  const unrecognised = kind === 'unrecognised' ? ' — not a code this template knows; recorded with the raw body' : '';
  const message = redactSecrets(
    `${template.label} ${what} (${statusText})${text}${note}${unrecognised}`,
    context.secrets,
  );
  const options = {
    message,
    ...(subject.status === undefined ? {} : { status: subject.status }),
    ...(vendor.code === undefined ? {} : { vendorCode: vendor.code }),
    body: redactBody(context.raw ?? subject.body, context.secrets),
    ...((vendor.requestId ?? context.requestId) ? { requestId: vendor.requestId ?? context.requestId } : {}),
    warnings: context.warnings,
  };
  if (kind === 'unrecognised') return new InvalidRequestError({ ...options, reason: 'other' });
  return failureKindError(kind, options, () => readRetryAfterFor(rule, subject.body, vendor.message, context));
}

function kindFromStatus(status: number | undefined): FailureKind | 'unrecognised' {
  if (status === undefined || status < 400) return 'unrecognised';
  if (status === 401 || status === 403) return 'auth';
  if (status === 404) return 'model_not_found';
  if (status === 429) return 'rate_limited';
  if (status === 408 || status === 409 || status >= 500) return 'transient';
  return 'unrecognised';
}

function readRetryAfterFor(
  rule: FailureRule | undefined,
  body: unknown,
  message: string | undefined,
  context: FailureContext,
): number | undefined {
  const evidence = { headers: context.headers, body, message, now: context.now };
  return readRetryAfter(rule?.retryAfter ?? [{ headers: true }], evidence);
}
