import { readFileSync } from 'node:fs';
import type { AnswerSequence, ResultsFile } from '../export/results-types.js';

/**
 * The answers of a written results.json, read back from the file when (and each time) they are
 * iterated. What a finished run hands back in place of answers streamed from its row spool,
 * which is gone once the exports are written.
 */
export function answersFromFile(file: string, length: number): AnswerSequence {
  return {
    length,
    *[Symbol.iterator]() {
      yield* (JSON.parse(readFileSync(file, 'utf8')) as ResultsFile).answers;
    },
  };
}
