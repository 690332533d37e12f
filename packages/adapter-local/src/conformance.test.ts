import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll } from 'vitest';
import {
  CONFORMANCE_API_KEY,
  conformanceCaseIds,
  createFakeServerBase,
  createLlamaCppFakeServer,
  createOllamaFakeServer,
  createOpenAIFakeServer,
  describeAdapterConformance,
  sendNotExpressible,
} from '@sc-safety/testkit';
import type { AdapterConformanceOptions } from '@sc-safety/testkit';
import { nodeLlamaCppProblem } from './__fixtures__/node-llama-cpp-problem.js';
import { messagesFromChatMlBody } from './__fixtures__/parse-prompt.js';
import { writeTinyGguf } from './__fixtures__/write-tiny-gguf.js';
import { createModel } from './create-model.js';

// Local servers queue instead of throttling and have no accounts: the fakes answer these with 501.
const NO_RATE_LIMIT_OR_QUOTA = ['rate-limit-seconds', 'rate-limit-ms', 'rate-limit-http-date', 'quota'];

// The default 250 ms can fire before a busy shared machine has even delivered the request to the
// fake, leaving the request to be answered during the next case. One second keeps the case honest.
const SHORT_TIMEOUT_MS = 1_000;

for (const stream of [false, true]) {
  // The native /completion renders the chat as a ChatML prompt: the suite reads the messages back from it.
  for (const [endpoint, route] of [
    ['completion', 'native /completion'],
    ['chat', '/v1/chat/completions'],
  ] as const) {
    describeAdapterConformance({
      name: `local llamacpp (${route}, ${stream ? 'streaming' : 'non-streaming'})`,
      createServer: () => createLlamaCppFakeServer({ apiKey: CONFORMANCE_API_KEY }),
      createModel: (server, { timeoutMs, apiKey }) =>
        createModel({ target: 'llamacpp', endpoint, baseURL: server.url, apiKey, timeoutMs, stream }),
      supports: { streaming: stream, seed: true, systemRole: 'native', servedModel: true },
      shortTimeoutMs: SHORT_TIMEOUT_MS,
      ...(endpoint === 'completion' ? { extractMessages: messagesFromChatMlBody } : {}),
      skip: NO_RATE_LIMIT_OR_QUOTA,
    });
  }

  describeAdapterConformance({
    name: `local ollama (native /api/chat, ${stream ? 'NDJSON stream' : 'non-streaming'})`,
    createServer: () => createOllamaFakeServer(),
    createModel: (server, { timeoutMs, apiKey }) =>
      createModel({ target: 'ollama', model: 'fake-model', baseURL: server.url, apiKey, timeoutMs, stream }),
    supports: { streaming: stream, seed: true, systemRole: 'native', servedModel: true },
    shortTimeoutMs: SHORT_TIMEOUT_MS,
    // Ollama has no keys to reject and cuts over-long prompts to num_ctx instead of failing.
    skip: [...NO_RATE_LIMIT_OR_QUOTA, 'auth', 'context-length'],
  });

  for (const target of ['vllm', 'lmstudio'] as const) {
    describeAdapterConformance({
      name: `local ${target} (OpenAI-compatible, ${stream ? 'streaming' : 'non-streaming'})`,
      createServer: () => createOpenAIFakeServer({ vendor: target, apiKey: CONFORMANCE_API_KEY }),
      createModel: (server, { timeoutMs, apiKey }) =>
        createModel({ target, model: 'fake-model', baseURL: server.baseURL, apiKey, timeoutMs, stream }),
      supports: { streaming: stream, seed: true, systemRole: 'native', servedModel: true },
      shortTimeoutMs: SHORT_TIMEOUT_MS,
      skip: NO_RATE_LIMIT_OR_QUOTA,
    });
  }
}

/**
 * The gguf target has no server: it runs against the generated model, which cannot be told to
 * play a scenario. The cases that need no scripted server answer run (the manifest, and the seed
 * case: a seeded call completes with no unsupported-setting warning); the rest are covered by
 * gguf/gguf-model.test.ts against the same model (two turns, usage, maxTokens, abort, timeout).
 */
const ggufProblem = await nodeLlamaCppProblem();
let ggufModelPath = '';
const ggufOptions: AdapterConformanceOptions = {
  name: 'local gguf (generated tiny model, in-process)',
  createServer: async () => {
    ggufModelPath = join(await mkdtemp(join(tmpdir(), 'sc-safety-gguf-conformance-')), 'tiny.gguf');
    await writeTinyGguf(ggufModelPath);
    // A stand-in the model never calls: the suite needs a server object to reset between cases.
    return createFakeServerBase({
      respond: (ctx) => sendNotExpressible(ctx, 'gguf', 'the gguf target runs in-process'),
    });
  },
  createModel: (_server, { timeoutMs }) =>
    createModel({
      target: 'gguf',
      model: 'tiny',
      modelPath: ggufModelPath,
      timeoutMs: Math.max(timeoutMs, 60_000),
      threads: 1,
      maxTokens: 8,
    }),
  supports: { streaming: false, seed: true, systemRole: 'native', servedModel: true },
};
const GGUF_RUNNABLE = new Set(ggufProblem === undefined ? ['manifest', 'seed'] : ['manifest']);
describeAdapterConformance({
  ...ggufOptions,
  skip: conformanceCaseIds(ggufOptions).filter((id) => !GGUF_RUNNABLE.has(id)),
});

afterAll(async () => {
  if (ggufModelPath !== '') await rm(dirname(ggufModelPath), { recursive: true, force: true });
});
