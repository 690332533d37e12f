import { AbortedError, AuthError, InvalidResponseError, TimeoutError, TransientError } from '@sc-safety/spec';
import type { BlockedResultV1 } from '@sc-safety/spec';
import { describe, expect, it } from 'vitest';
import { sdkFailureOutcome, settleCall } from './sdk-failure.js';
import type { CallFailureContext, SdkFailureKinds } from './sdk-failure.js';

const KEY = 'sk-secret-0123456789';

class FakeTimeout extends Error {}
class FakeAbort extends Error {}
class FakeConnection extends Error {}
class FakeApiError extends Error {}

const KINDS: SdkFailureKinds = {
  label: 'Vendor',
  streamUnit: 'stream event',
  isTimeout: (e) => e instanceof FakeTimeout,
  isUserAbort: (e) => e instanceof FakeAbort,
  isConnection: (e) => e instanceof FakeConnection,
  fromApiError: (e) =>
    e instanceof FakeApiError ? new AuthError({ message: 'Vendor HTTP 401', status: 401, warnings: [] }) : undefined,
};

function ctx(more: Partial<CallFailureContext> = {}): CallFailureContext {
  return { secrets: [KEY], warnings: [], timedOut: false, callerAborted: false, ...more };
}

describe('sdkFailureOutcome', () => {
  it.each([
    ['the deadline', new Error('x'), ctx({ timedOut: true }), TimeoutError, 'Vendor: no complete answer'],
    ['the SDK timeout', new FakeTimeout('t'), ctx(), TimeoutError, 'Vendor: no complete answer'],
    ['the caller', new Error('x'), ctx({ callerAborted: true }), AbortedError, 'Vendor: the call was aborted'],
    ['the SDK abort', new FakeAbort('a'), ctx(), AbortedError, 'Vendor: the call was aborted'],
    ['no connection', new FakeConnection(`refused ${KEY}`), ctx(), TransientError, 'Vendor: connection failed'],
    ['a vendor error', new FakeApiError('401'), ctx(), AuthError, 'Vendor HTTP 401'],
    ['a unit not JSON', new SyntaxError(`bad ${KEY}`), ctx(), InvalidResponseError, 'Vendor: a stream event was not'],
    ['anything else', new Error(`terminated ${KEY}`), ctx(), TransientError, 'Vendor: the answer could not be read'],
  ])('%s → %s, the key redacted', (_what, error, context, type, start) => {
    const outcome = sdkFailureOutcome(error, context, KINDS);
    expect(outcome).toBeInstanceOf(type);
    expect((outcome as Error).message.startsWith(start)).toBe(true);
    expect((outcome as Error).message).not.toContain(KEY);
    expect(JSON.stringify((outcome as Error).cause ?? '')).not.toContain(KEY);
  });

  it('passes an AdapterError through, and a blocked result from the vendor error as it is', () => {
    const auth = new AuthError({ message: 'no', warnings: [] });
    expect(sdkFailureOutcome(auth, ctx({ timedOut: true }), KINDS)).toBe(auth);
    const blocked: BlockedResultV1 = { type: 'blocked', stage: 'input', code: 'c', message: 'm', warnings: [] };
    expect(sdkFailureOutcome(new FakeApiError('b'), ctx(), { ...KINDS, fromApiError: () => blocked })).toBe(blocked);
  });
});

describe('settleCall', () => {
  it('returns the answer, or the failure outcome when it is a result, and disposes of the scope every time', async () => {
    let disposed = 0;
    const scope = { dispose: () => void (disposed += 1) };
    expect(
      await settleCall(
        scope,
        async () => 'answer',
        () => 'unused',
      ),
    ).toBe('answer');
    expect(
      await settleCall(
        scope,
        async () => {
          throw new Error('blocked by the vendor');
        },
        () => 'blocked',
      ),
    ).toBe('blocked');
    expect(disposed).toBe(2);
  });

  it('throws the error the failure becomes', async () => {
    let disposed = false;
    const timeout = new TimeoutError({ message: 'late', warnings: [] });
    const failing = settleCall(
      { dispose: () => void (disposed = true) },
      async () => Promise.reject(new Error('x')),
      () => timeout,
    );
    await expect(failing).rejects.toBe(timeout);
    expect(disposed).toBe(true);
  });
});
