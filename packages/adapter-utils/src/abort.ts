/**
 * Combines signals into one that aborts when any of them does. Missing signals are skipped; with
 * none left the result is `undefined`, with one it is that signal itself.
 */
export function combineSignals(...signals: (AbortSignal | undefined | null)[]): AbortSignal | undefined {
  const present = signals.filter((s): s is AbortSignal => s !== undefined && s !== null);
  if (present.length === 0) return undefined;
  if (present.length === 1) return present[0];
  return AbortSignal.any(present);
}

/**
 * A signal that aborts with a `TimeoutError` after `ms` milliseconds, or `undefined` when there is
 * no usable limit (undefined, not finite, or not positive).
 */
export function timeoutSignal(ms: number | undefined): AbortSignal | undefined {
  if (ms === undefined || !Number.isFinite(ms) || ms <= 0) return undefined;
  return AbortSignal.timeout(ms);
}

function errorName(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const name = (error as { name?: unknown }).name;
  return typeof name === 'string' ? name : undefined;
}

/**
 * Whether an error comes from an aborted operation: an `AbortError`, or a `TimeoutError` from
 * `AbortSignal.timeout` (fetch rejects with the signal's reason). Checks one level of `cause`
 * because some clients wrap the original error.
 */
export function isAbortError(error: unknown): boolean {
  const name = errorName(error);
  if (name === 'AbortError' || name === 'TimeoutError') return true;
  const cause = typeof error === 'object' && error !== null ? (error as { cause?: unknown }).cause : undefined;
  const causeName = errorName(cause);
  return causeName === 'AbortError' || causeName === 'TimeoutError';
}

/** Whether an abort came from a timeout (`AbortSignal.timeout`) rather than the caller. */
export function isTimeoutAbort(error: unknown): boolean {
  if (errorName(error) === 'TimeoutError') return true;
  const cause = typeof error === 'object' && error !== null ? (error as { cause?: unknown }).cause : undefined;
  return errorName(cause) === 'TimeoutError';
}
