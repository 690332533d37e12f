import { isAbortError, redactSecrets } from '@sc-safety/adapter-utils';
import { AbortedError, AdapterError, TimeoutError, TransientError } from '@sc-safety/spec';
import type { WarningV1 } from '@sc-safety/spec';

const TIMEOUT_CODES = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ETIMEDOUT',
]);

/** What decides how a thrown network failure is reported. */
export interface NetworkFailureContext {
  label: string;
  /** The caller's signal (abort). */
  callerSignal?: AbortSignal | undefined;
  /** Whether the per-call deadline fired (timeout). */
  timedOut?: boolean;
  timeoutMs: number;
  secrets: readonly string[];
  warnings: WarningV1[];
  /** What was happening, e.g. `while reading the stream`. */
  phase: string;
}

/**
 * Maps a failure thrown by the transport (not a vendor answer) to an adapter error: the caller's
 * abort wins, then the deadline, then undici's own timeouts; everything else on the wire (reset,
 * refused, closed mid-body) is transient. Adapter errors pass through.
 */
export function networkFailure(error: unknown, context: NetworkFailureContext): AdapterError {
  if (AdapterError.isInstance(error)) return error;
  const cause = error instanceof Error ? new Error(redactSecrets(error.message, context.secrets)) : undefined;
  const base = { warnings: context.warnings, ...(cause === undefined ? {} : { cause }) };
  if (context.callerSignal?.aborted === true) {
    return new AbortedError({ ...base, message: `${context.label} call aborted by the caller ${context.phase}.` });
  }
  const code = (error as { code?: unknown } | null)?.code;
  if (context.timedOut === true || (typeof code === 'string' && TIMEOUT_CODES.has(code))) {
    return new TimeoutError({
      ...base,
      message: `${context.label} call timed out after ${context.timeoutMs} ms ${context.phase}.`,
    });
  }
  if (isAbortError(error))
    return new AbortedError({ ...base, message: `${context.label} call aborted ${context.phase}.` });
  const detail =
    error instanceof Error ? `${typeof code === 'string' ? `${code}: ` : ''}${error.message}` : String(error);
  return new TransientError({
    ...base,
    message: redactSecrets(`${context.label} connection failed ${context.phase}: ${detail}`, context.secrets),
  });
}
