import { AbortedError, AdapterError, TimeoutError, TransientError } from '@sc-safety/spec';
import type { WarningV1 } from '@sc-safety/spec';
import { callSignal, redactSecrets } from '@sc-safety/adapter-utils';

/**
 * One call's cancellation: the caller's signal and the per-call deadline, combined, remembering
 * which one fired so the failure can be named (the engine retries a timeout, never an abort).
 */
export interface CallScope {
  readonly signal: AbortSignal;
  readonly timedOut: boolean;
  readonly callerAborted: boolean;
  dispose(): void;
}

/**
 * Starts a scope; `timeoutMs` undefined or ≤ 0 means no deadline. Always `dispose()` it. Built on
 * adapter-utils' `callSignal` (a plain signal unlinked from the caller's on dispose, never pinned by
 * fetch's listeners); this adds only which side fired, so a failure can be named.
 */
export function openCallScope(timeoutMs: number | undefined, callerSignal: AbortSignal | undefined): CallScope {
  const call = callSignal(callerSignal, timeoutMs);
  return {
    signal: call.signal,
    get timedOut() {
      return call.timedOut && callerSignal?.aborted !== true;
    },
    get callerAborted() {
      return callerSignal?.aborted === true;
    },
    dispose() {
      call.dispose();
    },
  };
}

/** What a failure mapping needs to word its message. */
export interface FailureLabel {
  /** e.g. `llama.cpp at http://127.0.0.1:8080`. */
  label: string;
  timeoutMs?: number;
  secrets: readonly string[];
  warnings?: WarningV1[];
}

/**
 * Turns whatever a call threw into a spec error: adapter errors pass through; a fired deadline is
 * a TimeoutError and a caller abort an AbortedError (checked first: a network error caused by the
 * abort must not look like a server fault); anything else is a TransientError naming the cause.
 */
export function toAdapterError(error: unknown, scope: CallScope, info: FailureLabel): AdapterError {
  if (AdapterError.isInstance(error)) return error;
  const warnings = info.warnings ?? [];
  if (scope.callerAborted)
    return new AbortedError({ message: `${info.label}: the call was aborted by the caller.`, warnings });
  if (scope.timedOut) {
    const limit = info.timeoutMs === undefined ? '' : ` (${info.timeoutMs} ms)`;
    return new TimeoutError({
      message: `${info.label}: no complete answer within the per-call timeout${limit}.`,
      warnings,
    });
  }
  return new TransientError({
    message: redactSecrets(`${info.label}: ${describeNetworkError(error)}`, info.secrets),
    warnings,
  });
}

/** A readable cause for a fetch failure: refused connections get a hint to start the server. */
export function describeNetworkError(error: unknown): string {
  const code = errorCode(error);
  if (code === 'ECONNREFUSED')
    return 'connection refused: nothing is listening there. Is the server running, on this port?';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `the host name could not be resolved (${code}).`;
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return `the connection was closed by the server (${code}).`;
  const message = error instanceof Error ? error.message : String(error);
  const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
  if (message === 'terminated') return `the answer was cut off before it was complete${cause}.`;
  return `request failed: ${message}${cause}`;
}

function errorCode(error: unknown): string | undefined {
  for (let current: unknown = error, depth = 0; current !== undefined && current !== null && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
