import { describe, expect, it } from 'vitest';
import { BufferedResponse } from './buffered-response.js';

const JSON_BODY = '{"id":"chatcmpl-1","choices":[{"message":{"content":"不能提供。"}}]}';
const HEADERS: [string, string][] = [
  ['content-type', 'application/json; charset=utf-8'],
  ['x-request-id', 'req-1'],
  ['set-cookie', 'a=1'],
  ['set-cookie', 'b=2'],
];

/** The same body and init as an ordinary Response and as a BufferedResponse, to compare them. */
function both(body: string | Uint8Array = JSON_BODY, status = 200): { plain: Response; buffered: Response } {
  const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
  return {
    plain: new Response(bytes.slice(), { status, headers: HEADERS }),
    buffered: new BufferedResponse(bytes.slice(), { status, headers: HEADERS }),
  };
}

/** What a reader of each kind gives, comparable with toEqual. */
const readers: [string, (r: Response) => Promise<unknown>][] = [
  ['text', (r) => r.text()],
  ['json', (r) => r.json()],
  ['arrayBuffer', async (r) => [...new Uint8Array(await r.arrayBuffer())]],
  ['blob', async (r) => [(await r.blob()).type, await (await r.blob()).text()]],
  ['body stream', async (r) => new Response(r.body).text()],
];

async function outcome(read: Promise<unknown>): Promise<unknown> {
  try {
    return { value: await read };
  } catch (error) {
    return { error: (error as Error).constructor.name };
  }
}

describe('BufferedResponse', () => {
  it('is a Response with the status and headers it was given', () => {
    const { plain, buffered } = both('nope', 404);
    expect(buffered).toBeInstanceOf(Response);
    expect([buffered.status, buffered.ok, buffered.statusText, buffered.url, buffered.type]).toEqual([
      plain.status,
      plain.ok,
      plain.statusText,
      plain.url,
      plain.type,
    ]);
    expect([...buffered.headers]).toEqual([...plain.headers]);
    expect(buffered.body).not.toBeNull();
  });

  it.each(readers)('%s reads what an ordinary Response reads, and marks the body used', async (_name, read) => {
    const { plain, buffered } = both();
    expect(buffered.bodyUsed).toBe(false);
    expect(await outcome(read(buffered))).toEqual(await outcome(read(plain)));
    expect(buffered.bodyUsed).toBe(plain.bodyUsed);
  });

  it.each(readers)('%s after text() fails as it does on an ordinary Response', async (_name, read) => {
    const { plain, buffered } = both();
    await plain.text();
    await buffered.text();
    expect(await outcome(read(buffered))).toEqual(await outcome(read(plain)));
    expect(buffered.bodyUsed).toBe(true);
  });

  it('decodes UTF-8 as Response.text() does: a BOM dropped, bad bytes replaced', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, 0x68, 0x69, 0xff, 0x21]);
    const { plain, buffered } = both(bytes);
    expect(await buffered.text()).toBe(await plain.text());
  });

  it('rejects bad JSON with the SyntaxError Response.json() rejects with', async () => {
    const { plain, buffered } = both('{"cut": ');
    expect(await outcome(buffered.json())).toEqual(await outcome(plain.json()));
  });

  it('clones: both copies read the whole body, and writing one arrayBuffer leaves the other intact', async () => {
    const { buffered } = both('abc');
    const copy = buffered.clone();
    const first = new Uint8Array(await buffered.arrayBuffer());
    first[0] = 0x7a;
    expect(await copy.text()).toBe('abc');
    expect(() => buffered.clone()).toThrow(TypeError);
  });

  it('clones after the body was asked for as a stream, as an ordinary Response', async () => {
    const { buffered } = both('abc');
    expect(buffered.body).not.toBeNull();
    const copy = buffered.clone();
    expect(await copy.text()).toBe('abc');
    expect(await buffered.text()).toBe('abc');
  });
});
