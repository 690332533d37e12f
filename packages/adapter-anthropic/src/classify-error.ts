import { getHeader, redactBody, redactSecrets } from '@sc-safety/adapter-utils';
import type { ErrorEvidence } from '@sc-safety/adapter-utils';
import { AuthError, InvalidRequestError, QuotaExhaustedError, RateLimitedError, TransientError } from '@sc-safety/spec';
import type { AdapterError, BlockedResultV1, InvalidRequestReason, WarningV1 } from '@sc-safety/spec';
import { redactRaw } from './redact-raw.js';
import { retryAfterMs } from './retry-after.js';

// What a failed call left behind (adapter-utils' ErrorEvidence): here `body` is the parsed JSON body
// (`{"type":"error","error":{type,message},"request_id"}`), or undefined when it was not JSON.
export type { ErrorEvidence };

export interface ClassifyOptions {
  /** Values that must never appear in a message or a recorded body (the API key). */
  secrets: readonly string[];
  warnings: WarningV1[];
  /** Text streamed before an error event. */
  partialText?: string;
}

/** The status each `error.type` comes with, to classify an `event: error` that has no HTTP status. */
const TYPE_STATUS: Readonly<Record<string, number>> = {
  invalid_request_error: 400,
  authentication_error: 401,
  billing_error: 402,
  permission_error: 403,
  not_found_error: 404,
  request_too_large: 413,
  rate_limit_error: 429,
  api_error: 500,
  overloaded_error: 529,
};

// Anthropic has no quota status or code: a spent balance is a 400 recognised by its message.
const CREDIT_BALANCE = /credit balance is too low|purchase credits/i;
const CONTEXT_LENGTH =
  /prompt is too long|exceeds? (?:the )?(?:model'?s? )?context|context (?:window|limit)|input length and `?max_tokens`? exceed/i;
const CONTENT_FILTERING = /output blocked by content filtering policy/i;

/**
 * Maps an Anthropic error to its outcome. A 400 "Output blocked by content filtering policy" is a
 * blocked result (stage output, code `content_filtering_policy`, the envelope as its redacted
 * `raw`), never an error. Otherwise, by message first, since the status alone does not tell them
 * apart: credit balance → quota exhausted; "prompt is too long" → invalid request, reason
 * context_length. Then by status (or, for an error event inside a stream, by `error.type`): 429 →
 * rate limited with the wait; 401/403 → auth; 402 → quota; 408, 409, 5xx and 529 overloaded →
 * transient; other 4xx → invalid request.
 */
export function classifyError(evidence: ErrorEvidence, options: ClassifyOptions): AdapterError | BlockedResultV1 {
  const { type, message } = errorFields(evidence.body);
  const vendorMessage = message ?? '';
  const requestId = readErrorRequestId(evidence);
  const effective = evidence.status ?? (type === undefined ? undefined : TYPE_STATUS[type]);

  if (CONTENT_FILTERING.test(vendorMessage)) {
    const blocked: BlockedResultV1 = {
      type: 'blocked',
      stage: 'output',
      code: 'content_filtering_policy',
      message: redactSecrets(vendorMessage, options.secrets),
      warnings: options.warnings,
      // The envelope as evidence, structure kept, with the key taken out of every string in it.
      raw:
        evidence.body === undefined || evidence.body === null
          ? redactBody(evidence.bodyText, options.secrets)
          : redactRaw(evidence.body, options.secrets),
    };
    if (options.partialText !== undefined && options.partialText !== '') blocked.partialText = options.partialText;
    if (requestId !== undefined) blocked.requestId = requestId;
    return blocked;
  }

  const common = {
    message: describe(evidence, type, message, options.secrets),
    ...(evidence.status === undefined ? {} : { status: evidence.status }),
    ...(type === undefined ? {} : { vendorCode: type }),
    body: redactBody(evidence.bodyText, options.secrets),
    ...(requestId === undefined ? {} : { requestId }),
    warnings: options.warnings,
  };

  if (effective === 402 || (CREDIT_BALANCE.test(vendorMessage) && (effective === 400 || effective === 403)))
    return new QuotaExhaustedError(common);
  if (CONTEXT_LENGTH.test(vendorMessage) && (effective === 400 || effective === 413)) {
    return new InvalidRequestError({ ...common, reason: 'context_length' });
  }
  if (effective === 429) {
    const wait = retryAfterMs(evidence.headers);
    return new RateLimitedError({ ...common, ...(wait === undefined ? {} : { retryAfterMs: wait }) });
  }
  if (effective === 401 || effective === 403) return new AuthError(common);
  if (effective === undefined || effective === 408 || effective === 409 || effective >= 500)
    return new TransientError(common);
  if (effective >= 400) return new InvalidRequestError({ ...common, reason: invalidReason(effective, vendorMessage) });
  return new TransientError(common);
}

function invalidReason(status: number, message: string): InvalidRequestReason {
  if (status === 404) return 'model_not_found';
  // Validation messages name the field first: "max_tokens: Field required", "temperature: …".
  if (/^[a-z_][\w.]*: /i.test(message)) return 'parameter';
  return 'other';
}

/** `error.type` and `error.message` of the envelope, when present. */
export function errorFields(body: unknown): { type?: string; message?: string } {
  if (typeof body !== 'object' || body === null) return {};
  const error = (body as Record<string, unknown>).error;
  if (typeof error !== 'object' || error === null) return {};
  const e = error as Record<string, unknown>;
  return {
    ...(typeof e.type === 'string' ? { type: e.type } : {}),
    ...(typeof e.message === 'string' ? { message: e.message } : {}),
  };
}

function readErrorRequestId(evidence: ErrorEvidence): string | undefined {
  const header = getHeader(evidence.headers, 'request-id');
  if (header !== undefined && header !== '') return header;
  const fromBody =
    typeof evidence.body === 'object' && evidence.body !== null
      ? (evidence.body as Record<string, unknown>).request_id
      : undefined;
  return typeof fromBody === 'string' && fromBody !== '' ? fromBody : undefined;
}

function describe(
  evidence: ErrorEvidence,
  type: string | undefined,
  message: string | undefined,
  secrets: readonly string[],
): string {
  const where = evidence.status === undefined ? 'error event inside the stream' : `HTTP ${evidence.status}`;
  const text =
    message ??
    (evidence.bodyText.trim() === ''
      ? 'no body'
      : `non-JSON body: ${redactSecrets(evidence.bodyText, secrets).slice(0, 200).replace(/\s+/g, ' ')}`);
  return redactSecrets(`Anthropic ${where}${type === undefined ? '' : ` (${type})`}: ${text}`, secrets);
}
