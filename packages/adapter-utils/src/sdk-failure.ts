import { AbortedError, AdapterError, InvalidResponseError, TimeoutError, TransientError } from '@sc-safety/spec';
import type { BlockedResultV1, WarningV1 } from '@sc-safety/spec';
import { redactSecrets } from './redact.js';
import { errorText, sanitizedCause } from './sanitized-cause.js';

/** What a failed call left behind: the vendor's error response, or an error event inside a stream. */
export interface ErrorEvidence {
  /** HTTP status; undefined for an error event (or frame) inside a 200 stream. */
  status: number | undefined;
  headers: Headers | undefined;
  /** The parsed JSON body; when the body was not JSON, what the adapter keeps says its own `ErrorEvidence` doc. */
  body: unknown;
  /** The body as received, for the redacted copy on the error. */
  bodyText: string;
}

/** What a call knew when it failed. */
export interface CallFailureContext {
  /** Values that must never appear in a message or a recorded body (the API key). */
  secrets: readonly string[];
  warnings: WarningV1[];
  /** The per-call deadline fired. */
  timedOut: boolean;
  /** The caller's signal fired. */
  callerAborted: boolean;
  /** Text streamed before the failure. */
  partialText?: string;
}

/** How an adapter on a vendor SDK recognises what its SDK threw. */
export interface SdkFailureKinds {
  /** Names the vendor in messages: `Anthropic: the call was aborted by the caller.` */
  label: string;
  /** What the SDK's stream is made of, for a unit that was not JSON: `stream event`, `stream frame`. */
  streamUnit: string;
  /** The SDK gave up waiting (its own timeout). */
  isTimeout(error: unknown): boolean;
  /** The SDK saw the request's signal fire. */
  isUserAbort(error: unknown): boolean;
  /** No connection could be made. */
  isConnection(error: unknown): boolean;
  /** The outcome of a vendor error response or error event; undefined when `error` carries none. */
  fromApiError(error: unknown): AdapterError | BlockedResultV1 | undefined;
}

/**
 * Turns whatever a call on a vendor SDK threw into its outcome, in this order: an AdapterError as
 * it is; the deadline → TimeoutError; the caller's abort → AbortedError; no connection →
 * TransientError; a vendor error → `kinds.fromApiError` (which may answer with a blocked result); a
 * stream unit that was not JSON → InvalidResponseError; a body cut off mid-way (undici
 * "terminated", "other side closed") and other I/O failures → TransientError. Every message is
 * redacted with the secrets, and the cause is a redacted copy (see `sanitizedCause`).
 */
export function sdkFailureOutcome(
  error: unknown,
  ctx: CallFailureContext,
  kinds: SdkFailureKinds,
): AdapterError | BlockedResultV1 {
  if (AdapterError.isInstance(error)) return error;
  const base = { warnings: ctx.warnings, cause: sanitizedCause(error, ctx.secrets) };
  const say = (text: string): string => redactSecrets(`${kinds.label}: ${text}`, ctx.secrets);
  if (ctx.timedOut || kinds.isTimeout(error)) {
    return new TimeoutError({ ...base, message: say('no complete answer within the per-call timeout.') });
  }
  if (ctx.callerAborted || kinds.isUserAbort(error)) {
    return new AbortedError({ ...base, message: say('the call was aborted by the caller.') });
  }
  if (kinds.isConnection(error)) {
    return new TransientError({ ...base, message: say(`connection failed: ${errorText(error)}`) });
  }
  const vendorOutcome = kinds.fromApiError(error);
  if (vendorOutcome !== undefined) return vendorOutcome;
  if (error instanceof SyntaxError) {
    return new InvalidResponseError({
      ...base,
      message: say(`a ${kinds.streamUnit} was not valid JSON: ${error.message}`),
    });
  }
  return new TransientError({ ...base, message: say(`the answer could not be read: ${errorText(error)}`) });
}

/**
 * Runs one call and settles it: whatever `run` throws goes through `onFailure`, whose error is
 * thrown and whose result (a block the vendor reported as an error) is returned; `scope` is
 * disposed of either way.
 */
export async function settleCall<T>(
  scope: { dispose(): void },
  run: () => Promise<T>,
  onFailure: (error: unknown) => AdapterError | T,
): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const outcome = onFailure(error);
    if (outcome instanceof Error) throw outcome;
    return outcome;
  } finally {
    scope.dispose();
  }
}
