import { safeParseJson } from '@sc-safety/adapter-utils';
import { TimeoutError } from '@sc-safety/spec';
import { classifyHttpError } from './classify-http-error.js';
import type { ErrorHints } from './classify-http-error.js';
import { errorFieldsOf } from './error-fields.js';
import type { LocalHttpClient } from './http-client.js';

/** How long between two health polls by default. */
export const DEFAULT_HEALTH_POLL_MS = 1_000;

/** One progress report while the server loads its model. */
export interface HealthProgress {
  /** Milliseconds waited so far. */
  waitedMs: number;
  timeoutMs: number;
  /** What the server said, e.g. `Loading model`. */
  status: string;
}

export interface WaitForHealthOptions {
  client: LocalHttpClient;
  label: string;
  hints: ErrorHints;
  /** e.g. `/health`. */
  path: string;
  timeoutMs: number;
  pollMs?: number;
  onProgress?: (progress: HealthProgress) => void;
  /** A 404 means "no health route here" (a proxy, an older server): go on without it. Default false. */
  notFoundIsHealthy?: boolean;
}

/**
 * Polls a health route until it answers 200. A 503 means the model is still loading: wait, report
 * progress, and give up with a TimeoutError after `timeoutMs`. Any other failure (refused
 * connection, 401, 500) rejects at once: waiting would not fix it.
 */
export async function waitForHealth(options: WaitForHealthOptions, signal: AbortSignal): Promise<void> {
  const started = Date.now();
  const pollMs = options.pollMs ?? DEFAULT_HEALTH_POLL_MS;
  for (;;) {
    const response = await options.client.get(options.path, signal);
    const text = await response.text();
    if (response.ok || (response.status === 404 && options.notFoundIsHealthy === true)) return;
    if (response.status !== 503) {
      throw classifyHttpError(
        { status: response.status, headers: response.headers, bodyText: text },
        { label: options.label, secrets: options.client.secrets, hints: options.hints },
      );
    }
    const waitedMs = Date.now() - started;
    const parsed = safeParseJson(text);
    const status = errorFieldsOf(parsed.success ? parsed.value : undefined).message ?? 'unavailable (503)';
    if (waitedMs >= options.timeoutMs) {
      throw new TimeoutError({
        message: `${options.label} is still not ready after ${Math.round(waitedMs / 1000)} s (${status}). Wait for the model to load, or raise "healthTimeoutMs" (now ${options.timeoutMs}).`,
        status: 503,
      });
    }
    options.onProgress?.({ waitedMs, timeoutMs: options.timeoutMs, status });
    await sleep(Math.min(pollMs, Math.max(1, options.timeoutMs - waitedMs)), signal);
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason as Error);
      return;
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
