import { afterAll, beforeAll, describe, it } from 'vitest';
import { conformanceCases } from './cases.js';
import { closeConformanceEnv, createConformanceEnv } from './env.js';
import type { ConformanceEnv } from './env.js';
import { resolveConformanceOptions } from './options.js';
import type { AdapterConformanceOptions } from './options.js';

/** Each case gets this long before vitest gives up (the timeout and abort cases wait on the adapter). */
const CASE_TIMEOUT_MS = 30_000;

/**
 * Registers the adapter conformance suite with vitest: call it at the top level of a test file.
 *
 * ```ts
 * describeAdapterConformance({
 *   name: 'openai (streaming)',
 *   createServer: () => createOpenAIFakeServer({ vendor: 'openai' }),
 *   createModel: (server, { timeoutMs, apiKey }) => createModel({ baseURL: server.baseURL, apiKey, timeoutMs, maxRetries: 0 }),
 *   supports: { streaming: true, seed: true },
 *   blocks: [{ signal: 'openai-content-filter', stage: 'output', expectPartialText: true }],
 * });
 * ```
 *
 * Cases (ids for `skip`): manifest, text, usage, finish-length, multi-turn, empty, seed,
 * rate-limit-seconds, rate-limit-ms, rate-limit-http-date, server-error, reset, timeout, abort,
 * malformed-json, quota, auth, context-length, no-key-in-results, then truncated-stream and
 * truncated-stream-clean (streaming) or truncated-body (non-streaming), then one
 * `block:<signal>:<stage>` per configured block. Every failing call is also checked for: the
 * right error kind (via `isInstance`), exactly one request at the server (adapters never retry),
 * and no API key in message, body, JSON, stack or cause.
 *
 * Accepted alternatives, by design: malformed JSON may be InvalidResponseError or TransientError
 * (an SDK may report a parse failure as a connection error); a truncated stream or body may be
 * TransientError or InvalidResponseError.
 */
export function describeAdapterConformance(options: AdapterConformanceOptions): void {
  const resolved = resolveConformanceOptions(options);
  const cases = conformanceCases(resolved);
  const ids = new Set(cases.map((c) => c.id));
  const unknown = resolved.skip.filter((id) => !ids.has(id));
  if (unknown.length > 0)
    throw new Error(
      `describeAdapterConformance(${options.name}): unknown case id(s) in skip: ${unknown.join(', ')}. Known: ${[...ids].join(', ')}`,
    );

  describe(`adapter conformance: ${options.name}`, () => {
    let env: ConformanceEnv | undefined;
    beforeAll(async () => {
      env = await createConformanceEnv(resolved);
    });
    afterAll(async () => {
      await closeConformanceEnv(env);
    });
    for (const c of cases) {
      const register = resolved.skip.includes(c.id) ? it.skip : it;
      register(
        `[${c.id}] ${c.title}`,
        async () => {
          if (!env) throw new Error('conformance environment did not start');
          await c.run(env);
        },
        CASE_TIMEOUT_MS,
      );
    }
  });
}
