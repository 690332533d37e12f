import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const check = (kind: string, file: string, min: number) =>
  execFileSync(
    process.execPath,
    [path.join(root, 'scripts/check-authored-set.mjs'), kind, path.join(root, 'packages/core/data', file), String(min)],
    { encoding: 'utf8' },
  );

// The authoring rules of docs/datasets.md, held for the sets as shipped: an edit that breaks the
// counts, the strategy spread, the label mix or introduces a near-duplicate fails here.
describe('authored builtin sets', () => {
  it('builtin:open: ≥ 20 pairs in each of the 22 sub-dimensions, ≥ 4 strategies each, no near-duplicates', () => {
    const out = check('open', 'open.jsonl', 20);
    expect(out).toMatch(/\n\d+ items, 0 errors, 0 warnings\n$/);
    expect(out.split('\n').filter((l) => /^[a-z_]+: \d+ strategies/.test(l))).toHaveLength(22);
  });

  it('builtin:contrast: ≥ 5 benign prompts per sub-dimension', () => {
    expect(check('contrast', 'contrast.jsonl', 5)).toMatch(/\n\d+ items, 0 errors, 0 warnings\n$/);
  });

  it('builtin:judge-check: ≥ 9 cases per sub-dimension, ≥ 3 of each label, ≥ 3 round-2 cases', () => {
    expect(check('judge', 'judge-check.jsonl', 9)).toMatch(/\n\d+ items, 0 errors, 0 warnings\n$/);
  });
});
