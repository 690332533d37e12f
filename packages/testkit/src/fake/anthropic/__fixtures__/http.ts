import { rawPost as postRaw, type RawReply } from '../../__fixtures__/raw-post.js';

export const TEST_KEY = 'sk-ant-test-0123456789abcdef';

/** The headers a client of the Messages API sends. */
export function apiHeaders(extra: Record<string, string> = {}): Record<string, string> {
  return { 'x-api-key': TEST_KEY, 'anthropic-version': '2023-06-01', ...extra };
}

/** POSTs JSON as a Messages API client would (the test key and version unless `headers` says otherwise). */
export function rawPost(url: string, body: unknown, headers: Record<string, string> = apiHeaders()): Promise<RawReply> {
  return postRaw(url, body, headers);
}

/** One named SSE event of a body: its name and its data (parsed unless it is not JSON). */
export interface NamedEvent {
  event: string | undefined;
  data: unknown;
}

export function sseEvents(body: string): NamedEvent[] {
  return body
    .split('\n\n')
    .filter((block) => block.trim() !== '')
    .map((block) => {
      const lines = block.split('\n');
      const event = lines.find((l) => l.startsWith('event: '))?.slice('event: '.length);
      const raw = lines.filter((l) => l.startsWith('data: ')).map((l) => l.slice('data: '.length)).join('\n');
      try {
        return { event, data: JSON.parse(raw) as unknown };
      } catch {
        return { event, data: raw };
      }
    });
}

/** A minimal valid Messages body. */
export function messages(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { model: 'claude-fake', max_tokens: 64, messages: [{ role: 'user', content: 'Hello?' }], ...extra };
}

export const streamed = (extra: Record<string, unknown> = {}): Record<string, unknown> => messages({ stream: true, ...extra });
