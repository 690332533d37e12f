import type { FakeRequestContext } from '../server-base.js';
import type { FakeUsage } from '../types.js';
import { messageDeltaEvent, messageStartEvent } from './bodies.js';
import type { AnthropicExchange } from './exchange.js';

/**
 * Writes one Messages stream as named SSE events (`event: <type>` + `data: <json>`), the order the
 * API uses: message_start, content_block_start, ping, content_block_delta…, content_block_stop,
 * message_delta, message_stop. Stops quietly once the client has gone.
 */
export class AnthropicStreamWriter {
  private blockOpen = false;

  constructor(
    private readonly ctx: FakeRequestContext,
    private readonly exchange: AnthropicExchange,
    private readonly chunkDelayMs = 0,
  ) {}

  /** Sends the headers and `message_start` (whose usage carries the input tokens and a placeholder 1 output token). */
  async begin(delayMs = 0, inputTokens = this.exchange.inputTokens): Promise<boolean> {
    if (delayMs > 0 && !(await this.ctx.delay(delayMs))) return false;
    this.ctx.res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      'request-id': this.exchange.requestId,
    });
    // Headers go out now, as a real server's do, so a client timeout cannot mistake a slow stream for a hang.
    this.ctx.res.flushHeaders();
    return this.event('message_start', messageStartEvent(this.exchange, inputTokens));
  }

  /** Opens text block 0 and sends a `ping`, as the API does after the first block starts. */
  openText(): boolean {
    this.blockOpen = true;
    return (
      this.event('content_block_start', {
        type: 'content_block_start',
        index: 0,
        content_block: { type: 'text', text: '' },
      }) && this.ping()
    );
  }

  ping(): boolean {
    return this.event('ping', { type: 'ping' });
  }

  /** Sends `pieces` as `text_delta`s of block 0 (opening it first), pausing `chunkDelayMs` between them. */
  async deltas(pieces: readonly string[]): Promise<boolean> {
    for (const piece of pieces) {
      if (!this.blockOpen && !this.openText()) return false;
      if (this.chunkDelayMs > 0 && !(await this.ctx.delay(this.chunkDelayMs))) return false;
      if (
        !this.event('content_block_delta', {
          type: 'content_block_delta',
          index: 0,
          delta: { type: 'text_delta', text: piece },
        })
      )
        return false;
    }
    return true;
  }

  /** Closes the open block, then `message_delta` (stop reason, usage) and `message_stop`, and ends the body. */
  finish(stopReason: string, usage: FakeUsage, stopDetails: Record<string, unknown> | null = null): void {
    if (this.blockOpen) this.event('content_block_stop', { type: 'content_block_stop', index: 0 });
    this.blockOpen = false;
    this.event('message_delta', messageDeltaEvent(stopReason, usage, stopDetails));
    this.event('message_stop', { type: 'message_stop' });
    this.ctx.res.end();
  }

  /** An `event: error` frame after a 200 (how the API reports overload mid-stream), then the end. */
  fail(body: Record<string, unknown>): void {
    this.event('error', body);
    this.ctx.res.end();
  }

  /** Writes one named event; a string payload is written verbatim (broken JSON). */
  event(name: string, payload: unknown): boolean {
    if (this.ctx.gone) return false;
    this.ctx.res.write(`event: ${name}\ndata: ${typeof payload === 'string' ? payload : JSON.stringify(payload)}\n\n`);
    return true;
  }
}
