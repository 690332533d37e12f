import { createLineSplitter } from './line-splitter.js';
import { readChunks, type ByteStream } from './read-chunks.js';

/** One dispatched server-sent event. */
export interface SseEvent {
  /** The `event:` name, when the server gave one (absent means the default `message`). */
  event?: string;
  /** The data lines joined with `\n`. */
  data: string;
  /** The last event id seen on the stream (`id:`), which persists across events as WHATWG specifies. */
  id?: string;
  /** A `retry:` value (ms) received since the previous event. */
  retry?: number;
}

export interface SseParserOptions {
  /** Receives comment lines without the leading colon (`: keep-alive` → ` keep-alive`, DashScope `HTTP_STATUS/200`). */
  onComment?: (comment: string) => void;
}

export interface SseParser {
  /** Feeds a chunk of the stream, split anywhere (even inside a UTF-8 character). */
  push(chunk: Uint8Array | string): void;
  /** Ends the stream, dispatching a last event that had no trailing blank line. */
  end(): void;
}

/**
 * An incremental parser for `text/event-stream` following the WHATWG rules (line endings, field
 * parsing, one optional space after the colon, comments, `id` with NUL ignored, numeric `retry`).
 * One deliberate difference: at end of stream a pending event is dispatched instead of discarded,
 * because vendors and proxies often cut the final blank line and the last frame carries the finish
 * reason and usage.
 */
export function createSseParser(onEvent: (event: SseEvent) => void, options: SseParserOptions = {}): SseParser {
  let data = '';
  let hasData = false;
  let eventType = '';
  let lastEventId = '';
  let retry: number | undefined;

  function dispatch(): void {
    if (!hasData) {
      // WHATWG: an event without data lines is not dispatched.
      eventType = '';
      return;
    }
    const event: SseEvent = { data };
    if (eventType.length > 0) event.event = eventType;
    if (lastEventId.length > 0) event.id = lastEventId;
    if (retry !== undefined) event.retry = retry;
    data = '';
    hasData = false;
    eventType = '';
    retry = undefined;
    onEvent(event);
  }

  function onLine(line: string): void {
    if (line.length === 0) {
      dispatch();
      return;
    }
    if (line.charCodeAt(0) === 58 /* : */) {
      options.onComment?.(line.slice(1));
      return;
    }
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.charCodeAt(0) === 32) value = value.slice(1);
    switch (field) {
      case 'data':
        data = hasData ? `${data}\n${value}` : value;
        hasData = true;
        break;
      case 'event':
        eventType = value;
        break;
      case 'id':
        if (!value.includes('\0')) lastEventId = value;
        break;
      case 'retry':
        if (/^\d+$/.test(value)) retry = Number(value);
        break;
      default:
        // Unknown fields are ignored by the standard.
        break;
    }
  }

  const lines = createLineSplitter(onLine);
  return {
    push(chunk) {
      lines.push(chunk);
    },
    end() {
      lines.end();
      dispatch();
    },
  };
}

/**
 * Parses a response body as server-sent events, yielding each event as it completes. Accepts a
 * fetch `ReadableStream` or any async iterable of bytes or strings.
 */
export async function* parseSse(
  stream: ByteStream,
  options: SseParserOptions = {},
): AsyncGenerator<SseEvent, void, undefined> {
  const pending: SseEvent[] = [];
  const parser = createSseParser((event) => pending.push(event), options);
  for await (const chunk of readChunks(stream)) {
    parser.push(chunk);
    while (pending.length > 0) yield pending.shift() as SseEvent;
  }
  parser.end();
  while (pending.length > 0) yield pending.shift() as SseEvent;
}

/** Whether an event's data is the OpenAI-style end marker `[DONE]`. */
export function isDoneSentinel(eventOrData: SseEvent | string): boolean {
  const data = typeof eventOrData === 'string' ? eventOrData : eventOrData.data;
  return data.trim() === '[DONE]';
}
