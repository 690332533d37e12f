import { describe, expect, it } from 'vitest';
import type { FakeScenario } from '../types.js';
import { expectJsonAnswer } from '../__fixtures__/json-answer.js';
import { serverPerTest } from '../__fixtures__/server-per-test.js';
import { messages, rawPost, sseEvents, streamed } from './__fixtures__/http.js';
import { createAnthropicFakeServer } from './create-anthropic-fake-server.js';

const start = serverPerTest(() => createAnthropicFakeServer());

/** Starts a server, queues `scenario` and posts `body` once. */
async function playOnce(scenario: FakeScenario, body: unknown) {
  const s = await start();
  s.enqueue(scenario);
  return { s, reply: await rawPost(s.messagesURL, body) };
}

describe('text, non-streamed', () => {
  it('is a message with id, text content, end_turn, usage and a request-id header', async () => {
    const scenario: FakeScenario = { kind: 'text', text: 'Hi there.', usage: { inputTokens: 3, outputTokens: 2 } };
    const { s, reply } = await playOnce(scenario, messages({ model: 'claude-x' }));
    expect(expectJsonAnswer(reply, 'request-id', 'req_fake_0001')).toEqual({
      id: 'msg_fake_0001',
      type: 'message',
      role: 'assistant',
      model: 'claude-x',
      content: [{ type: 'text', text: 'Hi there.' }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      stop_details: null,
      usage: {
        input_tokens: 3,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
        output_tokens: 2,
        service_tier: 'standard',
      },
    });
    expect(s.requests[0]?.requestId).toBe('req_fake_0001');
  });

  it('maps finishReason length to max_tokens, and an empty answer to content []', async () => {
    const s = await start();
    s.enqueue({ kind: 'text', text: 'Cut', finishReason: 'length' }, { kind: 'empty' });
    expect(JSON.parse((await rawPost(s.messagesURL, messages())).body)).toMatchObject({
      stop_reason: 'max_tokens',
      content: [{ text: 'Cut' }],
    });
    const empty = JSON.parse((await rawPost(s.messagesURL, messages())).body) as Record<string, unknown>;
    expect(empty).toMatchObject({ content: [], stop_reason: 'end_turn', usage: { output_tokens: 0 } });
  });

  it('sends a body that is not JSON for malformed-json', async () => {
    const { reply } = await playOnce({ kind: 'malformed-json' }, messages());
    expect(reply.status).toBe(200);
    expect(() => JSON.parse(reply.body) as unknown).toThrow();
  });

  it('cuts a body short of its Content-Length for truncated-stream', async () => {
    const { reply } = await playOnce({ kind: 'truncated-stream' }, messages());
    expect(reply.complete).toBe(false);
    expect(Number(reply.headers['content-length'])).toBeGreaterThan(Buffer.byteLength(reply.body));
  });
});

describe('text, streamed', () => {
  it('sends the named events in the API order', async () => {
    const s = await start();
    s.enqueue({
      kind: 'text',
      text: 'Hello world',
      chunks: ['Hel', 'lo ', 'world'],
      usage: { inputTokens: 9, outputTokens: 4 },
    });
    const reply = await rawPost(s.messagesURL, streamed({ model: 'claude-x' }));
    expect(reply.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(reply.headers['request-id']).toBe('req_fake_0001');
    const events = sseEvents(reply.body);
    expect(events.map((e) => e.event)).toEqual([
      'message_start',
      'content_block_start',
      'ping',
      'content_block_delta',
      'content_block_delta',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    // Every event's data repeats its name as `type`.
    expect(events.every((e) => (e.data as { type: string }).type === e.event)).toBe(true);
    expect(events[0]?.data).toMatchObject({
      message: {
        id: 'msg_fake_0001',
        type: 'message',
        role: 'assistant',
        model: 'claude-x',
        content: [],
        stop_reason: null,
        usage: { input_tokens: 9, output_tokens: 1 },
      },
    });
    expect(events[1]?.data).toEqual({
      type: 'content_block_start',
      index: 0,
      content_block: { type: 'text', text: '' },
    });
    expect(events.slice(3, 6).map((e) => e.data)).toEqual(
      ['Hel', 'lo ', 'world'].map((text) => ({
        type: 'content_block_delta',
        index: 0,
        delta: { type: 'text_delta', text },
      })),
    );
    expect(events[7]?.data).toMatchObject({
      delta: { stop_reason: 'end_turn', stop_sequence: null },
      usage: { output_tokens: 4 },
    });
  });

  it('ends with stop_reason max_tokens for length, and has no content block for an empty answer', async () => {
    const s = await start();
    s.enqueue({ kind: 'text', text: 'Cut', finishReason: 'length' }, { kind: 'empty' });
    expect(sseEvents((await rawPost(s.messagesURL, streamed())).body).at(-2)?.data).toMatchObject({
      delta: { stop_reason: 'max_tokens' },
    });
    const empty = sseEvents((await rawPost(s.messagesURL, streamed())).body);
    expect(empty.map((e) => e.event)).toEqual(['message_start', 'ping', 'message_delta', 'message_stop']);
  });

  it('malformed-json: one event is not JSON, and the stream still reaches message_stop', async () => {
    const { reply } = await playOnce({ kind: 'malformed-json' }, streamed());
    const events = sseEvents(reply.body);
    expect(events.some((e) => e.event === 'content_block_delta' && typeof e.data === 'string')).toBe(true);
    expect(events.at(-1)?.event).toBe('message_stop');
  });

  it('truncated-stream: text deltas and no message_delta / message_stop, socket cut or clean end', async () => {
    const s = await start();
    s.enqueue(
      { kind: 'truncated-stream', text: 'Partial answer' },
      { kind: 'truncated-stream', text: 'Partial answer', cut: 'clean' },
    );
    const cut = await rawPost(s.messagesURL, streamed());
    expect(cut.complete).toBe(false);
    const names = sseEvents(cut.body).map((e) => e.event);
    expect(names).toContain('content_block_delta');
    expect(names).not.toContain('message_delta');
    expect(names).not.toContain('message_stop');
    const clean = await rawPost(s.messagesURL, streamed());
    expect(clean.complete).toBe(true);
    expect(sseEvents(clean.body).map((e) => e.event)).not.toContain('message_stop');
  });
});
