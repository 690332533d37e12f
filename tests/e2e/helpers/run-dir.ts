import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { ResultsFile } from './workspace.js';

/** The `results.json` of the run written to `path.join(...runDir)`, parsed. */
export async function readResults(...runDir: string[]): Promise<ResultsFile> {
  return JSON.parse(await readFile(path.join(...runDir, 'results.json'), 'utf8')) as ResultsFile;
}

/** For afterAll: closes the fake servers that were started and removes the temp dir, when one was made. */
export async function cleanUp(
  dir: string | undefined,
  servers: readonly ({ close(): Promise<void> } | undefined)[],
): Promise<void> {
  await Promise.all(servers.map((s) => s?.close()));
  if (dir) await rm(dir, { recursive: true, force: true });
}
