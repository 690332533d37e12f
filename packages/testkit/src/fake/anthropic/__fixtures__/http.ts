import { request } from 'node:http';

/** What came back, read at the HTTP level so cut-off bodies can be inspected too. */
export interface RawReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** False when the connection ended before the HTTP body was complete. */
  complete: boolean;
}

export const TEST_KEY = 'sk-ant-test-0123456789abcdef';

/** The headers a client of the Messages API sends. */
export function apiHeaders(extra: Record<string, string> = {}): Record<string, string> {
  return { 'x-api-key': TEST_KEY, 'anthropic-version': '2023-06-01', ...extra };
}

/** POSTs JSON with node:http (fetch hides a cut-off body behind an error). */
export function rawPost(url: string, body: unknown, headers: Record<string, string> = apiHeaders()): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      const done = () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8'), complete: res.complete });
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', () => undefined);
      res.on('close', done);
    });
    req.on('error', reject);
    req.end(text);
  });
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
