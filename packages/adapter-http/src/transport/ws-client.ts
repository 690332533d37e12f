import { createHash, randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import type { IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Duplex } from 'node:stream';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/** An open WebSocket: one text message out, text messages in. */
export interface WsConnection {
  send(text: string): void;
  /** Text messages until the server closes; throws when the connection breaks or the call is aborted. */
  messages(): AsyncGenerator<string, void, undefined>;
  close(): void;
}

/** The handshake either opened a socket or the server answered with an ordinary HTTP response. */
export type WsOpenResult =
  | { kind: 'open'; connection: WsConnection; headers: Record<string, string> }
  | { kind: 'response'; status: number; headers: Record<string, string>; body: string };

/**
 * Opens a client WebSocket (RFC 6455) over node:http. Written here rather than taken from a
 * WebSocket class because a refused handshake (Spark answers 401/403 with a JSON body when the
 * signed URL is wrong) must be read as an HTTP response: browser-style clients hide its status.
 */
export function openWebSocket(
  url: URL,
  options: { headers?: Record<string, string>; signal?: AbortSignal | undefined },
): Promise<WsOpenResult> {
  const key = randomBytes(16).toString('base64');
  const target = new URL(url);
  const secure = target.protocol === 'wss:' || target.protocol === 'https:';
  target.protocol = secure ? 'https:' : 'http:';
  const headers: Record<string, string> = {
    ...options.headers,
    connection: 'Upgrade',
    upgrade: 'websocket',
    'sec-websocket-key': key,
    'sec-websocket-version': '13',
  };
  delete headers['content-type'];
  delete headers.accept;
  return new Promise((resolve, reject) => {
    const req = (secure ? httpsRequest : httpRequest)(target, {
      method: 'GET',
      headers,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    req.on('error', reject);
    req.on('response', (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () =>
        resolve({
          kind: 'response',
          status: res.statusCode ?? 0,
          headers: flatten(res.headers),
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    req.on('upgrade', (res: IncomingMessage, socket: Duplex, head: Buffer) => {
      const expected = createHash('sha1')
        .update(key + GUID)
        .digest('base64');
      if (res.headers['sec-websocket-accept'] !== expected) {
        socket.destroy();
        reject(new Error('WebSocket handshake failed: wrong Sec-WebSocket-Accept'));
        return;
      }
      resolve({
        kind: 'open',
        connection: new Connection(socket, head, options.signal),
        headers: flatten(res.headers),
      });
    });
    req.end();
  });
}

function flatten(headers: IncomingMessage['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers))
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  return out;
}

class Connection implements WsConnection {
  private buffer: Buffer;
  private readonly queue: string[] = [];
  private fragments: Buffer[] = [];
  private ended = false;
  private failure: Error | undefined;
  private wake: (() => void) | undefined;

  constructor(
    private readonly socket: Duplex,
    head: Buffer,
    private readonly signal: AbortSignal | undefined,
  ) {
    this.buffer = head;
    socket.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.parse();
    });
    socket.on('end', () => this.finish());
    socket.on('close', () => this.finish());
    socket.on('error', (error: Error) => this.finish(error));
    signal?.addEventListener('abort', this.onAbort, { once: true });
    this.parse();
  }

  private readonly onAbort = (): void => {
    this.finish(this.signal?.reason instanceof Error ? this.signal.reason : new Error('aborted'));
    this.socket.destroy();
  };

  send(text: string): void {
    this.socket.write(encodeFrame(0x1, Buffer.from(text, 'utf8')));
  }

  async *messages(): AsyncGenerator<string, void, undefined> {
    for (;;) {
      const next = this.queue.shift();
      if (next !== undefined) {
        yield next;
        continue;
      }
      if (this.failure !== undefined) throw this.failure;
      if (this.ended) return;
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
    }
  }

  close(): void {
    this.signal?.removeEventListener('abort', this.onAbort);
    if (!this.socket.destroyed) {
      this.socket.end(encodeFrame(0x8, Buffer.from([0x03, 0xe8])));
      this.socket.destroy();
    }
  }

  private finish(error?: Error): void {
    if (error !== undefined && this.failure === undefined && !this.ended) this.failure = error;
    this.ended = true;
    this.notify();
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  private parse(): void {
    for (;;) {
      const frame = decodeFrame(this.buffer);
      if (frame === undefined) return;
      this.buffer = this.buffer.subarray(frame.size);
      if (frame.opcode === 0x8) {
        this.ended = true;
        this.notify();
        return;
      }
      if (frame.opcode === 0x9) {
        this.socket.write(encodeFrame(0xa, frame.payload));
        continue;
      }
      if (frame.opcode === 0xa) continue;
      this.fragments.push(frame.payload);
      if (frame.fin) {
        this.queue.push(Buffer.concat(this.fragments).toString('utf8'));
        this.fragments = [];
        this.notify();
      }
    }
  }
}

/** A masked client frame. */
function encodeFrame(opcode: number, payload: Buffer): Buffer {
  const mask = randomBytes(4);
  const length = payload.length;
  const header = length < 126 ? Buffer.alloc(2) : length < 65_536 ? Buffer.alloc(4) : Buffer.alloc(10);
  header[0] = 0x80 | opcode;
  if (length < 126) header[1] = 0x80 | length;
  else if (length < 65_536) {
    header[1] = 0x80 | 126;
    header.writeUInt16BE(length, 2);
  } else {
    header[1] = 0x80 | 127;
    header.writeBigUInt64BE(BigInt(length), 2);
  }
  const masked = Buffer.alloc(length);
  for (let i = 0; i < length; i++) masked[i] = (payload[i] as number) ^ (mask[i % 4] as number);
  return Buffer.concat([header, mask, masked]);
}

function decodeFrame(buffer: Buffer): { fin: boolean; opcode: number; payload: Buffer; size: number } | undefined {
  if (buffer.length < 2) return undefined;
  const first = buffer[0] as number;
  const second = buffer[1] as number;
  let length = second & 0x7f;
  let offset = 2;
  if (length === 126) {
    if (buffer.length < 4) return undefined;
    length = buffer.readUInt16BE(2);
    offset = 4;
  } else if (length === 127) {
    if (buffer.length < 10) return undefined;
    length = Number(buffer.readBigUInt64BE(2));
    offset = 10;
  }
  const masked = (second & 0x80) !== 0;
  const maskOffset = offset;
  if (masked) offset += 4;
  if (buffer.length < offset + length) return undefined;
  let payload = buffer.subarray(offset, offset + length);
  if (masked) {
    const mask = buffer.subarray(maskOffset, maskOffset + 4);
    payload = Buffer.from(payload.map((byte, i) => byte ^ (mask[i % 4] as number)));
  }
  return { fin: (first & 0x80) !== 0, opcode: first & 0x0f, payload, size: offset + length };
}
