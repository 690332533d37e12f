/** Incremental line splitter shared by the SSE and NDJSON parsers. */
export interface LineSplitter {
  /** Feeds a chunk; calls `onLine` for every line it completes. */
  push(chunk: Uint8Array | string): void;
  /** Flushes the decoder and emits a final unterminated line, if any. */
  end(): void;
}

/**
 * Splits text into lines on LF, CRLF or a lone CR, across chunk boundaries. Bytes are decoded as
 * UTF-8 in streaming mode so a character split between chunks is not mangled; a leading BOM is
 * dropped as the event-stream format requires.
 */
export function createLineSplitter(onLine: (line: string) => void): LineSplitter {
  const decoder = new TextDecoder('utf-8');
  let buffer = '';
  // A CR ending one chunk may be the first half of a CRLF split across chunks.
  let skipLeadingLf = false;
  let first = true;

  function feed(text: string): void {
    if (first && text.length > 0) {
      first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (skipLeadingLf && text.length > 0) {
      skipLeadingLf = false;
      if (text[0] === '\n') text = text.slice(1);
    }
    buffer += text;
    let start = 0;
    for (let i = 0; i < buffer.length; i++) {
      const ch = buffer.charCodeAt(i);
      if (ch !== 10 && ch !== 13) continue;
      onLine(buffer.slice(start, i));
      if (ch === 13) {
        if (i + 1 < buffer.length) {
          if (buffer.charCodeAt(i + 1) === 10) i++;
        } else {
          skipLeadingLf = true;
        }
      }
      start = i + 1;
    }
    buffer = buffer.slice(start);
  }

  return {
    push(chunk) {
      feed(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    },
    end() {
      feed(decoder.decode());
      if (buffer.length > 0) {
        const rest = buffer;
        buffer = '';
        onLine(rest);
      }
    },
  };
}
