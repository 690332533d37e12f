import { afterAll, describe, expect, it } from 'vitest';
import { formatIssue } from './issues.js';
import { validateDataset } from './load.js';
import { itemLine, tempDir } from './__fixtures__/temp-files.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
let n = 0;

async function check(header: Record<string, unknown>) {
  const file = tmp.write(
    `derived-${++n}.jsonl`,
    [JSON.stringify({ $schema: 'sc-safety/dataset@1', ...header }), itemLine({ id: 'a' })].join('\n'),
  );
  const result = await validateDataset(file, { displayName: 'gen.jsonl' });
  return { header: result.header, issues: result.issues.map(formatIssue) };
}

describe('a generated dataset header: derivedFrom and followups', () => {
  const fingerprint = `sha256:${'a'.repeat(64)}`;

  it('reads the source fingerprint and the follow-up settings without warnings', async () => {
    const followups = { mode: 'frozen', strategies: ['pressure'], perItem: 1 };
    const { header, issues } = await check({ derivedFrom: { fingerprint, file: 'src.jsonl', name: 'Src' }, followups });
    expect(issues).toEqual([]);
    expect(header.derivedFrom).toEqual({ fingerprint, file: 'src.jsonl', name: 'Src' });
    expect(header.followups).toEqual(followups);
  });

  it('names the field and the fix for a malformed one', async () => {
    const { issues } = await check({ derivedFrom: { fingerprint: 'abc', file: '' }, followups: 'frozen' });
    expect(issues).toEqual([
      'gen.jsonl:1: derivedFrom.fingerprint: expected "sha256:" and 64 lowercase hex digits, got string "abc"',
      'gen.jsonl:1: derivedFrom.file: expected a non-empty string, got string ""',
      'gen.jsonl:1: followups: expected an object describing how the follow-ups were written, got string "frozen"',
    ]);
  });
});
