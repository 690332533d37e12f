import { AdapterError, RateLimitedError } from '@sc-safety/spec';
import { sleep } from './sleep.js';

export interface RetryOptions {
  /** Retries after the first attempt (retryable errors only). */
  maxRetries: number;
  /** First backoff step in ms (doubles each retry). */
  baseDelayMs?: number;
  /** Upper bound of one wait, including a vendor's retry-after. */
  maxDelayMs?: number;
  signal?: AbortSignal;
  /** Called before each wait, for progress and logs. */
  onRetry?: (info: { attempt: number; delayMs: number; error: AdapterError }) => void;
  random?: () => number;
}

export interface RetryResult<T> {
  value: T;
  attempts: number;
}

/** An error after the last attempt, with how many attempts were made. */
export class RetriesExhaustedError extends Error {
  constructor(
    readonly lastError: unknown,
    readonly attempts: number,
  ) {
    super(lastError instanceof Error ? lastError.message : String(lastError));
    this.name = 'RetriesExhaustedError';
  }
}

/**
 * The backoff before retry `attempt` (1-based): exponential with full jitter, never shorter than
 * the vendor's retry-after, never longer than `maxDelayMs`.
 */
export function backoffDelay(
  attempt: number,
  error: unknown,
  opts: { baseDelayMs: number; maxDelayMs: number; random: () => number },
): number {
  const exp = Math.min(opts.maxDelayMs, opts.baseDelayMs * 2 ** (attempt - 1));
  const jittered = exp / 2 + opts.random() * (exp / 2);
  const retryAfter = RateLimitedError.isInstance(error) ? error.retryAfterMs : undefined;
  return Math.round(Math.min(opts.maxDelayMs, Math.max(jittered, retryAfter ?? 0)));
}

/**
 * Runs `fn`, retrying only errors an adapter classified as retryable (rate limits, transient
 * failures, timeouts). Anything else — a block is a result, not an error; auth, quota and invalid
 * requests are final — is thrown at once, wrapped with the attempt count.
 */
export async function withRetries<T>(
  fn: (attempt: number) => Promise<T>,
  options: RetryOptions,
): Promise<RetryResult<T>> {
  const base = options.baseDelayMs ?? 1_000;
  const max = options.maxDelayMs ?? 60_000;
  const random = options.random ?? Math.random;
  for (let attempt = 1; ; attempt++) {
    try {
      return { value: await fn(attempt), attempts: attempt };
    } catch (error) {
      if (options.signal?.aborted) throw new RetriesExhaustedError(error, attempt);
      const retryable = AdapterError.isInstance(error) && error.retryable;
      if (!retryable || attempt > options.maxRetries) throw new RetriesExhaustedError(error, attempt);
      const delayMs = backoffDelay(attempt, error, { baseDelayMs: base, maxDelayMs: max, random });
      options.onRetry?.({ attempt, delayMs, error });
      try {
        await sleep(delayMs, options.signal);
      } catch {
        throw new RetriesExhaustedError(error, attempt);
      }
    }
  }
}
