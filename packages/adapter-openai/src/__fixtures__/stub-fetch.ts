/** One request a stub fetch received. */
export interface StubCall {
  url: string;
  headers: Headers;
  body: unknown;
}

/**
 * A fetch that answers every request with one fixed response and records what it was sent. For
 * shapes the fake server does not play (a full-key echo, Qianfan flag 1, reasoning fields).
 */
export function stubFetch(status: number, body: unknown, headers: Record<string, string> = {}): { fetch: typeof globalThis.fetch; calls: StubCall[] } {
  const calls: StubCall[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const text = typeof init?.body === 'string' ? init.body : '';
    calls.push({ url, headers: new Headers(init?.headers), body: text === '' ? undefined : (JSON.parse(text) as unknown) });
    const payload = typeof body === 'string' ? body : JSON.stringify(body);
    return new Response(payload, { status, headers: { 'content-type': 'application/json', ...headers } });
  };
  return { fetch, calls };
}
