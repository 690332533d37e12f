import { afterEach, describe, expect, it } from 'vitest';
import { closeServers, fake, model as modelAt } from './__fixtures__/servers.js';

afterEach(closeServers);

// The real SDK against the loopback fake: the response's `model` is the model that answered.
describe('servedModel: the model the Messages response names', () => {
  for (const stream of [false, true]) {
    it(`follows the response's model when it changes behind the alias (${stream ? 'streaming' : 'whole'})`, async () => {
      let served = 'claude-e2e-alias-20250929';
      const server = await fake({ servedModel: () => ({ id: served }) });
      const model = modelAt(server, { model: 'claude-e2e-alias', stream });
      server.enqueue({ kind: 'text', text: 'one' }, { kind: 'text', text: 'two' });
      expect(await model.generate({ messages: [{ role: 'user', content: 'q' }] })).toMatchObject({
        servedModel: { id: 'claude-e2e-alias-20250929' },
      });
      served = 'claude-e2e-alias-20251101';
      expect(await model.generate({ messages: [{ role: 'user', content: 'q' }] })).toMatchObject({
        servedModel: { id: 'claude-e2e-alias-20251101' },
      });
    });
  }

  it('keeps the served model on a refusal block', async () => {
    const server = await fake({ servedModel: () => ({ id: 'claude-e2e-other-20250805' }) });
    const model = modelAt(server, { model: 'claude-e2e-other', stream: true });
    server.enqueue({ kind: 'block', signal: 'anthropic-refusal', stage: 'output', partialText: 'I will' });
    expect(await model.generate({ messages: [{ role: 'user', content: 'q' }] })).toMatchObject({
      type: 'blocked',
      code: 'refusal',
      servedModel: { id: 'claude-e2e-other-20250805' },
    });
  });
});
