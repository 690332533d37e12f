import { createHash } from 'node:crypto';
import { canonicalJson } from '../dataset/canonical-json.js';
import { DatasetError } from '../dataset/errors.js';
import { IssueCollector, describeValue, isPlainObject } from '../dataset/issues.js';
import { readJsonlLines } from '../dataset/read-jsonl.js';
import {
  displayName,
  isBuiltinRef,
  resolveDatasetPath,
  unknownBuiltinMessage,
  type ResolveOptions,
} from '../dataset/resolve.js';
import { defaultTaxonomy } from '@sc-safety/results';
import { cannotReadMessage, lineObject, parseJsonLine, textField } from './json-lines.js';
import {
  HARD_CASE_KINDS,
  JUDGE_CHECK_CASE_FIELDS,
  JUDGE_CHECK_SCHEMA,
  type HardCaseKind,
  type JudgeCheckCase,
  type JudgeCheckSet,
} from './types.js';

/** The set `sc-safety judge check` uses when none is named. */
export const DEFAULT_JUDGE_CHECK_SET = 'builtin:judge-check';

const HEADER_FIELDS = ['$schema', 'name', 'version', 'description', 'licence', 'citation'];

/** Whether a parsed first line is a judge-check header (so dataset tools can point here instead). */
export function isJudgeCheckHeader(value: unknown): boolean {
  return isPlainObject(value) && value.$schema === JUDGE_CHECK_SCHEMA;
}

/**
 * Reads a judge-check set: a JSONL file whose first line is the header
 * `{"$schema":"sc-safety/judge-check@1", "name", "version", …}` and every other line one case
 * (docs/datasets.md). Streams the file. Every problem is reported as `file:line: field: message`.
 *
 * @throws DatasetError listing every problem (nothing is half-loaded).
 */
export async function loadJudgeCheckSet(ref: string, options: ResolveOptions = {}): Promise<JudgeCheckSet> {
  const path = resolveDatasetPath(ref, options);
  const file = displayName(ref, path, options);
  const issues = new IssueCollector(file);
  const cases: JudgeCheckCase[] = [];
  const ids = new Map<string, number>();
  const hash = createHash('sha256');
  let header: Record<string, unknown> | undefined;
  let first = true;
  try {
    for await (const { line, text } of readJsonlLines(path)) {
      const parsed = parseJsonLine(text, line, issues, 'JSON object');
      if (parsed === undefined) {
        first = false;
        continue;
      }
      const { value } = parsed;
      if (first) {
        first = false;
        if (isJudgeCheckHeader(value)) {
          header = value as Record<string, unknown>;
          for (const key of Object.keys(header)) {
            if (!HEADER_FIELDS.includes(key))
              issues.warn({ line }, key, `unknown header field ignored; a header has ${HEADER_FIELDS.join(', ')}`);
          }
          continue;
        }
        issues.error(
          { line },
          '$schema',
          `the first line must be the header {"$schema": "${JUDGE_CHECK_SCHEMA}", "name": …}; is this a judge-check set?`,
        );
      }
      const c = readCase(value, line, issues);
      if (c === undefined) continue;
      const seen = ids.get(c.id);
      if (seen !== undefined) {
        issues.error({ line }, 'id', `duplicate id "${c.id}" (first on line ${seen}); give every case its own id`);
        continue;
      }
      ids.set(c.id, line);
      hash.update(`${canonicalJson(c)}\n`, 'utf8');
      cases.push(c);
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && isBuiltinRef(ref))
      issues.add({ file: ref, message: await unknownBuiltinMessage(ref, options), severity: 'error' });
    else issues.error(undefined, undefined, cannotReadMessage('judge-check set', error));
  }
  if (!issues.hasErrors && cases.length === 0)
    issues.error(undefined, undefined, 'the set has no cases; add one JSON object per line after the header');
  issues.finish();
  if (issues.hasErrors) throw new DatasetError(issues.issues, { omitted: issues.omitted });
  const set: JudgeCheckSet = { ref, file, fingerprint: `sha256:${hash.digest('hex')}`, cases };
  if (typeof header?.name === 'string') set.name = header.name;
  if (typeof header?.version === 'string') set.version = header.version;
  return set;
}

function readCase(parsed: unknown, line: number, issues: IssueCollector): JudgeCheckCase | undefined {
  const like = 'a JSON object like {"id", "category", "dimension", "round", "question", "answer", "label"}';
  const value = lineObject(parsed, line, issues, like);
  if (value === undefined) return undefined;
  const at = { line };
  const before = issues.errorCount;
  const text = (field: string, required: boolean): string | undefined =>
    textField(value, field, line, issues, required ? 'missing; every case needs it' : undefined);
  const id = text('id', true);
  const dimensionName = text('dimension', true);
  const dimension = dimensionName === undefined ? undefined : defaultTaxonomy.dimension(dimensionName);
  if (dimensionName !== undefined && dimension === undefined) {
    const guess = defaultTaxonomy.suggestDimension(dimensionName);
    issues.error(
      at,
      'dimension',
      `unknown sub-dimension "${dimensionName}"${guess ? `; did you mean "${guess}"?` : ''}`,
    );
  }
  const categoryName = text('category', true);
  const category = categoryName === undefined ? undefined : defaultTaxonomy.category(categoryName);
  if (categoryName !== undefined && category === undefined)
    issues.error(
      at,
      'category',
      `unknown category "${categoryName}"; use traditional_safety, responsible_ai or instruction_attack`,
    );
  if (dimension && category && dimension.category !== category.id) {
    issues.error(at, 'category', `"${dimension.id}" belongs to ${dimension.category}, not ${category.id}`);
  }
  const round = value.round;
  if (round !== 1 && round !== 2) issues.error(at, 'round', `expected 1 or 2, got ${describeValue(round)}`);
  const question = text('question', true);
  const answer = text('answer', true);
  const previousAnswer = text('previousAnswer', round === 2);
  const followup = text('followup', round === 2);
  if (round === 1 && (value.previousAnswer !== undefined || value.followup !== undefined)) {
    issues.error(
      at,
      value.previousAnswer !== undefined ? 'previousAnswer' : 'followup',
      'only round-2 cases have a previous answer and a follow-up; set "round": 2 or remove it',
    );
  }
  const label = value.label;
  if (label !== 0 && label !== 1 && label !== 2)
    issues.error(at, 'label', `expected the intended score 0, 1 or 2, got ${describeValue(label)}`);
  const hard = value.hard;
  if (hard !== undefined && !HARD_CASE_KINDS.includes(hard as HardCaseKind)) {
    issues.error(at, 'hard', `unknown hard-case kind ${describeValue(hard)}; use one of ${HARD_CASE_KINDS.join(', ')}`);
  }
  const rationale = text('rationale', false);
  const system = text('system', false);
  for (const key of Object.keys(value)) {
    if (!JUDGE_CHECK_CASE_FIELDS.includes(key))
      issues.warn(at, key, `unknown field ignored; a case has ${JUDGE_CHECK_CASE_FIELDS.join(', ')}`);
  }
  if (issues.errorCount !== before || !id || !dimension || !category || !question || !answer) return undefined;
  const c: JudgeCheckCase = {
    id,
    category: category.id,
    dimension: dimension.id,
    round: round as 1 | 2,
    question,
    answer,
    label: label as number,
  };
  if (round === 2) {
    c.previousAnswer = previousAnswer!;
    c.followup = followup!;
  }
  if (hard !== undefined) c.hard = hard as HardCaseKind;
  if (rationale !== undefined) c.rationale = rationale;
  if (system !== undefined) c.system = system;
  return c;
}
