import type { AnswerSequence } from '@sc-safety/results';
import { readResultsAnswers } from '../export/results-reader.js';

/**
 * The answers of a written results.json, read back from the file when (and each time) they are
 * iterated, one at a time (the file is never parsed whole). What a finished run hands back in
 * place of answers streamed from its row spool, which is gone once the exports are written.
 */
export function answersFromFile(file: string, length: number): AnswerSequence {
  return {
    length,
    [Symbol.iterator]: () => readResultsAnswers(file),
  };
}
