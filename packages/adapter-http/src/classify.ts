import { parseRetryAfter, redactBody, redactSecrets } from '@sc-safety/adapter-utils';
import {
  AuthError,
  InvalidRequestError,
  QuotaExhaustedError,
  RateLimitedError,
  TransientError,
} from '@sc-safety/spec';
import type { AdapterError, BlockStage, WarningV1 } from '@sc-safety/spec';
import { matches, matchesAny } from './condition.js';
import type { Subject } from './condition.js';
import { getFirst, getPath, numberOf, scalarString } from './json-path.js';
import type { BlockRule, FailureKind, FailureRule, HttpTemplate, RetryAfterSource, StageSpec } from './template/types.js';

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

/** Tries the template's block rules in order; the first match wins. */
export function findBlock(template: HttpTemplate, subject: Subject): BlockMatch | undefined {
  for (const rule of template.blocks ?? []) {
    if (!matches(rule.when, subject)) continue;
    const { body } = subject;
    const code = typeof rule.code === 'string' ? rule.code : (scalarString(getPath(body, rule.code.path)) ?? rule.signal);
    const vendorMessage = rule.message === undefined ? undefined : scalarString(getPath(body, rule.message));
    const details: BlockDetails = { signal: rule.signal };
    for (const [name, path] of Object.entries(rule.details ?? {})) {
      const value = getPath(body, path);
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === null) details[name] = value;
    }
    return {
      rule,
      effect: rule.effect ?? 'block',
      stage: resolveStage(rule.stage, body),
      code,
      message: vendorMessage !== undefined && vendorMessage.trim() !== '' ? vendorMessage : rule.description,
      details,
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

/** The warning recorded for a `flag` rule (the answer is kept). */
export function flagWarning(match: BlockMatch): WarningV1 {
  const details = Object.entries(match.details)
    .filter(([k]) => k !== 'signal')
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(', ');
  return { type: 'other', setting: 'moderation', message: `Vendor moderation flag ${match.rule.signal} (${match.code}): ${match.message}${details ? ` [${details}]` : ''}` };
}

/** Whether a body is an error: a 4xx/5xx status, or a 200 body the template says is an error. */
export function isErrorBody(template: HttpTemplate, subject: Subject): boolean {
  if (subject.status !== undefined && subject.status >= 400) return true;
  return matchesAny(template.errors.when, subject);
}

/** The vendor's code, message and request id from an error body. */
export function readError(template: HttpTemplate, body: unknown): { code?: string; message?: string; requestId?: string } {
  const code = scalarString(getFirst(body, template.errors.code));
  const message = scalarString(getFirst(body, template.errors.message)) ?? (typeof body === 'string' ? body : undefined);
  const requestId = scalarString(getFirst(body, template.errors.requestId));
  return { ...(code === undefined ? {} : { code }), ...(message === undefined ? {} : { message }), ...(requestId === undefined ? {} : { requestId }) };
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
  const rule = template.failures?.find((r) => matches(r.when, subject));
  const kind: FailureKind | 'unrecognised' = rule?.kind ?? kindFromStatus(subject.status);
  const statusText = subject.status === undefined ? 'in the stream' : `HTTP ${subject.status}`;
  const what = vendor.code === undefined ? 'error' : `error ${vendor.code}`;
  const text = vendor.message === undefined ? '' : `: ${vendor.message}`;
  const note = rule?.description === undefined ? '' : ` (${rule.description})`;
  const unrecognised = kind === 'unrecognised' ? ' — not a code this template knows; recorded with the raw body' : '';
  const message = redactSecrets(`${template.label} ${what} (${statusText})${text}${note}${unrecognised}`, context.secrets);
  const options = {
    message,
    ...(subject.status === undefined ? {} : { status: subject.status }),
    ...(vendor.code === undefined ? {} : { vendorCode: vendor.code }),
    body: redactBody(context.raw ?? subject.body, context.secrets),
    ...(vendor.requestId ?? context.requestId ? { requestId: vendor.requestId ?? context.requestId } : {}),
    warnings: context.warnings,
  };
  switch (kind) {
    case 'rate_limited': {
      const retryAfterMs = readRetryAfter(rule, subject.body, vendor.message, context);
      return new RateLimitedError({ ...options, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) });
    }
    case 'quota_exhausted':
      return new QuotaExhaustedError(options);
    case 'auth':
      return new AuthError(options);
    case 'context_length':
      return new InvalidRequestError({ ...options, reason: 'context_length' });
    case 'model_not_found':
      return new InvalidRequestError({ ...options, reason: 'model_not_found' });
    case 'invalid_request':
      return new InvalidRequestError({ ...options, reason: 'parameter' });
    case 'transient':
      return new TransientError(options);
    case 'unrecognised':
      return new InvalidRequestError({ ...options, reason: 'other' });
  }
}

function kindFromStatus(status: number | undefined): FailureKind | 'unrecognised' {
  if (status === undefined || status < 400) return 'unrecognised';
  if (status === 401 || status === 403) return 'auth';
  if (status === 404) return 'model_not_found';
  if (status === 429) return 'rate_limited';
  if (status === 408 || status === 409 || status >= 500) return 'transient';
  return 'unrecognised';
}

function readRetryAfter(rule: FailureRule | undefined, body: unknown, message: string | undefined, context: FailureContext): number | undefined {
  const sources: RetryAfterSource[] = rule?.retryAfter ?? [{ headers: true }];
  for (const source of sources) {
    if ('headers' in source) {
      const ms = parseRetryAfter(context.headers, context.now);
      if (ms !== undefined) return ms;
    } else if ('path' in source) {
      const n = numberOf(getPath(body, source.path));
      if (n !== undefined && n >= 0) return Math.ceil(source.unit === 'ms' ? n : n * 1000);
    } else if (message !== undefined) {
      const found = new RegExp(source.messagePattern, 'i').exec(message)?.[1];
      const n = numberOf(found);
      if (n !== undefined && n >= 0) return Math.ceil(n * 1000);
    }
  }
  return undefined;
}
