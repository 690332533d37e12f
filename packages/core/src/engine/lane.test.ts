import { AuthError } from '@sc-safety/spec';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { scriptedModel, text } from './__fixtures__/scripted-model.js';
import { ModelLane, callPriority } from './lane.js';
import { Semaphore } from './semaphore.js';

const limits = { concurrency: 40, timeoutMs: 60_000, maxRetries: 0 };
const ask = { messages: [{ role: 'user' as const, content: 'q' }] };

describe('ModelLane signals', () => {
  const warnings: Error[] = [];
  const onWarning = (w: Error) => warnings.push(w);
  afterEach(() => {
    process.off('warning', onWarning);
    warnings.length = 0;
  });

  it('runs many calls at once under one run signal without a listener-count warning', async () => {
    process.on('warning', onWarning);
    const gates: Array<() => void> = [];
    let started = 0;
    const model = scriptedModel('m', () => {
      started++;
      return new Promise((resolve) => gates.push(() => resolve(text('a'))));
    });
    const lane = new ModelLane('m', model, limits);
    const run = new AbortController();
    const calls = Array.from({ length: 60 }, () => lane.call(ask, run.signal));
    await vi.waitFor(() => expect(started).toBe(40));
    while (started < 60 || gates.length > 0) {
      gates.shift()?.();
      await new Promise((r) => setImmediate(r));
    }
    await Promise.all(calls);
    await new Promise((r) => setImmediate(r));
    expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
  });

  it('aborts the signal of a call in flight when the run is interrupted', async () => {
    let seen: AbortSignal | undefined;
    const model = scriptedModel('m', (request) => {
      seen = request.signal;
      return new Promise(() => {});
    });
    const lane = new ModelLane('m', model, limits);
    const run = new AbortController();
    const call = lane.call(ask, run.signal);
    await vi.waitFor(() => expect(seen).toBeDefined());
    run.abort(new Error('ctrl-c'));
    await expect(call).rejects.toThrow();
    expect(seen!.aborted).toBe(true);
  });

  it('aborts calls in flight when the lane stops, and leaves a finished call’s signal alone', async () => {
    const signals: AbortSignal[] = [];
    const model = scriptedModel('m', (request, n) => {
      signals.push(request.signal!);
      if (n === 1) return text('done');
      if (n === 2) return new Promise(() => {});
      return new AuthError({ message: 'bad key' });
    });
    const lane = new ModelLane('m', model, limits);
    await lane.call(ask, undefined);
    const hanging = lane.call(ask, undefined).then(
      () => 'resolved',
      () => 'rejected',
    );
    await vi.waitFor(() => expect(signals.length).toBe(2));
    await expect(lane.call(ask, undefined)).rejects.toThrow('bad key');
    expect(await hanging).toBe('rejected');
    expect(lane.stopped?.kind).toBe('auth');
    expect(signals[0]!.aborted).toBe(false);
    expect(signals[1]!.aborted).toBe(true);
  });
});

describe('ModelLane order and run-wide slots', () => {
  it('serves waiting calls in callPriority order: earlier turns first, judgments last', async () => {
    const gates: Array<() => void> = [];
    const served: string[] = [];
    const model = scriptedModel('m', (request) => {
      served.push(request.messages[0]!.content);
      return new Promise((resolve) => gates.push(() => resolve(text('a'))));
    });
    const lane = new ModelLane('m', model, { ...limits, concurrency: 1 });
    const say = (content: string) => ({ messages: [{ role: 'user' as const, content }] });
    const calls = [
      lane.call(say('holder'), undefined, callPriority(1, 'answer')),
      lane.call(say('judgment 1'), undefined, callPriority(1, 'judgment')),
      lane.call(say('turn 2'), undefined, callPriority(2, 'answer')),
      lane.call(say('turn 1'), undefined, callPriority(1, 'answer')),
    ];
    while (served.length < 4 || gates.length > 0) {
      await vi.waitFor(() => expect(gates.length).toBeGreaterThan(0));
      gates.shift()!();
    }
    await Promise.all(calls);
    expect(served).toEqual(['holder', 'turn 1', 'turn 2', 'judgment 1']);
  });

  it('shares the run’s slots between lanes: never more calls in flight than the run allows', async () => {
    let inFlight = 0;
    let peak = 0;
    const slow = () =>
      scriptedModel('m', async () => {
        peak = Math.max(peak, ++inFlight);
        await new Promise((r) => setTimeout(r, 1));
        inFlight--;
        return text('a');
      });
    const runSlots = new Semaphore(3);
    const a = new ModelLane('a', slow(), { ...limits, concurrency: 3 }, undefined, runSlots);
    const b = new ModelLane('b', slow(), { ...limits, concurrency: 3 }, undefined, runSlots);
    await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).call(ask, undefined)));
    expect(peak).toBe(3);
    expect([runSlots.inUse, a.semaphore.inUse, b.semaphore.inUse]).toEqual([0, 0, 0]);
  });
});

describe('ModelLane hand-over', () => {
  it('starts the next waiting call and lets pending I/O run before the finished call’s caller goes on', async () => {
    const order: string[] = [];
    const model = scriptedModel('m', (_request, n) => {
      order.push(`request ${n}`);
      // I/O that lands as the answer does (another response read, a socket write): its callback
      // runs in the event loop's next check phase.
      if (n === 1) setImmediate(() => order.push('io'));
      return text(`answer ${n}`);
    });
    const lane = new ModelLane('m', model, { ...limits, concurrency: 1 });
    const first = lane.call(ask, undefined).then(() => order.push('caller 1'));
    const second = lane.call(ask, undefined).then(() => order.push('caller 2'));
    await Promise.all([first, second]);
    expect(order.slice(0, 4)).toEqual(['request 1', 'request 2', 'io', 'caller 1']);
  });
});
