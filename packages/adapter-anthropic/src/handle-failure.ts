import { errorText, redactSecrets, safeParseJson, sanitizedCause } from '@sc-safety/adapter-utils';
import { AbortedError, AdapterError, InvalidResponseError, TimeoutError, TransientError } from '@sc-safety/spec';
import type { BlockedResultV1, WarningV1 } from '@sc-safety/spec';
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from '@anthropic-ai/sdk';
import { classifyError } from './classify-error.js';

/** What the call knew when it failed. */
export interface FailureContext {
  secrets: readonly string[];
  warnings: WarningV1[];
  /** The per-call deadline fired. */
  timedOut: boolean;
  /** The caller's signal fired. */
  callerAborted: boolean;
  /** Text streamed before the failure. */
  partialText?: string;
}

/**
 * Turns whatever a call threw into its outcome: the deadline → TimeoutError; the caller's abort →
 * AbortedError; an SDK `APIError` with a status or an error event → {@link classifyError} (which may
 * answer with a blocked result); no connection → TransientError; a stream event that was not JSON
 * → InvalidResponseError; a body cut off mid-way and other I/O failures → TransientError. Every
 * message is redacted with the API key, and the cause is a redacted copy (see adapter-utils' `sanitizedCause`).
 */
export function handleFailure(error: unknown, ctx: FailureContext): AdapterError | BlockedResultV1 {
  if (AdapterError.isInstance(error)) return error;
  const base = { warnings: ctx.warnings, cause: sanitizedCause(error, ctx.secrets) };
  if (ctx.timedOut || error instanceof APIConnectionTimeoutError) {
    return new TimeoutError({ ...base, message: 'Anthropic: no complete answer within the per-call timeout.' });
  }
  if (ctx.callerAborted || error instanceof APIUserAbortError) {
    return new AbortedError({ ...base, message: 'Anthropic: the call was aborted by the caller.' });
  }
  if (error instanceof APIConnectionError) {
    return new TransientError({ ...base, message: redact(`Anthropic: connection failed: ${errorText(error)}`, ctx) });
  }
  if (error instanceof APIError && (error.status !== undefined || error.error !== undefined)) {
    // The SDK keeps the whole JSON body as `error`; a non-JSON body (a gateway page) only in the message.
    const bodyText = error.error === undefined ? stripStatus(error.message) : JSON.stringify(error.error);
    const parsed = error.error === undefined ? undefined : safeParseJson(bodyText);
    return classifyError(
      { status: error.status, headers: error.headers, body: parsed?.success ? parsed.value : undefined, bodyText },
      {
        secrets: ctx.secrets,
        warnings: ctx.warnings,
        ...(ctx.partialText === undefined ? {} : { partialText: ctx.partialText }),
      },
    );
  }
  if (error instanceof SyntaxError) {
    return new InvalidResponseError({
      ...base,
      message: redact(`Anthropic: a stream event was not valid JSON: ${error.message}`, ctx),
    });
  }
  return new TransientError({
    ...base,
    message: redact(`Anthropic: the answer could not be read: ${errorText(error)}`, ctx),
  });
}

function stripStatus(message: string): string {
  return message.replace(/^\d{3} /, '');
}

function redact(text: string, ctx: FailureContext): string {
  return redactSecrets(text, ctx.secrets);
}
