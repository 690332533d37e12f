import { InvalidRequestError, RateLimitedError } from '@sc-safety/spec';
import { expect } from 'vitest';
import type { FakeScenario } from '../fake/types.js';
import type { ConformanceCase } from './case.js';
import { ask, describeError, expectAdapterError, expectNoSecret, play, playFailure, waitForRequests } from './env.js';
import type { ConformanceEnv } from './env.js';
import type { ResolvedConformanceOptions } from './options.js';

/** An HTTP date has whole-second precision and the call takes time: allow this much either way. */
const HTTP_DATE_TOLERANCE_MS = 5_000;

function rateLimitCase(
  id: string,
  title: string,
  retryAfter: () => Extract<FakeScenario, { kind: 'rate-limit' }>['retryAfter'],
  expected: (ms: number) => void,
): ConformanceCase {
  return {
    id,
    title,
    run: async (env) => {
      const error = expectAdapterError(
        env,
        await playFailure(env, { kind: 'rate-limit', retryAfter: retryAfter() }),
        'rate_limited',
      );
      expect(error.retryable).toBe(true);
      expect(error.status).toBe(429);
      const retryAfterMs = RateLimitedError.isInstance(error) ? error.retryAfterMs : undefined;
      expect(
        typeof retryAfterMs,
        `retryAfterMs must be read from the response headers, got ${String(retryAfterMs)}`,
      ).toBe('number');
      expected(retryAfterMs as number);
    },
  };
}

/** The failure cases: throttling, 5xx, network, timeout, abort, bad bodies, quota, auth, context length. */
export function errorCases(options: ResolvedConformanceOptions): ConformanceCase[] {
  const cases: ConformanceCase[] = [
    rateLimitCase(
      'rate-limit-seconds',
      'rate limit with Retry-After in seconds → RateLimitedError, retryAfterMs',
      () => ({ seconds: 7 }),
      (ms) => expect(ms).toBe(7_000),
    ),
    rateLimitCase(
      'rate-limit-ms',
      'rate limit with retry-after-ms → RateLimitedError, retryAfterMs',
      () => ({ ms: 1_234 }),
      (ms) => expect(ms).toBe(1_234),
    ),
    rateLimitCase(
      'rate-limit-http-date',
      'rate limit with Retry-After as an HTTP date → RateLimitedError, retryAfterMs ≈ the wait',
      () => ({ httpDate: new Date(Date.now() + 30_000) }),
      (ms) => {
        expect(ms).toBeGreaterThanOrEqual(30_000 - HTTP_DATE_TOLERANCE_MS);
        expect(ms).toBeLessThanOrEqual(30_000 + HTTP_DATE_TOLERANCE_MS);
      },
    ),
    {
      id: 'server-error',
      title: 'HTTP 500, 502 (HTML gateway page) and 503 → TransientError with the status kept',
      run: async (env) => {
        for (const status of [500, 502, 503]) {
          const error = expectAdapterError(env, await playFailure(env, { kind: 'server-error', status }), 'transient');
          expect(error.status, `status ${status} must be kept on the error`).toBe(status);
          expect(error.retryable).toBe(true);
        }
      },
    },
    {
      id: 'reset',
      title: 'a connection reset → TransientError',
      run: async (env) => {
        expectAdapterError(env, await playFailure(env, { kind: 'reset' }), 'transient');
      },
    },
    {
      id: 'timeout',
      title: "a server that never answers → TimeoutError after the adapter's timeout",
      run: async (env) => {
        const model = await env.options.createModel(env.server, {
          timeoutMs: env.options.shortTimeoutMs,
          apiKey: env.options.apiKey,
        });
        try {
          const error = expectAdapterError(env, await playFailure(env, { kind: 'hang' }, ask(), model), 'timeout');
          expect(error.retryable).toBe(true);
        } finally {
          await model.close?.();
        }
      },
    },
    {
      id: 'abort',
      title: 'aborting through the signal → AbortedError, without waiting for the server',
      run: async (env) => {
        const controller = new AbortController();
        env.server.reset();
        env.server.enqueue({ kind: 'hang' });
        const pending = env.model.generate(ask('Wait.', { signal: controller.signal })).then(
          (result) => ({ result }),
          (error: unknown) => ({ error }),
        );
        await waitForRequests(env.server, 1);
        controller.abort();
        const outcome = await pending;
        if (!('error' in outcome)) throw new Error('expected the aborted call to reject');
        const error = expectAdapterError(env, outcome.error, 'aborted');
        expect(error.retryable).toBe(false);
      },
    },
    {
      id: 'malformed-json',
      title: 'a 200 whose body (or a stream frame) is not JSON → InvalidResponseError (TransientError accepted)',
      run: async (env) => {
        expectAdapterError(env, await playFailure(env, { kind: 'malformed-json' }), ['invalid_response', 'transient']);
      },
    },
    {
      id: 'quota',
      title: 'spent balance / quota → QuotaExhaustedError, not retryable',
      run: async (env) => {
        const error = expectAdapterError(env, await playFailure(env, { kind: 'quota' }), 'quota_exhausted');
        expect(error.retryable).toBe(false);
      },
    },
    {
      id: 'auth',
      title: 'bad credentials → AuthError, not retryable, key not echoed',
      run: async (env) => {
        const error = expectAdapterError(env, await playFailure(env, { kind: 'auth' }), 'auth');
        expect(error.retryable).toBe(false);
      },
    },
    {
      id: 'context-length',
      title: "a prompt over the context window → InvalidRequestError reason 'context_length', never a block",
      run: async (env) => {
        const outcome = await play(env, { kind: 'context-length' }).then(
          (result) => ({ result }),
          (error: unknown) => ({ error }),
        );
        if ('result' in outcome)
          throw new Error(`context length must be an InvalidRequestError, not a ${outcome.result.type} result`);
        const error = expectAdapterError(env, outcome.error, 'invalid_request');
        expect(InvalidRequestError.isInstance(error) ? error.reason : undefined, describeError(error)).toBe(
          'context_length',
        );
        expect(error.retryable).toBe(false);
      },
    },
    {
      id: 'no-key-in-results',
      title: 'the API key is sent to the server but never appears in a result',
      run: async (env) => {
        const result = await play(env, { kind: 'text', text: 'Fine.' });
        expect(JSON.stringify(result)).not.toContain(env.options.apiKey);
        expect(
          JSON.stringify(env.server.requests[0]?.headers ?? {}),
          'the key should reach the server in some header',
        ).toContain(env.options.apiKey);
        expectNoSecret(env, result);
      },
    },
  ];
  if (options.supports.streaming) {
    cases.push(
      truncatedCase(
        'truncated-stream',
        'a stream cut off mid-answer (connection dropped) → TransientError (InvalidResponseError accepted)',
        'socket',
      ),
      truncatedCase(
        'truncated-stream-clean',
        'a stream that ends cleanly without finish reason or terminator → TransientError (InvalidResponseError accepted)',
        'clean',
      ),
    );
  } else {
    cases.push(
      truncatedCase(
        'truncated-body',
        'a body cut short of its Content-Length → TransientError (InvalidResponseError accepted)',
        'socket',
      ),
    );
  }
  return cases;
}

function truncatedCase(id: string, title: string, cut: 'socket' | 'clean'): ConformanceCase {
  return {
    id,
    title,
    run: async (env: ConformanceEnv) => {
      expectAdapterError(
        env,
        await playFailure(env, { kind: 'truncated-stream', text: 'This answer stops in the middle of', cut }),
        ['transient', 'invalid_response'],
      );
    },
  };
}
