import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';

/**
 * Spool directories are named `sc-safety-<kind>-<pid>-<random>`, so a later run can tell whose they
 * are (`rows`: the answer spool's name before it held rendered answers, still cleaned up).
 */
const SPOOL_NAME = /^sc-safety-(?:answers|rows|items)-(\d+)-/;

/** A new spool directory of this process inside `parent`. */
export function makeSpoolDir(parent: string, kind: 'answers' | 'items'): string {
  return mkdtempSync(path.join(parent, `sc-safety-${kind}-${process.pid}-`));
}

/**
 * Removes the spool directories in `parent` left by processes that are gone (a run killed with
 * kill -9 cannot clean up after itself); those of live processes are kept. Returns how many went.
 */
export function removeStaleSpools(parent: string): number {
  let removed = 0;
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return 0;
  }
  for (const name of names) {
    const pid = Number(SPOOL_NAME.exec(name)?.[1]);
    if (!Number.isInteger(pid) || pid === process.pid || isAlive(pid)) continue;
    rmSync(path.join(parent, name), { recursive: true, force: true });
    removed++;
  }
  return removed;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
