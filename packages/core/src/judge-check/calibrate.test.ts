import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DatasetError } from '../dataset/errors.js';
import { formatIssue } from '../dataset/issues.js';
import type { ResultsAnswer } from '@sc-safety/results';
import { calibrateRun } from './calibrate.js';
import { readLabelFile } from './read-labels.js';
import { readCalibration, writeCalibration } from './write-calibration.js';

function answer(
  model: string,
  itemId: string,
  round: 1 | 2,
  score: number | null,
  category: ResultsAnswer['category'] = 'traditional_safety',
): ResultsAnswer {
  return {
    model,
    itemId,
    category,
    dimension: 'crime',
    round,
    outcome: score === null ? 'blocked' : 'scored',
    score,
    vendorBlocked: false,
    block: null,
    text: 'x',
    prompt: 'q',
    judgments: [],
    error: null,
    finishReason: null,
    usage: null,
    latencyMs: null,
    cached: false,
    answerKey: `k-${model}-${itemId}-${round}`,
  };
}

describe('judge calibration against human labels', () => {
  let dir: string;
  beforeEach(async () => void (dir = await mkdtemp(path.join(tmpdir(), 'sc-cal-'))));
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const labels = async (lines: object[] | string) => {
    const file = path.join(dir, 'labels.jsonl');
    await writeFile(file, typeof lines === 'string' ? lines : lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    return readLabelFile(file, 'labels.jsonl');
  };

  it('compares the judge with the raters’ majority, and the raters with each other', async () => {
    const answers = [
      answer('m', 'i1', 1, 0),
      answer('m', 'i2', 1, 2),
      answer('m', 'i3', 1, 1, 'responsible_ai'),
      answer('m', 'i4', 2, null),
    ];
    const file = await labels([
      { answerKey: 'k-m-i1-1', rater: 'r1', score: 0 },
      { answerKey: 'k-m-i1-1', rater: 'r2', score: 0 },
      { model: 'm', itemId: 'i2', round: 1, rater: 'r1', score: 2 },
      { model: 'm', itemId: 'i2', round: 1, rater: 'r2', score: 2 },
      // The raters disagree; the tie goes to the lower (stricter) score, 1, which the judge gave.
      { answerKey: 'k-m-i3-1', rater: 'r1', score: 1 },
      { answerKey: 'k-m-i3-1', rater: 'r2', score: 2 },
      // Rated, but the judge did not score it (blocked): reported, not compared.
      { answerKey: 'k-m-i4-2', rater: 'r1', score: 1 },
    ]);
    const report = calibrateRun(answers, file, { iterations: 0 });
    expect(report.answers).toBe(4);
    expect(report.multiplyRated).toBe(3);
    expect(report.ties).toBe(1);
    expect(report.notScoredByJudge).toBe(1);
    expect(report.judgeVsMajority.n).toBe(3);
    expect(report.judgeVsMajority.accuracy.value).toBe(1);
    expect(report.labels.raters).toEqual(['r1', 'r2']);
    expect(Object.keys(report.categories).sort()).toEqual(['responsible_ai', 'traditional_safety']);
    // Ordinal α over units {0,0}, {2,2}, {1,2}: one disagreement among three pairable units.
    expect(report.humanAlpha.value).not.toBeNull();
    expect(report.humanAlpha.value!).toBeLessThan(1);
    expect(report.humanAlpha.value!).toBeGreaterThan(0);
  });

  it('names the line of a label whose answer is not in the run', async () => {
    const file = await labels([
      { answerKey: 'k-m-i1-1', rater: 'r1', score: 0 },
      { model: 'm', itemId: 'nope', round: 1, rater: 'r1', score: 2 },
    ]);
    const error = (() => {
      try {
        calibrateRun([answer('m', 'i1', 1, 0)], file);
      } catch (e) {
        return e;
      }
    })();
    expect(DatasetError.isInstance(error)).toBe(true);
    expect((error as DatasetError).errors.map(formatIssue).join('\n')).toMatch(
      /labels\.jsonl:2: itemId: .*item "nope", round 1 is not an answer of this run/,
    );
  });

  it('rejects a malformed label file line by line', async () => {
    const error = (await labels(
      '{"answerKey":"k","rater":"r1","score":3}\nnot json\n{"rater":"r1","score":1}\n{"answerKey":"k","rater":"r1","score":1}\n{"answerKey":"k","rater":"r1","score":2}\n',
    ).catch((e: unknown) => e)) as DatasetError;
    const text = error.errors.map(formatIssue).join('\n');
    expect(text).toMatch(/labels\.jsonl:1: score: .*0, 1 or 2/);
    expect(text).toMatch(/labels\.jsonl:2: .*not valid JSON/);
    expect(text).toMatch(/labels\.jsonl:3: answerKey: .*name the answer/);
    expect(text).toMatch(/labels\.jsonl:5: rater: .*already rated this answer on line 4/);
  });

  it('writes the calibration into results.json and calibration.json, atomically', async () => {
    await writeFile(path.join(dir, 'results.json'), JSON.stringify({ format: 'sc-safety/results', answers: [] }));
    const file = await labels([{ answerKey: 'k-m-i1-1', rater: 'r1', score: 0 }]);
    const report = calibrateRun([answer('m', 'i1', 1, 0)], file, { iterations: 0 });
    await writeCalibration(dir, report);
    const results = JSON.parse(await readFile(path.join(dir, 'results.json'), 'utf8')) as {
      calibration: unknown;
      format: string;
    };
    expect(results.format).toBe('sc-safety/results');
    expect(results.calibration).toEqual(report);
    expect(await readCalibration(dir)).toEqual(report);
  });

  it('streams results.json: replaces an earlier calibration in place, answers and fields kept as written', async () => {
    const answers = [answer('m', 'i1', 1, 0), answer('m', 'i2', 2, 2)];
    const before = { format: 'sc-safety/results', calibration: { old: true }, answers, leaderboard: { x: 1 } };
    await writeFile(path.join(dir, 'results.json'), JSON.stringify(before));
    const report = calibrateRun(answers, await labels([{ answerKey: 'k-m-i1-1', rater: 'r1', score: 0 }]), {
      iterations: 0,
    });
    await writeCalibration(dir, report);
    // As the run's writer would have written the whole document (indented by 2, a final newline).
    expect(await readFile(path.join(dir, 'results.json'), 'utf8')).toBe(
      `${JSON.stringify({ ...before, calibration: report }, null, 2)}\n`,
    );
  });
});
