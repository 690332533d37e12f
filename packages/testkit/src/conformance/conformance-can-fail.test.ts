import type { LanguageModelV1 } from '@sc-safety/spec';
import { afterEach, describe, expect, it } from 'vitest';
import { createOpenAIFakeServer } from '../fake/openai/create-openai-fake-server.js';
import type { FakeServer } from '../fake/types.js';
import { createReferenceModel } from './__fixtures__/reference-adapter.js';
import type { ReferenceFlaws } from './__fixtures__/reference-adapter.js';
import { conformanceCaseIds, conformanceCases } from './cases.js';
import { describeAdapterConformance } from './describe-adapter-conformance.js';
import { closeConformanceEnv, createConformanceEnv } from './env.js';
import type { ConformanceEnv } from './env.js';
import { CONFORMANCE_API_KEY, resolveConformanceOptions } from './options.js';
import type { AdapterConformanceOptions } from './options.js';

// Each case must be able to fail: run single cases against deliberately broken adapters.

let env: ConformanceEnv | undefined;
afterEach(async () => {
  await closeConformanceEnv(env);
  env = undefined;
});

function options(flaws: ReferenceFlaws, patch: Partial<AdapterConformanceOptions> = {}): AdapterConformanceOptions {
  return {
    name: 'broken',
    createServer: () => createOpenAIFakeServer({ vendor: 'openai', apiKey: CONFORMANCE_API_KEY }),
    createModel: (server: FakeServer, { timeoutMs, apiKey }): LanguageModelV1 =>
      createReferenceModel({ baseURL: server.baseURL, apiKey, timeoutMs, stream: true, flaws }),
    supports: { streaming: true },
    ...patch,
  };
}

async function runCase(id: string, opts: AdapterConformanceOptions): Promise<void> {
  const resolved = resolveConformanceOptions(opts);
  const found = conformanceCases(resolved).find((c) => c.id === id);
  if (!found) throw new Error(`no case ${id}`);
  env = await createConformanceEnv(resolved);
  await found.run(env);
}

describe('conformance cases catch broken adapters', () => {
  it('the same cases pass for the sound reference adapter (control)', async () => {
    for (const id of ['rate-limit-seconds', 'rate-limit-ms', 'auth', 'context-length', 'seed']) {
      await runCase(id, options({}));
      await closeConformanceEnv(env);
      env = undefined;
    }
  });

  it('served-model passes for an adapter that reads the response, fails for one that echoes its config', async () => {
    const served = (flaws: ReferenceFlaws): AdapterConformanceOptions => ({
      ...options(flaws),
      createModel: (server: FakeServer, { timeoutMs, apiKey }): LanguageModelV1 =>
        createReferenceModel({
          baseURL: server.baseURL,
          apiKey,
          timeoutMs,
          stream: true,
          reportsServedModel: true,
          flaws,
        }),
      supports: { streaming: true, servedModel: true },
    });
    await runCase('served-model', served({}));
    await closeConformanceEnv(env);
    env = undefined;
    await expect(runCase('served-model', served({ echoServedModel: true }))).rejects.toThrow(
      /servedModel\.id must be the model the response named/,
    );
  });

  it('an adapter that declares reportsServedModel without supports.servedModel fails manifest', async () => {
    const patch = {
      createModel: (
        server: FakeServer,
        { timeoutMs, apiKey }: { timeoutMs: number; apiKey: string },
      ): LanguageModelV1 =>
        createReferenceModel({ baseURL: server.baseURL, apiKey, timeoutMs, stream: true, reportsServedModel: true }),
    };
    await expect(runCase('manifest', options({}, patch))).rejects.toThrow(
      /reportsServedModel must match supports\.servedModel/,
    );
  });

  it('an adapter that retries a 429 itself fails rate-limit-seconds', async () => {
    await expect(runCase('rate-limit-seconds', options({ retryRateLimit: true }))).rejects.toThrow(
      /reject|retry|exactly one request/,
    );
  });

  it('an adapter that ignores retry-after-ms fails rate-limit-ms', async () => {
    await expect(runCase('rate-limit-ms', options({ ignoreRetryAfter: true }))).rejects.toThrow(/retryAfterMs/);
  });

  it('an adapter that puts the key in its errors fails auth', async () => {
    await expect(runCase('auth', options({ leakKey: true }))).rejects.toThrow(/kind|API key leaked/);
  });

  it('an adapter that reports context length as a block fails context-length', async () => {
    await expect(runCase('context-length', options({ contextLengthAsBlock: true }))).rejects.toThrow(
      /not a blocked result/,
    );
  });

  it('a manifest that misstates seed support fails manifest and seed', async () => {
    await expect(runCase('manifest', options({}, { supports: { streaming: true, seed: true } }))).rejects.toThrow(
      /seed/,
    );
    await closeConformanceEnv(env);
    env = undefined;
    await expect(runCase('seed', options({}, { supports: { streaming: true, seed: true } }))).rejects.toThrow(/seed/);
  });

  it('an adapter without block rules fails its block case (a block is a result, not an error)', async () => {
    const opts = options({ noBlockRules: true }, { blocks: [{ signal: 'openai-invalid-prompt', stage: 'input' }] });
    await expect(runCase('block:openai-invalid-prompt:input', opts)).rejects.toThrow(/a vendor block is a result/);
  });

  it('a block the fake vendor cannot play fails with a message that points at the 501', async () => {
    const opts = options({}, { blocks: [{ signal: 'zhipu-1301', stage: 'input' }] });
    await expect(runCase('block:zhipu-1301:input', opts)).rejects.toThrow(/501/);
  });

  it('an adapter that leaves a dropped stream unreported fails truncated-stream-clean', async () => {
    await expect(runCase('truncated-stream-clean', options({ acceptMissingFinish: true }))).rejects.toThrow(
      /expected truncated-stream to reject/,
    );
  });

  it('lists case ids by mode and rejects unknown ids in skip', () => {
    expect(conformanceCaseIds(options({}))).toContain('truncated-stream-clean');
    expect(conformanceCaseIds(options({}, { supports: { streaming: false } }))).toContain('truncated-body');
    expect(() => describeAdapterConformance(options({}, { skip: ['no-such-case'] }))).toThrow(/unknown case id/);
  });
});
