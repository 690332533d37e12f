import { rmdirSync } from 'node:fs';
import path from 'node:path';
import { removeStaleSpools } from '../engine/spool-dir.js';
import { makeDirsSync } from '../fs/make-dirs.js';

/** Where a run keeps its item and row spools: `<run dir>/.spool/`, gone again when the run ends. */
export const SPOOL_DIR_NAME = '.spool';

/**
 * Opens the run directory's spool folder: creates it, and removes what runs killed earlier (kill -9,
 * OOM) left there, so nothing piles up in the run directory or the system's temp folder.
 * `release` removes the folder once empty (a concurrent process's spools keep it).
 */
export function openSpoolDir(runDir: string): { dir: string; release(): void } {
  const dir = path.join(runDir, SPOOL_DIR_NAME);
  makeDirsSync(dir);
  removeStaleSpools(dir);
  return {
    dir,
    release() {
      try {
        rmdirSync(dir);
      } catch {
        // Not empty (another process's spool) or already gone.
      }
    },
  };
}
