import { createReadStream } from 'node:fs';

/** The longest dataset line accepted by default, in bytes (1 MiB): a real item is a few KB. */
export const DEFAULT_MAX_LINE_BYTES = 1024 * 1024;

/** One non-blank line of a JSONL file. */
export interface JsonlLine {
  /** 1-based, counting blank lines too, so it matches what an editor shows. */
  line: number;
  /** The line's text; empty when it was over the limit. */
  text: string;
  /** Set when the line was longer than the limit: its length in bytes. Its text was not kept. */
  overLimit?: number;
}

const LF = 0x0a;

/**
 * The non-blank lines of a file, streamed: the file is never held in memory whole, and neither is
 * a line longer than `maxLineBytes` (it is skipped to its end and reported with `overLimit`), so
 * memory stays flat whatever the file holds. Handles a UTF-8 BOM and CRLF line endings. Stream
 * errors (unreadable file) are thrown by the iterator.
 */
export async function* readJsonlLines(
  path: string,
  maxLineBytes: number = DEFAULT_MAX_LINE_BYTES,
): AsyncGenerator<JsonlLine> {
  const input = createReadStream(path, { highWaterMark: 64 * 1024 });
  let parts: Buffer[] = [];
  let bytes = 0;
  let skipping = false;
  let n = 0;
  const finish = (): JsonlLine | undefined => {
    n++;
    const line = n;
    if (skipping) {
      const length = bytes;
      parts = [];
      bytes = 0;
      skipping = false;
      return { line, text: '', overLimit: length };
    }
    let text = Buffer.concat(parts, bytes).toString('utf8');
    parts = [];
    bytes = 0;
    if (text.endsWith('\r')) text = text.slice(0, -1);
    if (line === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return text.trim() === '' ? undefined : { line, text };
  };
  const take = (segment: Buffer): void => {
    bytes += segment.length;
    if (skipping) return;
    if (bytes > maxLineBytes) {
      skipping = true;
      parts = [];
    } else if (segment.length > 0) {
      parts.push(segment);
    }
  };
  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      let from = 0;
      for (let at = chunk.indexOf(LF, from); at !== -1; at = chunk.indexOf(LF, from)) {
        take(chunk.subarray(from, at));
        const line = finish();
        if (line) yield line;
        from = at + 1;
      }
      take(chunk.subarray(from));
    }
    if (bytes > 0 || skipping) {
      const line = finish();
      if (line) yield line;
    }
  } finally {
    input.destroy();
  }
}
