import { describe, expect, it } from 'vitest';
import { serverPerTest } from '../__fixtures__/server-per-test.js';
import { messages, rawPost, sseEvents, streamed } from './__fixtures__/http.js';
import { createAnthropicFakeServer } from './create-anthropic-fake-server.js';

const start = serverPerTest(() => createAnthropicFakeServer());

describe('anthropic-refusal (output)', () => {
  it('non-streamed: the partial text as content, stop_reason refusal with stop_details', async () => {
    const s = await start();
    s.enqueue({ kind: 'block', signal: 'anthropic-refusal', stage: 'output', partialText: 'Here is how you' });
    const reply = await rawPost(s.messagesURL, messages());
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toMatchObject({
      content: [{ type: 'text', text: 'Here is how you' }],
      stop_reason: 'refusal',
      stop_details: { type: 'refusal', category: null, explanation: null },
    });
  });

  it('streamed: text deltas of the partial text, then message_delta with stop_reason refusal', async () => {
    const s = await start();
    s.enqueue({ kind: 'block', signal: 'anthropic-refusal', stage: 'output', partialText: 'Here is how you' });
    const events = sseEvents((await rawPost(s.messagesURL, streamed())).body);
    const text = events
      .filter((e) => e.event === 'content_block_delta')
      .map((e) => (e.data as { delta: { text: string } }).delta.text)
      .join('');
    expect(text).toBe('Here is how you');
    expect(events.at(-2)).toMatchObject({
      event: 'message_delta',
      data: { delta: { stop_reason: 'refusal', stop_details: { type: 'refusal' } } },
    });
    expect(events.at(-1)?.event).toBe('message_stop');
  });

  it('without partial text: an empty content and the refusal', async () => {
    const s = await start();
    s.enqueue(
      { kind: 'block', signal: 'anthropic-refusal', stage: 'output' },
      { kind: 'block', signal: 'anthropic-refusal', stage: 'output' },
    );
    expect(JSON.parse((await rawPost(s.messagesURL, messages())).body)).toMatchObject({
      content: [],
      stop_reason: 'refusal',
    });
    expect(sseEvents((await rawPost(s.messagesURL, streamed())).body).map((e) => e.event)).toEqual([
      'message_start',
      'ping',
      'message_delta',
      'message_stop',
    ]);
  });
});
