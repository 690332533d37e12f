import { AdapterError, InvalidResponseError, TransientError } from '@sc-safety/spec';
import type { FakeScenario } from '@sc-safety/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { findSecret, requestAttachingFetch } from '@sc-safety/testkit';
import { closeServers, fake, KEY, replying } from './__fixtures__/servers.js';
import { createModel } from './create-model.js';

afterEach(closeServers);

const ask = { messages: [{ role: 'user' as const, content: 'Hi' }] };

async function failWith(scenario: FakeScenario, stream: boolean): Promise<AdapterError> {
  const server = await fake();
  server.enqueue(scenario);
  const model = createModel(
    { model: 'claude-fake', apiKey: KEY, baseURL: server.baseURL, timeoutMs: 10_000, stream },
    { fetch: requestAttachingFetch() },
  );
  const error = await model.generate(ask).then(
    (result) => new Error(`expected a rejection, got ${result.type}`),
    (e: unknown) => e,
  );
  expect(AdapterError.isInstance(error)).toBe(true);
  return error as AdapterError;
}

describe.each([false, true])('a failure whose raw error holds the API key (stream: %s)', (stream) => {
  it.each([
    ['a connection that fails', { kind: 'reset' }],
    ['an answer that cannot be read (cut off mid-body)', { kind: 'truncated-stream' }],
  ] as const)(
    '%s throws an error with the key nowhere in it, its cause chain or its stack',
    async (_what, scenario) => {
      const error = await failWith(scenario, stream);
      expect(TransientError.isInstance(error)).toBe(true);
      expect(findSecret(error, KEY)).toEqual([]);
      // Still says what went wrong, through a plain, redacted cause.
      const cause = error.cause as Error;
      expect(cause).toBeInstanceOf(Error);
      expect(Object.keys(cause)).toEqual([]);
      expect(cause.cause).toBeUndefined();
      expect(cause.message).not.toBe('');
    },
  );
});

describe('the sanitized cause', () => {
  it('keeps the name and message of what was thrown, redacted', async () => {
    // An unparseable event whose text starts with the key: JSON.parse quotes the start of it.
    const server = await replying(() => `event: message_start\ndata: ${KEY}\n\n`);
    const model = createModel({ model: 'claude-fake', apiKey: KEY, baseURL: server.baseURL, stream: true }, {});
    const error = await model.generate(ask).catch((e: unknown) => e);
    expect(InvalidResponseError.isInstance(error)).toBe(true);
    const cause = (error as AdapterError).cause as Error;
    expect(cause).not.toBeInstanceOf(SyntaxError);
    expect(cause.name).toBe('SyntaxError');
    expect(cause.message).toMatch(/is not valid JSON/);
    expect(findSecret(error, KEY)).toEqual([]);
  });
});

describe.each([false, true])('failures through the default (undici) transport (stream: %s)', (stream) => {
  it.each([
    ['a connection that fails', { kind: 'reset' }],
    ['an answer cut off mid-body', { kind: 'truncated-stream' }],
  ] as const)('%s is a TransientError with the key nowhere in it', async (_what, scenario) => {
    const server = await fake();
    server.enqueue(scenario);
    const model = createModel(
      { model: 'claude-fake', apiKey: KEY, baseURL: server.baseURL, timeoutMs: 10_000, stream },
      { env: {} },
    );
    const error = await model.generate(ask).then(
      (result) => new Error(`expected a rejection, got ${result.type}`),
      (e: unknown) => e,
    );
    expect(TransientError.isInstance(error)).toBe(true);
    expect(findSecret(error, KEY)).toEqual([]);
  });
});
