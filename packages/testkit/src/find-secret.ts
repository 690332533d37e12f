/**
 * Every place under `value` where `secret` occurs: strings anywhere in own properties (enumerable
 * or not, string or symbol keys, so `message`, `stack` and `cause` too), array items, Map, Set and
 * Headers entries, URLs. Paths are for the failure message. Getters are not called.
 */
export function findSecret(value: unknown, secret: string): string[] {
  const found: string[] = [];
  const seen = new Set<unknown>();
  const walk = (v: unknown, path: string, depth: number): void => {
    if (typeof v === 'string') {
      if (v.includes(secret)) found.push(path);
      return;
    }
    if ((typeof v !== 'object' && typeof v !== 'function') || v === null || seen.has(v) || depth > 12) return;
    seen.add(v);
    if (v instanceof URL) walk(v.href, `${path}.href`, depth + 1);
    if (v instanceof Headers || v instanceof Map) {
      for (const [k, item] of (v as Map<unknown, unknown>).entries()) {
        walk(k, `${path}<key>`, depth + 1);
        walk(item, `${path}[${String(k)}]`, depth + 1);
      }
    }
    if (v instanceof Set) for (const item of v) walk(item, `${path}<item>`, depth + 1);
    for (const key of Reflect.ownKeys(v)) {
      const descriptor = Object.getOwnPropertyDescriptor(v, key);
      if (descriptor !== undefined && 'value' in descriptor)
        walk(descriptor.value, `${path}.${String(key)}`, depth + 1);
    }
  };
  walk(value, '$', 0);
  return found;
}

/**
 * A `fetch` that behaves like tracing or proxy wrappers do: whatever fails (the connection, or
 * reading the body later) is rethrown with the request it belonged to attached, headers included.
 * The API key then sits inside the error the SDK wraps, which is the leak an adapter must not pass on.
 */
export function requestAttachingFetch(): typeof globalThis.fetch {
  return async (input, init) => {
    const request = {
      url: String(input instanceof Request ? input.url : input),
      headers: Object.fromEntries(new Headers(init?.headers)),
    };
    const attach = (error: unknown): unknown =>
      typeof error === 'object' && error !== null ? Object.assign(error, { request }) : error;
    let response: Response;
    try {
      response = await globalThis.fetch(input, init);
    } catch (error) {
      throw attach(error);
    }
    if (response.body === null) return response;
    const reader = response.body.getReader();
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        try {
          const { done, value } = await reader.read();
          if (done) controller.close();
          else controller.enqueue(value);
        } catch (error) {
          controller.error(attach(error));
        }
      },
      cancel: (reason) => reader.cancel(reason),
    });
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}
