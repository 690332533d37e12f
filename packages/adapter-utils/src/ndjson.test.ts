import { InvalidResponseError } from '@sc-safety/spec';
import { describe, expect, it } from 'vitest';
import { parseNdjson } from './ndjson.js';

const encoder = new TextEncoder();

async function* iterate<T>(items: T[]): AsyncGenerator<T> {
  for (const item of items) yield item;
}

async function collect<T>(gen: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of gen) out.push(item);
  return out;
}

const OLLAMA =
  '{"message":{"content":"你"},"done":false}\r\n' +
  '\n' +
  '{"message":{"content":"好"},"done":false}\n' +
  '   \n' +
  '{"done":true,"done_reason":"stop","eval_count":2}';

describe('parseNdjson', () => {
  it('yields one value per line, skipping blank lines, with CRLF and no final newline', async () => {
    const expected = [
      { message: { content: '你' }, done: false },
      { message: { content: '好' }, done: false },
      { done: true, done_reason: 'stop', eval_count: 2 },
    ];
    expect(await collect(parseNdjson(iterate([OLLAMA])))).toEqual(expected);
    const bytes = Array.from(encoder.encode(OLLAMA), (b) => Uint8Array.of(b));
    expect(await collect(parseNdjson(iterate(bytes)))).toEqual(expected);
    const body = new Response(OLLAMA).body;
    if (body === null) throw new Error('no body');
    expect(await collect(parseNdjson(body))).toEqual(expected);
  });

  it('throws InvalidResponseError naming the line number and a redacted snippet', async () => {
    const text = '{"a":1}\n\n{"token":"tok-secret-123", oops\n{"b":2}\n';
    const seen: unknown[] = [];
    let caught: unknown;
    try {
      for await (const value of parseNdjson(iterate([text]), { context: 'Ollama /api/chat stream' })) seen.push(value);
    } catch (e) {
      caught = e;
    }
    expect(seen).toEqual([{ a: 1 }]);
    expect(InvalidResponseError.isInstance(caught)).toBe(true);
    const message = (caught as Error).message;
    expect(message).toMatch(
      /^Ollama \/api\/chat stream: line 3 is not valid JSON: .+ Line: \{"token":"\[REDACTED\]", oops/,
    );
    expect(message).not.toContain('tok-secret-123');
    expect((caught as InvalidResponseError).body).not.toContain('tok-secret-123');
  });

  it('reports a truncated final line', async () => {
    await expect(collect(parseNdjson(iterate(['{"a":1}\n{"b":'])))).rejects.toThrow(
      /line 2 is not valid JSON: Unexpected end of JSON input/,
    );
  });
});
