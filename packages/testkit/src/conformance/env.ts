import type { AdapterErrorKind, GenerateRequestV1, GenerateResultV1, LanguageModelV1 } from '@sc-safety/spec';
import { AdapterError } from '@sc-safety/spec';
import { expect } from 'vitest';
import type { FakeScenario, FakeServer } from '../fake/types.js';
import type { ResolvedConformanceOptions } from './options.js';

/** What a conformance case runs against. */
export interface ConformanceEnv {
  server: FakeServer;
  /** The model built with the normal timeout. */
  model: LanguageModelV1;
  options: ResolvedConformanceOptions;
}

/** Builds the environment: starts the server and the model. Close it with {@link closeConformanceEnv}. */
export async function createConformanceEnv(options: ResolvedConformanceOptions): Promise<ConformanceEnv> {
  const server = await options.createServer();
  try {
    const model = await options.createModel(server, { timeoutMs: options.timeoutMs, apiKey: options.apiKey });
    return { server, model, options };
  } catch (error) {
    await server.close();
    throw error;
  }
}

export async function closeConformanceEnv(env: ConformanceEnv | undefined): Promise<void> {
  if (!env) return;
  try {
    await env.model.close?.();
  } finally {
    await env.server.close();
  }
}

/** A one-question request. */
export function ask(text = 'Say hello.', extra: Partial<GenerateRequestV1> = {}): GenerateRequestV1 {
  return { messages: [{ role: 'user', content: text }], ...extra };
}

/** Plays `scenario` for the next call and returns what the model did. */
export async function play(
  env: ConformanceEnv,
  scenario: FakeScenario,
  request: GenerateRequestV1 = ask(),
  model = env.model,
): Promise<GenerateResultV1> {
  env.server.reset();
  env.server.enqueue(scenario);
  return model.generate(request);
}

/** Plays `scenario` and returns the rejection, failing when the call resolved. */
export async function playFailure(
  env: ConformanceEnv,
  scenario: FakeScenario,
  request?: GenerateRequestV1,
  model?: LanguageModelV1,
): Promise<unknown> {
  let result: GenerateResultV1;
  try {
    result = await play(env, scenario, request, model);
  } catch (error) {
    return error;
  }
  throw new Error(`expected ${scenario.kind} to reject, but generate resolved with ${describeResult(result)}`);
}

/**
 * Checks a rejection is the right {@link AdapterError} kind, that the adapter did not retry (the
 * server saw exactly one request) and that the API key appears nowhere in it.
 */
export function expectAdapterError(
  env: ConformanceEnv,
  error: unknown,
  kinds: AdapterErrorKind | AdapterErrorKind[],
): AdapterError {
  const wanted = Array.isArray(kinds) ? kinds : [kinds];
  expect(
    AdapterError.isInstance(error),
    `expected an AdapterError (${wanted.join(' or ')}), got ${describeError(error)}`,
  ).toBe(true);
  const adapterError = error as AdapterError;
  expect(wanted, `expected kind ${wanted.join(' or ')}, got ${describeError(error)}`).toContain(adapterError.kind);
  expect(env.server.requests.length, 'the adapter must not retry: the server should see exactly one request').toBe(1);
  expectNoSecret(env, adapterError);
  return adapterError;
}

/** The API key must not appear in the error's message, body, JSON form, stack or cause chain. */
export function expectNoSecret(env: ConformanceEnv, error: unknown): void {
  const key = env.options.apiKey;
  const seen: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== undefined && current !== null; depth++) {
    if (current instanceof Error) seen.push(current.message, current.stack ?? '');
    const record = current as Record<string, unknown>;
    if (typeof record.body === 'string') seen.push(record.body);
    seen.push(safeJson(current));
    current = record.cause;
  }
  const leaked = seen.some((text) => text.includes(key));
  expect(leaked, 'the API key leaked into a thrown error (message, body, JSON, stack or cause)').toBe(false);
}

/** Waits until the server has seen `count` requests (it polls; no timing assertions). */
export async function waitForRequests(server: FakeServer, count: number): Promise<void> {
  for (let i = 0; i < 2000 && server.requests.length < count; i++)
    await new Promise((resolve) => setTimeout(resolve, 5));
  expect(server.requests.length, `server never received ${count} request(s)`).toBeGreaterThanOrEqual(count);
}

export function describeError(error: unknown): string {
  if (AdapterError.isInstance(error))
    return `${error.name}(kind=${error.kind}, status=${String(error.status)}): ${error.message}`;
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return safeJson(error);
}

export function describeResult(result: GenerateResultV1): string {
  return result.type === 'blocked'
    ? `blocked(stage=${result.stage}, code=${result.code})`
    : `completed(${JSON.stringify(result.text)})`;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
