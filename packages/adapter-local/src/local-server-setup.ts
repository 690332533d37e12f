import type { AdapterContextV1, ModelCapabilitiesV1 } from '@sc-safety/spec';
import type { LocalAdapterConfig, LocalServerTarget } from './config.js';
import { DEFAULT_BASE_URLS, DEFAULT_HEALTH_TIMEOUT_MS } from './config.js';
import type { ErrorHints } from './http/classify-http-error.js';
import { LocalHttpClient } from './http/http-client.js';
import { waitForHealth } from './http/wait-for-health.js';
import type { InternalOptions } from './internal-options.js';
import { progressLogger } from './progress-logger.js';

/*
 * What every server target (llama.cpp, Ollama, vLLM, LM Studio) sets up the same way before its
 * own protocol and probes: the HTTP client, the capabilities all of them share, the health wait.
 */

/** The client for `target`: the configured origin (else the target's default), key, headers and the context's fetch. */
export function createServerClient(
  target: LocalServerTarget,
  config: LocalAdapterConfig,
  context: AdapterContextV1,
): LocalHttpClient {
  return new LocalHttpClient({
    baseURL: config.baseURL ?? DEFAULT_BASE_URLS[target],
    ...(config.apiKey === undefined ? {} : { apiKey: config.apiKey }),
    ...(config.headers === undefined ? {} : { headers: config.headers }),
    ...(context.fetch === undefined ? {} : { fetch: context.fetch }),
  });
}

/**
 * The capabilities every local server has: a native system role, multi-turn chat, a seed, the
 * served model in each answer, and no moderation. `extra` adds what one target knows (Ollama's
 * configured context); `check()` may fill in more later, so the object is fresh each call.
 */
export function serverCapabilities(streaming: boolean, extra: Partial<ModelCapabilitiesV1> = {}): ModelCapabilitiesV1 {
  return {
    systemRole: 'native',
    multiTurn: true,
    seed: true,
    streaming,
    reportsServedModel: true,
    ...extra,
    moderationSignals: [],
  };
}

/** What a health wait needs to know about the server it waits on. */
export interface HealthWait {
  client: LocalHttpClient;
  label: string;
  hints: ErrorHints;
  config: LocalAdapterConfig;
  context: AdapterContextV1;
  internal: InternalOptions;
  /** A 404 means the server has no health route (vLLM behind a proxy): go on without it. Default false. */
  notFoundIsHealthy?: boolean;
}

/**
 * Waits on `/health` while the server loads its model, within the configured `healthTimeoutMs`,
 * reporting progress through the context's log.
 */
export async function waitForServerHealth(wait: HealthWait, signal: AbortSignal): Promise<void> {
  const { client, label, hints, config, context, internal } = wait;
  await waitForHealth(
    {
      client,
      label,
      hints,
      path: '/health',
      timeoutMs: config.healthTimeoutMs ?? DEFAULT_HEALTH_TIMEOUT_MS,
      ...(wait.notFoundIsHealthy === true ? { notFoundIsHealthy: true } : {}),
      onProgress: progressLogger(label, context.log),
      ...(internal.healthPollMs === undefined ? {} : { pollMs: internal.healthPollMs }),
    },
    signal,
  );
}
