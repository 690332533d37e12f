import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { validateResultsFile } from '@sc-safety/results';
import { expect } from 'vitest';
import { main } from '../../packages/cli/src/main.js';

/**
 * `sc-safety run -c <config>` in this process (the CLI's sources), in `dir`: expects exit code 0 (the
 * failure shows the run's stderr) and a results.json under `dir/<output>` that the results validator
 * accepts. Returns that results.json, parsed (untyped, as the tests read it field by field).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a parsed results.json, read as plain JSON
export async function runInProcess(dir: string, config: string, output = 'out'): Promise<any> {
  const err: string[] = [];
  const code = await main(['run', '-c', config], {
    stdout: () => {},
    stderr: (t) => err.push(t),
    cwd: dir,
    stderrIsTTY: false,
  });
  expect(code, err.join('')).toBe(0);
  const results = JSON.parse(await readFile(path.join(dir, output, 'results.json'), 'utf8'));
  expect(validateResultsFile(results)).toEqual([]);
  return results;
}
