/** One call's abort signal: the caller's signal and a deadline, released when the call ends. */
export interface CallSignal {
  /** Pass this to the SDK or fetch. Aborts with the caller's reason, or a `TimeoutError` at the deadline. */
  readonly signal: AbortSignal;
  /** Whether the deadline fired (as opposed to the caller aborting). */
  readonly timedOut: boolean;
  /** Unlinks from the caller's signal and clears the timer. Call it once the call is over (finally). */
  dispose(): void;
}

/**
 * A per-call signal that aborts when `caller` does or after `timeoutMs`, built on a plain
 * AbortController linked by a listener that `dispose` removes.
 *
 * Why not `AbortSignal.any([caller, AbortSignal.timeout(ms)])`: Node keeps a timeout signal or a
 * composite signal that has an `abort` listener alive until the listener is removed or the
 * timer fires, and HTTP clients add such listeners without removing them (the `openai` SDK
 * does). Every call then stays in memory for the whole timeout (two minutes by default), or for
 * good with a composite, together with everything its listeners reach: kilobytes per call, which
 * adds up to hundreds of megabytes over a large run. A plain signal has no such pinning and is
 * collected with the call.
 */
export function callSignal(caller: AbortSignal | undefined, timeoutMs: number | undefined): CallSignal {
  const controller = new AbortController();
  let timedOut = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const onAbort = () => controller.abort(caller?.reason);
  if (caller?.aborted) controller.abort(caller.reason);
  else caller?.addEventListener('abort', onAbort, { once: true });
  if (timeoutMs !== undefined && Number.isFinite(timeoutMs) && timeoutMs > 0 && !controller.signal.aborted) {
    timer = setTimeout(() => {
      timedOut = true;
      // The same reason AbortSignal.timeout gives, so isTimeoutAbort and fetch treat it alike.
      controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
    }, timeoutMs);
    // Like AbortSignal.timeout: the deadline alone does not keep the process alive.
    timer.unref?.();
  }
  return {
    signal: controller.signal,
    get timedOut() {
      return timedOut;
    },
    dispose() {
      if (timer !== undefined) clearTimeout(timer);
      caller?.removeEventListener('abort', onAbort);
    },
  };
}
