import { createOpenAIFakeServer } from '@sc-safety/testkit';
import type { FakeScenario, OpenAIFakeServer, OpenAIFakeVendor } from '@sc-safety/testkit';
import type { GenerateRequestV1, GenerateResultV1 } from '@sc-safety/spec';
import type { OpenAIAdapterConfig } from '../config.js';
import { createModel } from '../create-model.js';
import type { OpenAIChatModel } from '../openai-chat-model.js';
import { afterAll, beforeAll } from 'vitest';

/** A key long enough to be recognisable if it ever leaked into a message or body. */
export const TEST_KEY = 'test-key-7f3a9c2e51b84d06a1f2';

export const QUESTION: GenerateRequestV1 = { messages: [{ role: 'user', content: 'How do I stay safe online?' }] };

/** Starts a fake vendor that checks `TEST_KEY`. Close it in afterAll/afterEach. */
export function startFake(vendor: OpenAIFakeVendor): Promise<OpenAIFakeServer> {
  return createOpenAIFakeServer({ vendor, apiKey: TEST_KEY });
}

/**
 * Starts a fake `vendor` before the tests of the enclosing describe block and closes it after them.
 * The returned function gives the running server inside a test.
 */
export function useFake(vendor: OpenAIFakeVendor): () => OpenAIFakeServer {
  let server: OpenAIFakeServer | undefined;
  beforeAll(async () => {
    server = await startFake(vendor);
  });
  afterAll(async () => {
    await server?.close();
  });
  return () => {
    if (server === undefined) throw new Error(`the ${vendor} fake is not running: call useFake in a describe block`);
    return server;
  };
}

/** A model for `preset` pointed at the fake, with the key given explicitly and an empty environment. */
export function modelFor(preset: string, server: OpenAIFakeServer, extra: Partial<OpenAIAdapterConfig> = {}): OpenAIChatModel {
  return createModel({ model: 'fake-model', preset, baseURL: server.baseURL, apiKey: TEST_KEY, ...extra }, { env: {} });
}

/** Plays one scenario and returns the result, or the error the call rejected with. */
export async function play(
  model: OpenAIChatModel,
  server: OpenAIFakeServer,
  scenario: FakeScenario,
  request: GenerateRequestV1 = QUESTION,
): Promise<GenerateResultV1 | Error> {
  server.enqueue(scenario);
  return model.generate(request).catch((error: unknown) => {
    if (error instanceof Error) return error;
    throw error;
  });
}
