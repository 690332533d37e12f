import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { DatasetError } from '../dataset/errors.js';
import { IssueCollector, describeValue } from '../dataset/issues.js';
import { cannotReadMessage, lineObject, parseJsonLine, textField } from './json-lines.js';

/**
 * One human rating of one answer of a run. The answer is named by its content address
 * (`answerKey`, as in results.json) or by model, item and round.
 */
export interface HumanLabel {
  line: number;
  answerKey?: string;
  model?: string;
  itemId?: string;
  round?: 1 | 2;
  rater: string;
  score: number;
}

export interface LabelFile {
  file: string;
  sha256: string;
  labels: HumanLabel[];
}

const FIELDS = ['answerKey', 'model', 'itemId', 'round', 'rater', 'score', 'note'];

/**
 * Reads a human label file (docs/calibration.md): JSONL, one rating per line,
 * `{"answerKey": "…", "rater": "r1", "score": 2}` or `{"model": "…", "itemId": "…", "round": 1,
 * "rater": "r1", "score": 2}`; an optional `note` is ignored. Reports every problem with its line.
 *
 * @throws DatasetError listing every problem.
 */
export async function readLabelFile(path: string, shown: string): Promise<LabelFile> {
  const issues = new IssueCollector(shown);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    issues.error(undefined, undefined, cannotReadMessage('label file', error));
    throw new DatasetError(issues.issues);
  }
  const labels: HumanLabel[] = [];
  const seen = new Map<string, number>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    const source = i === 0 ? raw.replace(/^\uFEFF/, '') : raw;
    if (source.trim() === '') return;
    const parsed = parseJsonLine(source, line, issues, 'rating object');
    if (parsed === undefined) return;
    const label = readLabel(parsed.value, line, issues);
    if (label === undefined) return;
    const who = `${label.rater}\u0000${label.answerKey ?? `${label.model}\u0000${label.itemId}\u0000${label.round}`}`;
    const first = seen.get(who);
    if (first !== undefined) {
      issues.error(
        { line },
        'rater',
        `rater "${label.rater}" already rated this answer on line ${first}; keep one rating per rater and answer`,
      );
      return;
    }
    seen.set(who, line);
    labels.push(label);
  });
  if (!issues.hasErrors && labels.length === 0)
    issues.error(undefined, undefined, 'no ratings in the file; write one JSON object per line');
  issues.finish();
  if (issues.hasErrors) throw new DatasetError(issues.issues, { omitted: issues.omitted });
  return { file: shown, sha256: `sha256:${createHash('sha256').update(text).digest('hex')}`, labels };
}

function readLabel(parsed: unknown, line: number, issues: IssueCollector): HumanLabel | undefined {
  const value = lineObject(parsed, line, issues, 'an object like {"answerKey": "…", "rater": "r1", "score": 2}');
  if (value === undefined) return undefined;
  const at = { line };
  const before = issues.errorCount;
  const str = (field: string): string | undefined => textField(value, field, line, issues);
  const answerKey = str('answerKey');
  const model = str('model');
  const itemId = str('itemId');
  const rater = str('rater');
  if (value.rater === undefined) issues.error(at, 'rater', 'missing; name who gave the rating (e.g. "r1")');
  const score = value.score;
  if (score !== 0 && score !== 1 && score !== 2)
    issues.error(at, 'score', `expected 0, 1 or 2, got ${describeValue(score)}`);
  const round = value.round;
  if (answerKey === undefined) {
    if (
      value.answerKey === undefined &&
      (model === undefined || itemId === undefined || (round !== 1 && round !== 2))
    ) {
      issues.error(
        at,
        'answerKey',
        'name the answer: "answerKey" (from results.json), or "model", "itemId" and "round" (1 or 2)',
      );
    }
  } else if (model !== undefined || itemId !== undefined || round !== undefined) {
    issues.error(at, 'answerKey', 'give either "answerKey" or "model" + "itemId" + "round", not both');
  }
  for (const key of Object.keys(value)) {
    if (!FIELDS.includes(key)) issues.warn(at, key, `unknown field ignored; a rating has ${FIELDS.join(', ')}`);
  }
  if (issues.errorCount !== before || rater === undefined) return undefined;
  const label: HumanLabel = { line, rater, score: score as number };
  if (answerKey !== undefined) label.answerKey = answerKey;
  else Object.assign(label, { model, itemId, round: round as 1 | 2 });
  return label;
}
