import { AbortedError, AdapterError, InvalidResponseError, TimeoutError, TransientError } from '@sc-safety/spec';
import type { FakeScenario, OpenAIFakeServer } from '@sc-safety/testkit';
import { APIConnectionError, APIConnectionTimeoutError, APIUserAbortError } from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { findSecret, requestAttachingFetch } from '@sc-safety/testkit';
import { QUESTION, startFake, TEST_KEY } from './__fixtures__/harness.js';
import { createModel } from './create-model.js';
import { handleFailure } from './handle-failure.js';
import type { FailureContext } from './handle-failure.js';
import { openaiPreset } from './presets/openai.js';

/** What a tracing or proxy `fetch` wrapper attaches to what it rethrows: the request, key included. */
const request = () => ({
  url: 'http://127.0.0.1:1/v1/chat/completions',
  headers: { authorization: `Bearer ${TEST_KEY}`, 'content-type': 'application/json' },
});
const withRequest = <E extends object>(error: E): E => Object.assign(error, { request: request() });

function context(overrides: Partial<FailureContext> = {}): FailureContext {
  return {
    preset: openaiPreset,
    secrets: [TEST_KEY],
    warnings: [],
    capture: {},
    timedOut: false,
    callerAborted: false,
    ...overrides,
  };
}

/** The cause a failed call carries: a plain Error with a message, and nothing else on it. */
function expectSanitizedCause(error: AdapterError, name: string): Error {
  const cause = error.cause as Error;
  expect(cause).toBeInstanceOf(Error);
  expect(Object.getPrototypeOf(cause)).toBe(Error.prototype);
  expect(Reflect.ownKeys(cause).filter((key) => key !== 'stack' && key !== 'message' && key !== 'name')).toEqual([]);
  expect(Object.keys(cause)).toEqual([]);
  expect(cause.cause).toBeUndefined();
  expect(cause.name).toBe(name);
  expect(cause.message).not.toBe('');
  return cause;
}

describe('handleFailure keeps the key out of the error and its cause', () => {
  it('a connection failure whose cause chain holds the request: TransientError, plain redacted cause', () => {
    const socket = withRequest(new Error(`other side closed (sent ${TEST_KEY})`));
    const thrown = new APIConnectionError({ cause: withRequest(new TypeError('fetch failed', { cause: socket })) });
    const error = handleFailure(thrown, context()) as AdapterError;
    expect(TransientError.isInstance(error)).toBe(true);
    expect(findSecret(error, TEST_KEY)).toEqual([]);
    const cause = expectSanitizedCause(error, 'Error');
    expect(cause).not.toBe(thrown);
    // The SDK's message and what it wrapped, so the cause still says what went wrong.
    expect(cause.message).toMatch(/Connection error\..*fetch failed/);
  });

  it('a body cut off mid-way (a runtime TypeError whose cause holds the request): TransientError', () => {
    const thrown = withRequest(
      new TypeError('terminated', { cause: withRequest(new Error(`socket closed; key ${TEST_KEY}`)) }),
    );
    const error = handleFailure(thrown, context()) as AdapterError;
    expect(TransientError.isInstance(error)).toBe(true);
    expect(findSecret(error, TEST_KEY)).toEqual([]);
    const cause = expectSanitizedCause(error, 'TypeError');
    expect(cause.message).toBe('terminated (socket closed; key [REDACTED])');
    expect(error.message).toContain('terminated');
  });

  it('the per-call deadline: TimeoutError', () => {
    const thrown = withRequest(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
    const error = handleFailure(thrown, context({ timedOut: true })) as AdapterError;
    expect(TimeoutError.isInstance(error)).toBe(true);
    expect(findSecret(error, TEST_KEY)).toEqual([]);
    expectSanitizedCause(error, 'TimeoutError');
  });

  it("the SDK's own timeout: TimeoutError", () => {
    const error = handleFailure(withRequest(new APIConnectionTimeoutError()), context()) as AdapterError;
    expect(TimeoutError.isInstance(error)).toBe(true);
    expect(findSecret(error, TEST_KEY)).toEqual([]);
    expectSanitizedCause(error, 'Error');
  });

  it("the caller's abort: AbortedError", () => {
    const error = handleFailure(withRequest(new APIUserAbortError()), context({ callerAborted: true })) as AdapterError;
    expect(AbortedError.isInstance(error)).toBe(true);
    expect(findSecret(error, TEST_KEY)).toEqual([]);
    expectSanitizedCause(error, 'Error');
  });

  it('a stream frame that is not JSON and quotes the key: InvalidResponseError, name kept', () => {
    const thrown = withRequest(new SyntaxError(`Unexpected token 't', "${TEST_KEY} is not json" is not valid JSON`));
    const error = handleFailure(thrown, context()) as AdapterError;
    expect(InvalidResponseError.isInstance(error)).toBe(true);
    expect(findSecret(error, TEST_KEY)).toEqual([]);
    const cause = expectSanitizedCause(error, 'SyntaxError');
    expect(cause).not.toBeInstanceOf(SyntaxError);
    expect(cause.message).toContain('[REDACTED]');
  });

  it('something thrown that is not an Error: TransientError with a plain cause', () => {
    const thrown = { reason: 'proxy refused', request: request(), toString: () => `proxy refused ${TEST_KEY}` };
    const error = handleFailure(thrown, context()) as AdapterError;
    expect(TransientError.isInstance(error)).toBe(true);
    expect(findSecret(error, TEST_KEY)).toEqual([]);
    expect(expectSanitizedCause(error, 'Error').message).toBe('proxy refused [REDACTED]');
  });

  it('an AdapterError passes through as it is', () => {
    const original = new TransientError({ message: 'already classified', warnings: [] });
    expect(handleFailure(original, context())).toBe(original);
  });
});

describe.each([false, true])(
  'a call through a fetch that attaches the request to its errors (stream: %s)',
  (stream) => {
    let server: OpenAIFakeServer | undefined;
    afterEach(async () => {
      await server?.close();
      server = undefined;
    });

    it.each([
      ['a connection that fails', { kind: 'reset' }],
      ['an answer cut off mid-body', { kind: 'truncated-stream' }],
    ] as Array<[string, FakeScenario]>)(
      '%s throws an error with the key nowhere in it, its cause chain or its stack',
      async (_what, scenario) => {
        server = await startFake('openai');
        server.enqueue(scenario);
        const model = createModel(
          { model: 'fake-model', baseURL: server.baseURL, apiKey: TEST_KEY, timeoutMs: 10_000, stream },
          { env: {}, fetch: requestAttachingFetch() },
        );
        const error = await model.generate(QUESTION).then(
          (result) => new Error(`expected a rejection, got ${result.type}`),
          (e: unknown) => e,
        );
        expect(AdapterError.isInstance(error)).toBe(true);
        expect(TransientError.isInstance(error)).toBe(true);
        expect(findSecret(error, TEST_KEY)).toEqual([]);
        expect(((error as AdapterError).cause as Error).cause).toBeUndefined();
      },
    );
  },
);
