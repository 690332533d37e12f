import { readResultsPieces, type ReadResultsOptions, type ResultsHeader } from './results-reader.js';
import type { ResultsAnswer, ResultsModel } from '@sc-safety/results';
import { validateResultsFile } from '@sc-safety/results';
import { toUtf8Bytes } from './utf8-byte-strings.js';

/** Answers checked per call of the validator: enough to make its per-call cost vanish, few enough to stay small. */
const BATCH = 2_000;

/** What {@link checkResultsFile} found: the file's fields but answers, its answer count, and its problems. */
export interface CheckedResultsFile {
  header: ResultsHeader;
  answerCount: number;
  /** As {@link validateResultsFile} words them (answers named by their position in the file); empty when usable. */
  problems: string[];
}

/**
 * Validates a results.json the way {@link validateResultsFile} does, reading it with the streaming
 * reader: one pass, at most a batch of answers in memory. Answers are checked in batches against
 * the fields read before them (the writer puts `models` first); the other fields are checked once,
 * at the end, when all of them have been read. Problems stop at `maxProblems`.
 *
 *
 * With `answerStrings: 'utf8-bytes'` the answers (and `onAnswer`) come as UTF-8 byte strings, checked
 * against the models' ids as byte strings; a file with any problem is then read again as text, without
 * `onAnswer`, so the problems are worded (and found) exactly as the text check words them.
 *
 * @throws {import('./results-reader.js').ResultsReadError} when the file is not JSON.
 */
export function checkResultsFile(
  file: string,
  options: ReadResultsOptions & { maxProblems?: number; onAnswer?: (answer: ResultsAnswer) => void } = {},
): CheckedResultsFile {
  const maxProblems = options.maxProblems ?? 100;
  const utf8Bytes = options.answerStrings === 'utf8-bytes';
  const header: Record<string, unknown> = {};
  const problems: string[] = [];
  let batch: ResultsAnswer[] = [];
  let offset = 0;
  let sawAnswers = false;
  // What the answers are checked against: the fields read so far, the model ids in the answers' form.
  const withAnswers = (answers: ResultsAnswer[]) =>
    utf8Bytes && Array.isArray(header.models)
      ? { ...header, models: (header.models as ResultsModel[]).map(bytesId), answers }
      : { ...header, answers };
  const checkBatch = () => {
    if (problems.length < maxProblems) {
      const found = validateResultsFile(withAnswers(batch), {
        maxProblems: maxProblems - problems.length,
        answerIndexOffset: offset,
      });
      problems.push(...found.filter((p) => p.startsWith('answers[')));
    }
    offset += batch.length;
    batch = [];
  };
  let answerCount = 0;
  for (const piece of readResultsPieces(file, { answerStrings: options.answerStrings })) {
    if (piece.kind === 'field') header[piece.key] = piece.value;
    else if (piece.kind === 'answers') sawAnswers = true;
    else {
      answerCount++;
      options.onAnswer?.(piece.value);
      batch.push(piece.value);
      if (batch.length >= BATCH) checkBatch();
    }
  }
  // The last answers with every field read, and the fields themselves (and a missing `answers`).
  problems.push(
    ...validateResultsFile(sawAnswers ? withAnswers(batch) : header, {
      maxProblems,
      answerIndexOffset: offset,
    }),
  );
  if (utf8Bytes && problems.length > 0) return checkResultsFile(file, { maxProblems });
  return { header: header as ResultsHeader, answerCount, problems: problems.slice(0, maxProblems) };
}

/** A model entry with its id as a UTF-8 byte string (other fields as they are). */
function bytesId(model: ResultsModel): ResultsModel {
  return typeof model?.id === 'string' ? { ...model, id: toUtf8Bytes(model.id) } : model;
}
