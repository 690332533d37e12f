import type { FakeRequestContext } from '../server-base.js';
import type { FakeUsage } from '../types.js';
import { chunkBody, usageChunkBody } from './bodies.js';
import type { ChunkParts } from './bodies.js';
import type { Exchange } from './exchange.js';
import { baseHeaders } from './response-headers.js';

/** Writes one SSE chat stream frame by frame, stopping quietly once the client has gone. */
export class OpenAIStreamWriter {
  constructor(
    private readonly ctx: FakeRequestContext,
    private readonly exchange: Exchange,
    private readonly chunkDelayMs = 0,
  ) {}

  /** Sends the headers, DeepSeek's keep-alive comments, and the first chunk (role only). */
  async begin(delayMs = 0): Promise<boolean> {
    const { res } = this.ctx;
    if (this.exchange.profile.keepAlive) {
      this.writeHead();
      res.write(': keep-alive\n\n');
      if (delayMs > 0 && !(await this.ctx.delay(delayMs))) return false;
      res.write(': keep-alive\n\n');
    } else {
      if (delayMs > 0 && !(await this.ctx.delay(delayMs))) return false;
      this.writeHead();
    }
    return this.frame({ delta: { role: 'assistant', content: '' } });
  }

  /** Sends `pieces` as content (or refusal) deltas, pausing `chunkDelayMs` between them. */
  async deltas(pieces: readonly string[], field: 'content' | 'refusal' = 'content'): Promise<boolean> {
    for (const piece of pieces) {
      if (this.chunkDelayMs > 0 && !(await this.ctx.delay(this.chunkDelayMs))) return false;
      if (!this.frame({ delta: { [field]: piece } })) return false;
    }
    return true;
  }

  /** The terminal chunk, the usage chunk when asked for, and `[DONE]`. */
  finish(finishReason: string, usage: FakeUsage, extras?: Record<string, unknown>): void {
    const inFinal = this.exchange.profile.usageInFinalChunk;
    this.frame({ delta: {}, finishReason, extras, ...(inFinal ? { usage } : {}) });
    if (this.exchange.includeUsage && !inFinal) this.data(usageChunkBody(this.exchange, usage));
    this.data('[DONE]');
    this.ctx.res.end();
  }

  /** An error object as a data frame mid-stream (how the openai SDK surfaces it: `data.error`), then the end. */
  fail(body: unknown): void {
    this.data(body);
    this.ctx.res.end();
  }

  frame(parts: ChunkParts): boolean {
    return this.data(chunkBody(this.exchange, parts));
  }

  /** Writes one `data:` frame; a string is written verbatim (sentinels, broken JSON). */
  data(payload: unknown): boolean {
    if (this.ctx.gone) return false;
    this.ctx.res.write(`data: ${typeof payload === 'string' ? payload : JSON.stringify(payload)}\n\n`);
    return true;
  }

  private writeHead(): void {
    this.ctx.res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      ...baseHeaders(this.exchange),
    });
    // Headers go out now, as a real server's do, so a client timeout cannot mistake a slow stream for a hang.
    this.ctx.res.flushHeaders();
  }
}
