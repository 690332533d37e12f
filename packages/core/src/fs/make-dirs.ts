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
  for (const d of missing) mkdirSync(d);
  return missing;
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
  for (const d of missing) await mkdir(d);
  return missing;
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
