import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

/** One non-blank line of a JSONL file. */
export interface JsonlLine {
  /** 1-based, counting blank lines too, so it matches what an editor shows. */
  line: number;
  text: string;
}

/**
 * The non-blank lines of a file, streamed: the file is never held in memory whole. Handles a
 * UTF-8 BOM and CRLF line endings. Stream errors (unreadable file) are thrown by the iterator.
 */
export async function* readJsonlLines(path: string): AsyncGenerator<JsonlLine> {
  const input = createReadStream(path, { encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Infinity });
  let failure: unknown;
  // readline does not always forward input errors to its iterator; capture them ourselves.
  input.on('error', (error) => {
    failure = error;
    lines.close();
  });
  let n = 0;
  try {
    for await (const raw of lines) {
      n++;
      const text = n === 1 && raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
      if (text.trim() === '') continue;
      yield { line: n, text };
    }
  } finally {
    lines.close();
    input.destroy();
  }
  if (failure !== undefined) throw failure;
}
