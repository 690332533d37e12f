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
