import { mkdirSync, statSync } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * `mkdir -p`, one level at a time; returns the directories it created, outermost first (empty
 * when `dir` existed). Not `mkdir(dir, { recursive: true })`: on procfs (`/proc/x`) Node 20's
 * recursive mkdir gets ENOENT for a child of a parent that exists, retries the parent forever and
 * never returns, at full CPU. Here every failure is an ordinary error naming the directory.
 */
export function makeDirsSync(dir: string): string[] {
  const missing = missingDirs(dir, (p) => statSync(p, { throwIfNoEntry: false }));
  return missing.filter((d) => {
    try {
      mkdirSync(d);
      return true;
    } catch (error) {
      return createdMeanwhile(error, d, () => statSync(d, { throwIfNoEntry: false }));
    }
  });
}

/** {@link makeDirsSync}, asynchronously. */
export async function makeDirs(dir: string): Promise<string[]> {
  const missing: string[] = [];
  let current = path.resolve(dir);
  for (;;) {
    const info = await stat(current).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (info !== undefined) {
      if (!info.isDirectory()) throw notADirectory(current);
      break;
    }
    const parent = path.dirname(current);
    if (parent === current) break;
    missing.unshift(current);
    current = parent;
  }
  const created: string[] = [];
  for (const d of missing) {
    try {
      await mkdir(d);
      created.push(d);
    } catch (error) {
      const info = isExists(error) ? await stat(d).catch(() => undefined) : undefined;
      createdMeanwhile(error, d, () => info);
    }
  }
  return created;
}

/**
 * Another process made `d` between the look and the mkdir (shards of one run start together):
 * a directory there is what was wanted, and it is not ours. Anything else is rethrown.
 */
function createdMeanwhile(error: unknown, d: string, statOf: () => { isDirectory(): boolean } | undefined): false {
  if (!isExists(error)) throw error;
  if (!statOf()?.isDirectory()) throw notADirectory(d);
  return false;
}

function isExists(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'EEXIST';
}

function missingDirs(dir: string, statOf: (p: string) => { isDirectory(): boolean } | undefined): string[] {
  const missing: string[] = [];
  let current = path.resolve(dir);
  for (;;) {
    const info = statOf(current);
    if (info !== undefined) {
      if (!info.isDirectory()) throw notADirectory(current);
      return missing;
    }
    const parent = path.dirname(current);
    if (parent === current) return missing;
    missing.unshift(current);
    current = parent;
  }
}

function notADirectory(p: string): NodeJS.ErrnoException {
  const error: NodeJS.ErrnoException = new Error(`ENOTDIR: not a directory, mkdir '${p}'`);
  error.code = 'ENOTDIR';
  error.path = p;
  return error;
}
