import { getEventListeners } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createAcmeFakeServer } from './__fixtures__/acme-fake.js';
import { createModel } from './create-model.js';

const TEMPLATE = fileURLToPath(new URL('../docs/acme-chat.template.yaml', import.meta.url));
const KEY = 'acme-test-key-0123456789';

/**
 * How many `AbortSignal.any` composites Node still links to `signal`. Node keeps them in an
 * internal set on the source signal, not as `abort` listeners, so getEventListeners misses them.
 */
function dependantSignals(signal: AbortSignal): number {
  const symbol = Object.getOwnPropertySymbols(signal).find((s) => s.description === 'kDependantSignals');
  // An internal SafeSet: not `instanceof Set` from here, so read its size.
  const set =
    symbol === undefined
      ? undefined
      : ((signal as unknown as Record<symbol, unknown>)[symbol] as { size?: unknown } | undefined);
  return typeof set?.size === 'number' ? set.size : 0;
}

describe('a long-lived caller signal', () => {
  it('keeps nothing from 2,000 finished calls: no abort listeners, no composite signals', async () => {
    const server = await createAcmeFakeServer({ apiKey: KEY });
    const model = createModel(
      { model: 'acme-large', template: TEMPLATE, baseURL: server.baseURL, apiKey: KEY, timeoutMs: 60_000 },
      { env: {} },
    );
    const controller = new AbortController();
    try {
      let completed = 0;
      for (let i = 0; i < 2000; i++) {
        const result = await model.generate({ messages: [{ role: 'user', content: 'x' }], signal: controller.signal });
        if (result.type === 'completed') completed++;
      }
      expect(completed).toBe(2000);
      expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
      expect(dependantSignals(controller.signal)).toBe(0);
    } finally {
      await model.close();
      await server.close();
    }
  }, 180_000);
});
