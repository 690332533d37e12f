import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import type { CliIo } from '../../io.js';

/** What {@link useTempCli} gives a test: its working directory and what the CLI printed there. */
export interface TempCli {
  /** A fresh temporary directory for each test, removed after it. */
  readonly dir: string;
  /** Everything written to stdout since the test began. */
  readonly out: string[];
  /** Everything written to stderr since the test began. */
  readonly err: string[];
  /** The io to pass to `main`: cwd is {@link TempCli.dir}, stderr is a log (no progress bars). */
  io(): CliIo;
}

/**
 * The scaffold of the command tests that run `main` in-process: call inside a `describe` to give
 * every test its own temporary working directory and empty output buffers.
 */
export function useTempCli(prefix: string): TempCli {
  let dir = '';
  const out: string[] = [];
  const err: string[] = [];
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), prefix));
    out.length = 0;
    err.length = 0;
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));
  return {
    get dir() {
      return dir;
    },
    out,
    err,
    io: () => ({ stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), cwd: dir, stderrIsTTY: false }),
  };
}
