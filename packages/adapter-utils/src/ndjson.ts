import { InvalidResponseError } from '@sc-safety/spec';
import { createLineSplitter } from './line-splitter.js';
import { readChunks, type ByteStream } from './read-chunks.js';
import { redactBody } from './redact.js';
import { safeParseJson } from './safe-json.js';

export interface ParseNdjsonOptions {
  /** Names the stream in error messages, e.g. `Ollama /api/chat stream`. */
  context?: string;
  /** Secret values to keep out of error messages. */
  secrets?: readonly (string | undefined)[];
}

/**
 * Parses newline-delimited JSON (Ollama's `application/x-ndjson`), yielding one value per line.
 * Blank lines are skipped, CRLF is accepted and a last line without a newline is still read. A line
 * that is not JSON throws `InvalidResponseError` naming the line number and a redacted snippet.
 */
export async function* parseNdjson<T = unknown>(
  stream: ByteStream,
  options: ParseNdjsonOptions = {},
): AsyncGenerator<T, void, undefined> {
  const lines: string[] = [];
  const splitter = createLineSplitter((line) => lines.push(line));
  let lineNumber = 0;
  const context = options.context ?? 'NDJSON stream';

  function* drain(): Generator<T> {
    while (lines.length > 0) {
      const line = lines.shift() as string;
      lineNumber++;
      if (line.trim().length === 0) continue;
      const result = safeParseJson<T>(line, options.secrets === undefined ? {} : { secrets: options.secrets });
      if (!result.success) {
        throw new InvalidResponseError({
          message: `${context}: line ${lineNumber} is not valid JSON: ${result.error.message}. Line: ${result.error.snippet}`,
          body: redactBody(line, options.secrets ?? []),
        });
      }
      yield result.value;
    }
  }

  for await (const chunk of readChunks(stream)) {
    splitter.push(chunk);
    yield* drain();
  }
  splitter.end();
  yield* drain();
}
