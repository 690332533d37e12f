import { setMaxListeners } from 'node:events';
import { AbortedError, AdapterError, AuthError, QuotaExhaustedError, TimeoutError } from '@sc-safety/spec';
import type { GenerateRequestV1, GenerateResultV1, LanguageModelV1 } from '@sc-safety/spec';
import { afterPendingIo } from './after-pending-io.js';
import { RateBudget, estimateTokens } from './rate-budget.js';
import { withRetries } from './retry.js';
import type { RetryOptions } from './retry.js';
import { Semaphore } from './semaphore.js';

/** Limits of one model (target or judge) in a run. */
export interface LaneLimits {
  concurrency: number;
  rpm?: number;
  tpm?: number;
  /** Per-call timeout, ms. */
  timeoutMs: number;
  /** Retries of retryable errors after the first attempt. */
  maxRetries: number;
  /** Backoff base and cap, ms (tests shorten them). */
  baseDelayMs?: number;
  maxDelayMs?: number;
}

export interface LaneCallResult {
  result: GenerateResultV1;
  attempts: number;
  latencyMs: number;
}

/** Why a lane stopped taking work: its account cannot go on, or the run was interrupted. */
export interface LaneStop {
  kind: 'auth' | 'quota_exhausted';
  message: string;
}

/**
 * One model's lane: its own concurrency, request and token budgets, timeout and retries. A final
 * auth or quota error stops the lane (its later calls fail fast) while other lanes go on.
 */
export class ModelLane {
  readonly semaphore: Semaphore;
  readonly budget: RateBudget;
  private readonly stopController = new AbortController();
  /** The lane's stop signal joined with the run's, built once per run signal (see `outerSignal`). */
  private outer: { run: AbortSignal; signal: AbortSignal } | undefined;
  /**
   * How to abort each attempt in flight, by the outer signal it runs under. One listener per outer
   * signal aborts them all, instead of one listener added and removed per attempt (an EventTarget
   * listener costs more than a Set entry).
   */
  private readonly inFlight = new WeakMap<AbortSignal, Set<(reason: unknown) => void>>();
  stopped: LaneStop | undefined;
  retries = 0;

  constructor(
    readonly id: string,
    readonly model: LanguageModelV1,
    readonly limits: LaneLimits,
    private readonly onRetry?: RetryOptions['onRetry'],
    /** The run's cap on calls in flight across every lane, when it has one (`maxInFlight`). */
    private readonly runSlots?: Semaphore,
  ) {
    this.semaphore = new Semaphore(limits.concurrency);
    this.budget = new RateBudget(limits.rpm, limits.tpm);
    // Every call in flight or queued listens on the lane's signal: no listener-count warning.
    setMaxListeners(0, this.stopController.signal);
    this.abortInFlightOn(this.stopController.signal);
  }

  private abortInFlightOn(signal: AbortSignal): void {
    const attempts = new Set<(reason: unknown) => void>();
    this.inFlight.set(signal, attempts);
    signal.addEventListener(
      'abort',
      () => {
        for (const abort of attempts) abort(signal.reason);
      },
      { once: true },
    );
  }

  get stopSignal(): AbortSignal {
    return this.stopController.signal;
  }

  stop(reason: LaneStop): void {
    if (this.stopped) return;
    this.stopped = reason;
    this.stopController.abort(new AbortedError({ message: `${this.id} stopped: ${reason.message}` }));
  }

  /**
   * One logical call with retries. Resolves with the adapter's result (an answer or a block);
   * rejects with the last error (wrapped in RetriesExhaustedError with the attempt count).
   * `priority` orders waiting calls, higher first (see {@link callPriority}).
   */
  async call(request: GenerateRequestV1, runSignal: AbortSignal | undefined, priority = 0): Promise<LaneCallResult> {
    const started = performance.now();
    // Only a token budget needs the estimate (a pass over every character of the conversation).
    const estimate =
      this.limits.tpm === undefined
        ? 0
        : request.messages.reduce((n, m) => n + estimateTokens(m.content), 0) + (request.params?.maxTokens ?? 512);
    const outer = this.outerSignal(runSignal);
    const { value, attempts } = await withRetries(
      async () => {
        await this.semaphore.acquire(outer, priority);
        try {
          outer.throwIfAborted();
          if (!this.budget.unlimited) await this.budget.acquire(estimate, outer);
          if (!this.runSlots) return await this.attempt(request, outer, estimate);
          await this.runSlots.acquire(outer, priority);
          try {
            return await this.attempt(request, outer, estimate);
          } finally {
            this.runSlots.release();
          }
        } catch (error) {
          // Stop the lane before the slot is handed on, so no queued call starts on a dead account.
          if (AuthError.isInstance(error)) this.stop({ kind: 'auth', message: error.message });
          if (QuotaExhaustedError.isInstance(error)) this.stop({ kind: 'quota_exhausted', message: error.message });
          throw error;
        } finally {
          this.semaphore.release();
        }
      },
      {
        maxRetries: this.limits.maxRetries,
        baseDelayMs: this.limits.baseDelayMs,
        maxDelayMs: this.limits.maxDelayMs,
        signal: outer,
        onRetry: (info) => {
          this.retries++;
          this.onRetry?.(info);
        },
      },
    );
    const latencyMs = Math.round(performance.now() - started);
    // The slot is free: let the call that took it send its request before this one's bookkeeping.
    await afterPendingIo();
    return { result: value, attempts, latencyMs };
  }

