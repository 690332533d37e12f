import {
  failureKindError,
  findFailure,
  getPath,
  parseRetryAfter,
  readRetryAfter,
  redactBody,
  redactSecrets,
  scalarString,
} from '@sc-safety/adapter-utils';
import type { ErrorEvidence, FailureRule, RuleSubject } from '@sc-safety/adapter-utils';
import { AuthError, InvalidRequestError, RateLimitedError, TransientError } from '@sc-safety/spec';
import type { AdapterError, InvalidRequestReason, WarningV1 } from '@sc-safety/spec';
import { errorCodeOf, errorMessageOf } from './error-envelope.js';
import { GENERIC_FAILURES } from './presets/common.js';
import type { OpenAIPreset } from './presets/types.js';
import { readRequestId } from './request-id.js';

// What a failed call left behind (adapter-utils' ErrorEvidence): here `body` is the raw text when it was not JSON.
export type { ErrorEvidence };

/** What classification needs besides the evidence. */
export interface ClassifyOptions {
  preset: OpenAIPreset;
  /** Values that must never appear in a message or a recorded body (the API key). */
  secrets: readonly string[];
  warnings: WarningV1[];
}

/** The failure rules of a preset (a model entry's `failures:` already in front), then the generic ones. */
function failureRules(preset: OpenAIPreset): readonly FailureRule[] {
  return [...(preset.failures ?? []), ...GENERIC_FAILURES];
}

/** Whether the first matching failure rule says the prompt is longer than the context window (never a block). */
export function isContextLengthError(subject: RuleSubject, preset: OpenAIPreset): boolean {
  return findFailure(failureRules(preset), subject)?.kind === 'context_length';
}

/**
 * Maps a vendor error response to a spec error: the first failure rule that matches (a model
 * entry's `failures:`, the preset's, then the generic OpenAI ones — codes that hide behind
 * 400/403/429 statuses), else the status. Block rules are applied by the
 * caller before this, so whatever reaches here is a failure, not a blocked outcome.
 */
export function classifyErrorResponse(evidence: ErrorEvidence, options: ClassifyOptions): AdapterError {
  const { preset } = options;
  const { status, body } = evidence;
  const subject: RuleSubject = { status, body };
  const rule = findFailure(failureRules(preset), subject);
  // A rule's description says why the code means what it does (e.g. "arrears", added by config).
  const note = rule?.description === undefined ? '' : ` (${rule.description})`;
  const common = {
    message: describe(evidence, options) + redactSecrets(note, options.secrets),
    ...(status === undefined ? {} : { status }),
    ...optional('vendorCode', errorCodeOf(body)),
    body: redactBody(evidence.bodyText, options.secrets),
    ...optional('requestId', readRequestId(evidence.headers, body)),
    warnings: options.warnings,
  };

  if (rule !== undefined) return failureKindError(rule.kind, common, () => retryAfterMs(evidence, rule));
  if (status === 429) {
    return new RateLimitedError({ ...common, ...optional('retryAfterMs', retryAfterMs(evidence)) });
  }
  if (status === 401 || status === 403) return new AuthError(common);
  if (status === 408 || status === 409 || status === 529 || (status !== undefined && status >= 500))
    return new TransientError(common);
  if (status === undefined) {
    // An error frame inside a stream carries no status: the vendor failed mid-answer.
    return new TransientError(common);
  }
  if (status >= 400) return new InvalidRequestError({ ...common, reason: invalidReason(subject) });
  return new TransientError(common);
}

function invalidReason(subject: RuleSubject): InvalidRequestReason {
  if (subject.status === 404) return 'model_not_found';
  if (subject.status === 422) return 'parameter';
  const param = scalarString(getPath(subject.body, 'error.param'));
  const code = `${scalarString(getPath(subject.body, 'error.code')) ?? ''} ${scalarString(getPath(subject.body, 'error.type')) ?? ''}`;
  if ((param !== undefined && param !== '') || /param|argument/i.test(code)) return 'parameter';
  return 'other';
}

/**
 * The sources a failure rule names (`retryAfter:`), when it names any. Otherwise Retry-After headers
 * first; then a wait stated in the message (Moonshot: "please try again after N seconds"); last the
 * `x-ratelimit-reset-*` durations, which time a full bucket refill and so overstate the wait.
 */
function retryAfterMs(evidence: ErrorEvidence, rule?: FailureRule): number | undefined {
  if (rule?.retryAfter !== undefined) {
    const message = errorMessageOf(evidence.body);
    return readRetryAfter(rule.retryAfter, { headers: evidence.headers, body: evidence.body, message });
  }
  const explicit = parseRetryAfter(evidence.headers, Date.now(), { rateLimitReset: false });
  if (explicit !== undefined) return explicit;
  const match = /after (\d+(?:\.\d+)?) ?s(?:ec(?:ond)?s?)?\b/i.exec(errorMessageOf(evidence.body) ?? '');
  if (match?.[1] !== undefined) return Math.ceil(Number(match[1]) * 1000);
  return parseRetryAfter(evidence.headers);
}

function describe(evidence: ErrorEvidence, options: ClassifyOptions): string {
  const where = evidence.status === undefined ? 'error inside the stream' : `HTTP ${evidence.status}`;
  const vendorMessage = errorMessageOf(evidence.body);
  const text =
    vendorMessage ??
    (evidence.bodyText.trim() === ''
      ? 'no body'
      : `non-JSON body: ${redactSecrets(evidence.bodyText, options.secrets).slice(0, 200)}`);
  const code = errorCodeOf(evidence.body);
  return redactSecrets(
    `${options.preset.label} ${where}${code === undefined ? '' : ` (${code})`}: ${text}`,
    options.secrets,
  );
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}
