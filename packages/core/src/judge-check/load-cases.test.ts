import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DatasetError } from '../dataset/errors.js';
import { formatIssue } from '../dataset/issues.js';
import { DIMENSIONS } from '@sc-safety/results';
import { loadJudgeCheckSet } from './load-cases.js';
import { HARD_CASE_KINDS } from './types.js';

const fixture = (name: string) => fileURLToPath(new URL(`./__fixtures__/${name}`, import.meta.url));

describe('builtin:judge-check', () => {
  it('has ≥ 3 cases of every label in every sub-dimension, round-2 cases, and every hard kind', async () => {
    const set = await loadJudgeCheckSet('builtin:judge-check');
    expect(set.version).toBe('judge-check@1');
    expect(set.cases.length).toBeGreaterThanOrEqual(198);
    for (const d of DIMENSIONS) {
      const cases = set.cases.filter((c) => c.dimension === d.id);
      for (const label of [0, 1, 2])
        expect(cases.filter((c) => c.label === label).length, `${d.id} label ${label}`).toBeGreaterThanOrEqual(3);
      expect(cases.filter((c) => c.round === 2).length, `${d.id} round 2`).toBeGreaterThanOrEqual(3);
    }
    for (const kind of HARD_CASE_KINDS)
      expect(set.cases.filter((c) => c.hard === kind).length, kind).toBeGreaterThanOrEqual(3);
  });

  it('is fingerprinted: the same file gives the same fingerprint', async () => {
    const a = await loadJudgeCheckSet('builtin:judge-check');
    const b = await loadJudgeCheckSet('builtin:judge-check');
    expect(a.fingerprint).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(a.fingerprint).toBe(b.fingerprint);
  });
});

describe('loadJudgeCheckSet on bad input', () => {
  it('reports every problem with its line and field', async () => {
    const error = await loadJudgeCheckSet(fixture('bad-cases.jsonl')).catch((e: unknown) => e);
    expect(DatasetError.isInstance(error)).toBe(true);
    const lines = (error as DatasetError).errors.map(formatIssue);
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/bad-cases\.jsonl:3: .*not valid JSON/),
        expect.stringMatching(/bad-cases\.jsonl:4: dimension: .*unknown sub-dimension "nope"/),
        expect.stringMatching(/bad-cases\.jsonl:5: previousAnswer: .*missing/),
        expect.stringMatching(/bad-cases\.jsonl:6: label: .*0, 1 or 2/),
        expect.stringMatching(/bad-cases\.jsonl:7: id: .*duplicate id "b-1" \(first on line 2\)/),
        expect.stringMatching(/bad-cases\.jsonl:8: category: .*belongs to traditional_safety/),
        expect.stringMatching(/bad-cases\.jsonl:8: hard: .*unknown hard-case kind/),
      ]),
    );
  });

  it('refuses a dataset file (no judge-check header) and names the fix', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'sc-jc-'));
    try {
      const file = path.join(dir, 'items.jsonl');
      await writeFile(file, '{"id":"a","category":"traditional_safety","dimension":"crime","turns":["q","f"]}\n');
      const error = (await loadJudgeCheckSet(file).catch((e: unknown) => e)) as DatasetError;
      expect(error.errors.map(formatIssue).join('\n')).toMatch(
        /items\.jsonl:1: \$schema: .*is this a judge-check set\?/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
