import { request } from 'node:http';

/** What came back, read at the HTTP level so cut-off bodies can be inspected too. */
export interface RawReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** False when the connection ended before the HTTP body was complete. */
  complete: boolean;
}

/** POSTs JSON with node:http (fetch hides a cut-off body behind an error). */
export function rawPost(url: string, body: unknown, headers: Record<string, string> = {}): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      const done = () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8'), complete: res.complete });
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      // A cut-off body errors ('aborted'); 'close' comes either way, and `complete` tells them apart.
      res.on('error', () => undefined);
      res.on('close', done);
    });
    req.on('error', reject);
    req.end(text);
  });
}
