/** One call's abort signal: the caller's signal and a deadline, released when the call ends. */
export interface CallSignal {
  /** Give this to fetch. Aborts with the caller's reason, or a `TimeoutError` DOMException at the deadline. */
  readonly signal: AbortSignal;
  /** Whether the deadline fired (as opposed to the caller aborting). */
  readonly timedOut: boolean;
  /** Unlinks from the caller's signal and clears the timer. Call it once the call is over (in `finally`). */
  dispose(): void;
}

/**
 * A per-call signal that aborts when `caller` does or after `timeoutMs`: a plain AbortController
 * linked to the caller by one listener, which `dispose` removes together with the timer.
 *
 * Not `AbortSignal.any([caller, AbortSignal.timeout(ms)])`: the runner passes one long-lived signal
 * to every call of a run, a composite stays tied to it, and once fetch has put its own abort
 * listener on the composite, Node keeps the composite (and what that listener reaches) alive for as
 * long as the caller's signal lives. Over tens of thousands of calls that is a leak; a plain signal
 * unlinked at the end of the call is collected with it.
 */
export function callSignal(caller: AbortSignal | undefined, timeoutMs: number): CallSignal {
  const controller = new AbortController();
  let timedOut = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const onAbort = (): void => controller.abort(caller?.reason);
  if (caller?.aborted) controller.abort(caller.reason);
  else caller?.addEventListener('abort', onAbort, { once: true });
  if (Number.isFinite(timeoutMs) && timeoutMs > 0 && !controller.signal.aborted) {
    timer = setTimeout(() => {
      timedOut = true;
      // The reason AbortSignal.timeout gives, so fetch and callers read it the same way.
      controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
    }, timeoutMs);
    // Like AbortSignal.timeout: a pending deadline alone does not keep the process alive.
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
