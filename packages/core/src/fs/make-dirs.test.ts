import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeDirs, makeDirsSync } from './make-dirs.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'make-dirs-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('makeDirs / makeDirsSync', () => {
  it('creates every missing level and returns them outermost first; nothing when it exists', async () => {
    const deep = path.join(tmp, 'a', 'b', 'c');
    expect(makeDirsSync(deep)).toEqual([path.join(tmp, 'a'), path.join(tmp, 'a', 'b'), deep]);
    expect(makeDirsSync(deep)).toEqual([]);
    const other = path.join(tmp, 'x', 'y');
    expect(await makeDirs(other)).toEqual([path.join(tmp, 'x'), other]);
    expect(existsSync(other)).toBe(true);
  });

  it('takes a directory another caller made meanwhile (shards starting together), and each level is created once', async () => {
    const deep = path.join(tmp, 'race', 'runs', 'slurm', 'shard');
    const created = await Promise.all(Array.from({ length: 8 }, () => makeDirs(deep)));
    expect(existsSync(deep)).toBe(true);
    expect(created.flat().sort()).toEqual(
      [path.join(tmp, 'race'), path.join(tmp, 'race', 'runs'), path.join(tmp, 'race', 'runs', 'slurm'), deep].sort(),
    );
  });

  it('fails with ENOTDIR under a regular file', async () => {
    const file = path.join(tmp, 'file');
    writeFileSync(file, '');
    expect(() => makeDirsSync(path.join(file, 'sub'))).toThrow(expect.objectContaining({ code: 'ENOTDIR' }));
    await expect(makeDirs(path.join(file, 'sub'))).rejects.toMatchObject({ code: 'ENOTDIR' });
  });

  it.skipIf(!existsSync('/proc/self'))('fails (does not hang) where procfs refuses a directory', async () => {
    expect(() => makeDirsSync('/proc/sc-safety-test/run')).toThrow(/ENOENT|EACCES|EPERM|EROFS/);
    await expect(makeDirs('/proc/sc-safety-test/run')).rejects.toThrow(/ENOENT|EACCES|EPERM|EROFS/);
  });
});
