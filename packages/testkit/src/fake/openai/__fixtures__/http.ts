export { rawPost } from '../../__fixtures__/raw-post.js';

/** The `data:` payloads of an SSE body, parsed unless they are not JSON. */
export function sseData(body: string): unknown[] {
  return body
    .split('\n\n')
    .flatMap((event) => event.split('\n').filter((line) => line.startsWith('data: ')))
    .map((line) => {
      const data = line.slice('data: '.length);
      try {
        return JSON.parse(data) as unknown;
      } catch {
        return data;
      }
    });
}

/** A minimal valid chat body. */
export function chat(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { model: 'fake-model', messages: [{ role: 'user', content: 'Hello?' }], ...extra };
}

export const streamed = (extra: Record<string, unknown> = {}): Record<string, unknown> => chat({ stream: true, ...extra });
