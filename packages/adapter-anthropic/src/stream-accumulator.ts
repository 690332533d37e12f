/**
 * Assembles streamed Messages events into the message a non-streamed call would have returned:
 * `message_start` gives the shell, deltas the text (and thinking), `message_delta` the stop reason,
 * stop details and final usage. `complete` turns true only on `message_stop`.
 */
export class StreamAccumulator {
  private shell: Record<string, unknown> = {};
  private readonly blocks = new Map<number, { type: string; text: string }>();
  private stop: Record<string, unknown> = {};
  private usage: Record<string, unknown> = {};
  /** How many events arrived. */
  eventCount = 0;
  /** Whether `message_stop` arrived. */
  complete = false;

  add(event: unknown): void {
    if (typeof event !== 'object' || event === null) return;
    this.eventCount++;
    const e = event as Record<string, unknown>;
    switch (e.type) {
      case 'message_start': {
        const message = isRecord(e.message) ? e.message : {};
        this.shell = message;
        if (isRecord(message.usage)) this.usage = { ...message.usage };
        return;
      }
      case 'content_block_start': {
        const block = isRecord(e.content_block) ? e.content_block : {};
        const type = typeof block.type === 'string' ? block.type : 'unknown';
        const initial = type === 'thinking' ? block.thinking : block.text;
        this.blocks.set(indexOf(e), { type, text: typeof initial === 'string' ? initial : '' });
        return;
      }
      case 'content_block_delta': {
        const delta = isRecord(e.delta) ? e.delta : {};
        const index = indexOf(e);
        const block = this.blocks.get(index) ?? {
          type: delta.type === 'thinking_delta' ? 'thinking' : 'text',
          text: '',
        };
        if (delta.type === 'text_delta' && typeof delta.text === 'string') block.text += delta.text;
        else if (delta.type === 'thinking_delta' && typeof delta.thinking === 'string') block.text += delta.thinking;
        this.blocks.set(index, block);
        return;
      }
      case 'message_delta': {
        if (isRecord(e.delta)) this.stop = { ...this.stop, ...e.delta };
        // message_delta usage is cumulative; fields it leaves out keep their message_start values.
        if (isRecord(e.usage)) {
          for (const [key, value] of Object.entries(e.usage))
            if (value !== null && value !== undefined) this.usage[key] = value;
        }
        return;
      }
      case 'message_stop':
        this.complete = true;
        return;
      default:
        return;
    }
  }

  /** The text streamed so far (text blocks only). */
  get text(): string {
    let text = '';
    for (const block of this.sortedBlocks()) if (block.type === 'text') text += block.text;
    return text;
  }

  /** The assembled message, shaped like a non-streamed response body. */
  toMessage(): Record<string, unknown> {
    const content = this.sortedBlocks().map((b) =>
      b.type === 'thinking'
        ? { type: 'thinking', thinking: b.text }
        : b.type === 'text'
          ? { type: 'text', text: b.text }
          : { type: b.type },
    );
    return {
      ...this.shell,
      content,
      stop_reason: this.stop.stop_reason ?? null,
      stop_sequence: this.stop.stop_sequence ?? null,
      stop_details: this.stop.stop_details ?? null,
      usage: this.usage,
    };
  }

  private sortedBlocks(): Array<{ type: string; text: string }> {
    return [...this.blocks.entries()].sort(([a], [b]) => a - b).map(([, block]) => block);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function indexOf(event: Record<string, unknown>): number {
  return typeof event.index === 'number' ? event.index : 0;
}
