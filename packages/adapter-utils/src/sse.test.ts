import { describe, expect, it } from 'vitest';
import { createSseParser, isDoneSentinel, parseSse, type SseEvent } from './sse.js';

const encoder = new TextEncoder();

/** Runs the incremental parser over the given chunks and collects events and comments. */
function run(chunks: (string | Uint8Array)[]): { events: SseEvent[]; comments: string[] } {
  const events: SseEvent[] = [];
  const comments: string[] = [];
  const parser = createSseParser((e) => events.push(e), { onComment: (c) => comments.push(c) });
  for (const chunk of chunks) parser.push(chunk);
  parser.end();
  return { events, comments };
}

function everyByte(text: string): Uint8Array[] {
  return Array.from(encoder.encode(text), (b) => Uint8Array.of(b));
}

function splitEvery(text: string, size: number): Uint8Array[] {
  const bytes = encoder.encode(text);
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
  return out;
}

async function* iterate<T>(items: T[]): AsyncGenerator<T> {
  for (const item of items) yield item;
}

// DashScope-style named events with ids and a status comment, an OpenAI-style data stream with
// keep-alives and [DONE], multi-line data, and multi-byte text, in one stream with mixed line ends.
const STREAM =
  ':HTTP_STATUS/200\r\n' +
  'id:1\r\nevent:result\r\ndata:{"output":{"text":"你好"}}\r\n\r\n' +
  ': keep-alive\n\n' +
  'data: {"delta":"🙂 ok"}\n\n' +
  'event: message_delta\rdata: line one\rdata: line two\r\r' +
  'data:  two leading spaces keep one\n\n' +
  'data\n\n' +
  'retry: 3000\ndata: after retry\n\n' +
  'data: [DONE]\n\n';

const EXPECTED: SseEvent[] = [
  { id: '1', event: 'result', data: '{"output":{"text":"你好"}}' },
  { id: '1', data: '{"delta":"🙂 ok"}' },
  { id: '1', event: 'message_delta', data: 'line one\nline two' },
  { id: '1', data: ' two leading spaces keep one' },
  { id: '1', data: '' },
  { id: '1', data: 'after retry', retry: 3000 },
  { id: '1', data: '[DONE]' },
];

describe('createSseParser', () => {
  it('parses a stream given in one piece', () => {
    const { events, comments } = run([STREAM]);
    expect(events).toEqual(EXPECTED);
    expect(comments).toEqual(['HTTP_STATUS/200', ' keep-alive']);
  });

  it('gives the same events however the bytes are split, even inside UTF-8 characters and CRLF pairs', () => {
    for (const size of [1, 2, 3, 5, 7, 13, 64]) {
      expect(run(splitEvery(STREAM, size)).events, `chunks of ${size} bytes`).toEqual(EXPECTED);
    }
    expect(run(everyByte(STREAM)).events).toEqual(EXPECTED);
  });

  it('gives the same events when fed one string character at a time', () => {
    expect(run(Array.from(STREAM)).events).toEqual(EXPECTED);
  });

  it('treats a CR at the end of one chunk and an LF at the start of the next as one line end', () => {
    const { events } = run(['data: a\r', '\ndata: b\r', '\n\r', '\n']);
    expect(events).toEqual([{ data: 'a\nb' }]);
  });

  it('dispatches a last event that has no trailing blank line', () => {
    expect(run(['data: {"finish_reason":"stop"}']).events).toEqual([{ data: '{"finish_reason":"stop"}' }]);
    expect(run(['data: x\n']).events).toEqual([{ data: 'x' }]);
  });

  it('does not dispatch events without data lines, and ignores unknown fields and ids with NUL', () => {
    const { events } = run(['event: ping\n\n', 'foo: bar\nid: a\0b\ndata: real\n\n']);
    expect(events).toEqual([{ data: 'real' }]);
  });

  it('keeps the last event id across events and lets an empty id reset it', () => {
    const { events } = run(['id: 7\ndata: a\n\ndata: b\n\nid\ndata: c\n\n']);
    expect(events).toEqual([{ id: '7', data: 'a' }, { id: '7', data: 'b' }, { data: 'c' }]);
  });

  it('ignores a non-numeric retry and strips a leading byte-order mark', () => {
    const { events } = run([Uint8Array.of(0xef, 0xbb), Uint8Array.of(0xbf), 'retry: soon\ndata: x\n\n']);
    expect(events).toEqual([{ data: 'x' }]);
  });
});

describe('parseSse', () => {
  it('reads an async iterable of byte chunks', async () => {
    const out: SseEvent[] = [];
    for await (const event of parseSse(iterate(everyByte(STREAM)))) out.push(event);
    expect(out).toEqual(EXPECTED);
  });

  it('reads a fetch ReadableStream', async () => {
    const body = new Response(STREAM).body;
    if (body === null) throw new Error('no body');
    const out: SseEvent[] = [];
    for await (const event of parseSse(body)) out.push(event);
    expect(out).toEqual(EXPECTED);
  });

  it('yields events before the stream ends', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    async function* slow(): AsyncGenerator<string> {
      yield 'data: first\n\n';
      await gate;
      yield 'data: second\n\n';
    }
    const iterator = parseSse(slow());
    expect((await iterator.next()).value).toEqual({ data: 'first' });
    release();
    expect((await iterator.next()).value).toEqual({ data: 'second' });
    expect((await iterator.next()).done).toBe(true);
  });

  it('cancels the underlying ReadableStream when the consumer stops early', async () => {
    let cancelled = false;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(encoder.encode('data: tick\n\n'));
      },
      cancel() {
        cancelled = true;
      },
    });
    for await (const event of parseSse(stream)) {
      expect(event.data).toBe('tick');
      break;
    }
    expect(cancelled).toBe(true);
  });

  it('passes comments to onComment', async () => {
    const comments: string[] = [];
    for await (const _event of parseSse(iterate([':HTTP_STATUS/400\n', 'data: {}\n\n']), {
      onComment: (c) => comments.push(c),
    })) {
      // drain
    }
    expect(comments).toEqual(['HTTP_STATUS/400']);
  });
});

describe('isDoneSentinel', () => {
  it('recognises [DONE] as data or event', () => {
    expect(isDoneSentinel('[DONE]')).toBe(true);
    expect(isDoneSentinel(' [DONE] ')).toBe(true);
    expect(isDoneSentinel({ data: '[DONE]' })).toBe(true);
    expect(isDoneSentinel({ data: '{"text":"[DONE]"}' })).toBe(false);
    expect(isDoneSentinel('')).toBe(false);
  });
});
