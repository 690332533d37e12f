import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/** The server side of one WebSocket (RFC 6455, text frames only), enough for a fake vendor. */
export interface WsServerSocket {
  /** Resolves with the first text message the client sends. */
  firstMessage(): Promise<string>;
  sendText(text: string): void;
  /** Sends a close frame, then ends the connection. */
  close(): void;
  /** Ends the TCP connection without a close frame (a dropped stream). */
  drop(): void;
  readonly gone: boolean;
}

/** Completes the handshake on an upgrade request and returns the socket. */
export function acceptWebSocket(req: IncomingMessage, socket: Duplex, head: Buffer): WsServerSocket {
  const key = req.headers['sec-websocket-key'] ?? '';
  const accept = createHash('sha1')
    .update(key + GUID)
    .digest('base64');
  socket.write(
    `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
  );
  let buffer = head;
  let gone = false;
  const waiting: ((text: string) => void)[] = [];
  const received: string[] = [];
  socket.on('close', () => {
    gone = true;
  });
  socket.on('error', () => {
    gone = true;
  });
  socket.on('data', (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (let frame = decode(buffer); frame !== undefined; frame = decode(buffer)) {
      buffer = buffer.subarray(frame.size);
      if (frame.opcode === 0x8) {
        socket.end();
        return;
      }
      if (frame.opcode === 0x1) {
        const text = frame.payload.toString('utf8');
        const resolve = waiting.shift();
        if (resolve) resolve(text);
        else received.push(text);
      }
    }
  });
  return {
    firstMessage: () => {
      const ready = received.shift();
      return ready !== undefined ? Promise.resolve(ready) : new Promise((resolve) => waiting.push(resolve));
    },
    sendText: (text) => {
      if (!gone) socket.write(encode(0x1, Buffer.from(text, 'utf8')));
    },
    close: () => {
      if (gone) return;
      socket.write(encode(0x8, Buffer.from([0x03, 0xe8])));
      socket.end();
    },
    drop: () => {
      socket.end();
    },
    get gone() {
      return gone;
    },
  };
}

function encode(opcode: number, payload: Buffer): Buffer {
  const length = payload.length;
  const header =
    length < 126 ? Buffer.from([0x80 | opcode, length]) : length < 65_536 ? Buffer.alloc(4) : Buffer.alloc(10);
  if (length >= 126 && length < 65_536) {
    header[0] = 0x80 | opcode;
    header[1] = 126;
    header.writeUInt16BE(length, 2);
  } else if (length >= 65_536) {
    header[0] = 0x80 | opcode;
    header[1] = 127;
    header.writeBigUInt64BE(BigInt(length), 2);
  }
  return Buffer.concat([header, payload]);
}

function decode(buffer: Buffer): { opcode: number; payload: Buffer; size: number } | undefined {
  if (buffer.length < 2) return undefined;
  let length = (buffer[1] as number) & 0x7f;
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
  const masked = ((buffer[1] as number) & 0x80) !== 0;
  const mask = masked ? buffer.subarray(offset, offset + 4) : undefined;
  if (masked) offset += 4;
  if (buffer.length < offset + length) return undefined;
  const payload = Buffer.from(buffer.subarray(offset, offset + length));
  if (mask) for (let i = 0; i < payload.length; i++) payload[i] = (payload[i] as number) ^ (mask[i % 4] as number);
  return { opcode: (buffer[0] as number) & 0x0f, payload, size: offset + length };
}
