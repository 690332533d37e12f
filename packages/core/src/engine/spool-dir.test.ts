import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeSpoolDir, removeStaleSpools } from './spool-dir.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'spool-dir-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('spool directories', () => {
  it('removes the spools of processes that are gone and keeps live ones and unrelated entries', () => {
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const deadPid = Number(gone.stdout);
    mkdirSync(path.join(tmp, `sc-safety-rows-${deadPid}-abc`));
    mkdirSync(path.join(tmp, `sc-safety-items-${deadPid}-def`));
    mkdirSync(path.join(tmp, `sc-safety-answers-${deadPid}-ghi`));
    mkdirSync(path.join(tmp, 'unrelated'));
    const mine = makeSpoolDir(tmp, 'answers');
    expect(path.basename(mine)).toMatch(new RegExp(`^sc-safety-answers-${process.pid}-`));
    expect(removeStaleSpools(tmp)).toBe(3);
    expect(readdirSync(tmp).sort()).toEqual([path.basename(mine), 'unrelated'].sort());
    expect(existsSync(mine)).toBe(true);
    expect(removeStaleSpools(path.join(tmp, 'missing'))).toBe(0);
  });
});
