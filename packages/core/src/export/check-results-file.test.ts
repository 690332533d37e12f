import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkResultsFile } from './check-results-file.js';
import { ResultsReadError } from './results-reader.js';
import { toUtf8Bytes } from './utf8-byte-strings.js';
import { validateResultsFile } from '@sc-safety/results';
import { asJson, fixtureResults } from './__fixtures__/results-file.js';
import type { Json } from './__fixtures__/results-file.js';

const good = asJson(fixtureResults({ scoring: { bootstrap: { iterations: 50 } } }));
const dir = mkdtempSync(path.join(tmpdir(), 'sc-check-results-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const write = (value: unknown): string => {
  const file = path.join(dir, `r${++n}.json`);
  writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  return file;
};

/** `count` answers: the good file's repeated, so the checker goes through several batches. */
function many(count: number): Json {
  const answers = Array.from({ length: count }, (_, i) => ({
    ...good.answers[i % good.answers.length],
    itemId: `x-${i}`,
  }));
  return { ...good, answers };
}

describe('checkResultsFile', () => {
  it('accepts a built file and returns its fields and answer count, seeing every answer once', () => {
    const seen: string[] = [];
    const checked = checkResultsFile(write(good), { onAnswer: (a) => seen.push(a.itemId) });
    const { answers, ...header } = good;
    expect(checked).toEqual({ header, answerCount: answers.length, problems: [] });
    expect(seen).toEqual((answers as Json[]).map((a) => a.itemId));
  });

  it('finds what validateResultsFile finds, naming answers by their place in the whole file', () => {
    const big = many(4_500);
    big.answers[10].round = 3;
    big.answers[4_321].model = 'nobody';
    delete big.leaderboard;
    const expected = validateResultsFile(big);
    expect(expected).toEqual(
      expect.arrayContaining([
        'answers[10].round: expected one of 1, 2, got 3',
        'answers[4321].model: "nobody" is not in models',
      ]),
    );
    expect([...checkResultsFile(write(big)).problems].sort()).toEqual([...expected].sort());
    expect(checkResultsFile(write(big), { maxProblems: 1 }).problems).toHaveLength(1);
  });

  it('says when answers are missing, and when the file is not JSON', () => {
    const { answers: _answers, ...noAnswers } = good;
    expect(checkResultsFile(write(noAnswers)).problems).toEqual(validateResultsFile(noAnswers));
    expect(checkResultsFile(write({ ...good, answers: [] })).problems).toEqual([]);
    expect(() => checkResultsFile(write('{"format": '))).toThrow(ResultsReadError);
  });

  it('checks answers read as UTF-8 byte strings as it checks text, wording problems from the text', () => {
    // Model ids and item ids that are not ASCII: the byte strings must match the models' ids all the same.
    const id = (good.models as Json[])[0]!.id as string;
    const cjk = JSON.parse(JSON.stringify(many(2_500)).replaceAll(`"${id}"`, '"模型-甲😀"')) as Json;
    cjk.answers = (cjk.answers as Json[]).map((a, i) => ({ ...a, itemId: `题-${i}` }));
    const seen: string[] = [];
    const checked = checkResultsFile(write(cjk), { answerStrings: 'utf8-bytes', onAnswer: (a) => seen.push(a.itemId) });
    expect(checked).toEqual(checkResultsFile(write(cjk)));
    expect(checked.problems).toEqual([]);
    expect(seen).toEqual((cjk.answers as Json[]).map((a) => toUtf8Bytes(a.itemId as string)));
    const bad = structuredClone(cjk);
    bad.answers[2_321].model = '无人';
    bad.answers[10].round = 3;
    const problems = checkResultsFile(write(bad), { answerStrings: 'utf8-bytes' }).problems;
    expect(problems).toEqual(checkResultsFile(write(bad)).problems);
    expect(problems).toContain('answers[2321].model: "无人" is not in models');
  });
});