  /**
   * One signal per lane and run signal, not one `AbortSignal.any` per call: Node keeps every
   * composite of a long-lived signal registered on it, so per-call composites cost CPU and memory
   * for the whole run.
   */
  private outerSignal(runSignal: AbortSignal | undefined): AbortSignal {
    if (!runSignal) return this.stopController.signal;
    if (this.outer?.run !== runSignal) {
      const signal = AbortSignal.any([this.stopController.signal, runSignal]);
      setMaxListeners(0, signal);
      this.abortInFlightOn(signal);
      this.outer = { run: runSignal, signal };
    }
    return this.outer.signal;
  }

  private async attempt(request: GenerateRequestV1, outer: AbortSignal, estimate: number): Promise<GenerateResultV1> {
    // A plain per-attempt controller, linked to the lane/run signal through `inFlight` while the
    // attempt runs; the adapter may leave listeners on it, and a plain signal is still collected.
    const attempt = new AbortController();
    let timedOut = false;
    // Settles the race below when the attempt is aborted: an adapter that ignores its signal must
    // not hang the run. Called from the two places that abort, so no listener is added for it.
    let giveUp: ((reason: unknown) => void) | undefined;
    const abort = (reason: unknown) => {
      attempt.abort(reason);
      giveUp?.(reason);
    };
    const inFlight = this.inFlight.get(outer)!;
    if (outer.aborted) attempt.abort(outer.reason);
    else inFlight.add(abort);
    const timer = setTimeout(() => {
      timedOut = true;
      abort(new TimeoutError({ message: `no answer within ${this.limits.timeoutMs} ms` }));
    }, this.limits.timeoutMs);
    try {
      const signal = attempt.signal;
      signal.throwIfAborted();
      const result = await new Promise<GenerateResultV1>((resolve, reject) => {
        giveUp = reject;
        this.model.generate({ ...request, signal }).then(resolve, reject);
      });
      this.budget.settle(estimate, result.usage?.totalTokens ?? sumUsage(result.usage));
      return result;
    } catch (error) {
      // Our own per-call timeout surfaces from the adapter as an abort: it is a retryable timeout.
      if (timedOut && !outer.aborted && (!AdapterError.isInstance(error) || error.kind === 'aborted')) {
        throw new TimeoutError({ message: `no answer within ${this.limits.timeoutMs} ms`, cause: error });
      }
      throw error;
    } finally {
      giveUp = undefined;
      clearTimeout(timer);
      inFlight.delete(abort);
    }
  }
}

/**
 * Which waiting call a lane serves first: the one with the longest chain of calls still behind it.
 * An answer to turn k still has turns k + 1.. and a judgment after it, so earlier turns go first;
 * a judgment ends its chain, so judgments go after every answer. At the end of a run the last
 * conversations' answers then overlap the judgments still waiting, and the slots stay full to the
 * last call instead of draining while the final chains finish.
 */
export function callPriority(turn: number, kind: 'answer' | 'judgment'): number {
  return kind === 'answer' ? -turn : JUDGMENT_PRIORITY;
}

/** Below every answer's priority (`-turn`, and no conversation has this many turns). */
const JUDGMENT_PRIORITY = -1_000_000;

function sumUsage(usage: { inputTokens?: number; outputTokens?: number } | undefined): number | undefined {
  if (!usage || (usage.inputTokens === undefined && usage.outputTokens === undefined)) return undefined;
  return (usage.inputTokens ?? 0) + (usage.outputTokens ?? 0);
}
