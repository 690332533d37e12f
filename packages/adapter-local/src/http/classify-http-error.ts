import { parseRetryAfter, redactBody, redactSecrets, safeParseJson } from '@sc-safety/adapter-utils';
import { AuthError, InvalidRequestError, RateLimitedError } from '@sc-safety/spec';
import type { AdapterError, WarningV1 } from '@sc-safety/spec';
import { errorFieldsOf } from './error-fields.js';
import type { ErrorFields } from './error-fields.js';
import { transientWithPartial } from '../stream-interrupted-error.js';

/** Target-specific wording for the errors a user can fix. */
export interface ErrorHints {
  /** The message for a prompt longer than the context window. */
  contextLength(fields: ErrorFields): string;
  /** The message for an unknown model (404 or a "not found" body), when the target has advice. */
  modelNotFound?(fields: ErrorFields): string;
}

/** What the server sent back, besides success. */
export interface HttpErrorEvidence {
  /** Undefined for an error line or frame inside a 200 stream. */
  status: number | undefined;
  headers?: Headers;
  bodyText: string;
}

export interface ClassifyHttpErrorOptions {
  label: string;
  secrets: readonly string[];
  hints: ErrorHints;
  warnings?: WarningV1[];
  /** Text streamed before an in-stream error; kept on a TransientError. */
  partialText?: string;
}

const CONTEXT_LENGTH =
  /exceed_context_size|context (?:length|size|window)|maximum context|greater than the context|too many tokens|prompt is too long/i;
const MODEL_NOT_FOUND = /model .*not found|not found, try pulling|no such model|model_not_found|does not exist/i;

/** Whether an error says the prompt does not fit the context window (never a block). */
export function isContextLengthError(fields: ErrorFields): boolean {
  return CONTEXT_LENGTH.test(`${fields.code ?? ''} ${fields.message ?? ''}`);
}

/**
 * Maps an error response of a local server to a spec error: context overflow and unknown models
 * first (both arrive as 400/404 with a message to read), then the status. Local servers have no
 * content filter, so nothing here is ever a block.
 */
export function classifyHttpError(evidence: HttpErrorEvidence, options: ClassifyHttpErrorOptions): AdapterError {
  const parsed = safeParseJson(evidence.bodyText);
  const fields = errorFieldsOf(parsed.success ? parsed.value : undefined);
  const { status } = evidence;
  const common = {
    message: describe(evidence, fields, options),
    ...(status === undefined ? {} : { status }),
    ...(fields.code === undefined ? {} : { vendorCode: fields.code }),
    body: redactBody(evidence.bodyText, options.secrets),
    warnings: options.warnings ?? [],
  };
  if ((status === undefined || status === 400 || status === 413 || status === 500) && isContextLengthError(fields)) {
    return new InvalidRequestError({
      ...common,
      message: redactSecrets(options.hints.contextLength(fields), options.secrets),
      reason: 'context_length',
    });
  }
  if (status === 404 || (status !== undefined && status < 500 && MODEL_NOT_FOUND.test(fields.message ?? ''))) {
    const advice = options.hints.modelNotFound?.(fields);
    return new InvalidRequestError({
      ...common,
      ...(advice === undefined ? {} : { message: redactSecrets(advice, options.secrets) }),
      reason: 'model_not_found',
    });
  }
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(evidence.headers);
    return new RateLimitedError({ ...common, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) });
  }
  if (status === 401 || status === 403) return new AuthError(common);
  if (status === undefined || status === 408 || status === 409 || status >= 500)
    return transientWithPartial(common, options.partialText);
  return new InvalidRequestError({ ...common, reason: status === 422 ? 'parameter' : 'other' });
}

function describe(evidence: HttpErrorEvidence, fields: ErrorFields, options: ClassifyHttpErrorOptions): string {
  const where = evidence.status === undefined ? 'error inside the stream' : `HTTP ${evidence.status}`;
  const trimmed = evidence.bodyText.trim();
  const text =
    fields.message ??
    (trimmed === '' ? 'no body' : `non-JSON body: ${redactSecrets(trimmed, options.secrets).slice(0, 200)}`);
  const code = fields.code === undefined ? '' : ` (${fields.code})`;
  return redactSecrets(`${options.label} ${where}${code}: ${text}`, options.secrets);
}
