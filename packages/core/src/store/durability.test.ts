import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunStore } from './run-store.js';
import { compileForChild } from './__fixtures__/compile-for-child.js';
import { answer, fakeKey, scratch } from './__fixtures__/store-fixtures.js';

const tmp = scratch('sc-store-kill-');
afterAll(() => tmp.cleanup());

/**
 * The child opens the store with the REAL RunStore (compiled from these sources), writes answers
 * with a large raw body (so the WAL grows and checkpoints happen) and failures in an endless loop,
 * and prints each key only after `putAnswer` has returned, i.e. after the commit.
 */
const CHILD = `
import { RunStore } from './store/run-store.js';
const [dir, start] = process.argv.slice(2);
const store = RunStore.open(dir);
const body = 'x'.repeat(16384);
for (let i = Number(start); ; i++) {
  const key = 'sha256:' + String(i).padStart(64, '0');
  store.putAnswer({ key, modelId: 'm', itemId: 'item-' + i, round: 1, result: { type: 'completed', text: 'answer ' + i }, raw: { body: body + i }, latencyMs: 1, attempts: 1, createdAt: new Date().toISOString() });
  if (i % 7 === 0) store.putFailure({ key: 'sha256:f' + i, kind: 'answer', modelId: 'm', itemId: 'item-' + i, round: 1, errorKind: 'timeout', message: 'timed out', attempts: 3, at: new Date().toISOString() });
  process.stdout.write(key + '\\n');
}
`;

let childScript = '';
beforeAll(() => {
  const out = tmp.dir('compiled');
  compileForChild('store/run-store.ts', out);
  childScript = path.join(out, 'child.mjs');
  writeFileSync(childScript, CHILD);
});

/** Runs the child until it has reported `atLeast` committed keys, then SIGKILLs it. */
function runAndKill(
  dir: string,
  start: number,
  atLeast: number,
): Promise<{ committed: string[]; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [childScript, dir, String(start)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let killed = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (!killed && stdout.split('\n').length > atLeast) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      // A line without its newline may have been cut by the kill: count only whole lines.
      const committed = stdout.split('\n').slice(0, -1);
      resolve({ committed, signal, stderr });
    });
  });
}

describe('durability under kill -9', () => {
  it('keeps every committed answer, stays sound, and resumes without rewriting', { timeout: 120_000 }, async () => {
    const dir = tmp.dir();
    const first = await runAndKill(dir, 0, 300);
    expect(first.stderr).toBe('');
    expect(first.signal).toBe('SIGKILL');
    expect(first.committed.length).toBeGreaterThanOrEqual(300);

    // Killed again while resuming on the same file.
    const resumeAt = first.committed.length + 1000;
    const second = await runAndKill(dir, resumeAt, 200);
    expect(second.stderr).toBe('');
    expect(second.signal).toBe('SIGKILL');

    const store = RunStore.open(dir);
    expect(store.checkIntegrity()).toEqual({ ok: true, problems: [] });
    const committed = [...first.committed, ...second.committed];
    const missing = committed.filter((key) => store.getAnswer(key) === undefined);
    expect(missing).toEqual([]);
    expect(store.getAnswer(committed[0]!, { withRaw: true })?.raw).toEqual({ body: 'x'.repeat(16384) + '0' });
    const counts = store.counts();
    expect(counts.answers).toBeGreaterThanOrEqual(committed.length);
    // At most the one call in flight at each kill can be in the store without having been reported.
    expect(counts.answers).toBeLessThanOrEqual(committed.length + 2);

    // Resume: completed calls are found and not written again; new ones are.
    expect(store.putAnswer(answer(0, { key: fakeKey(0) }))).toBe(false);
    expect(store.getAnswer(fakeKey(0))?.result).toEqual({ type: 'completed', text: 'answer 0' });
    expect(store.putAnswer(answer('new'))).toBe(true);
    store.close();

    // And a read-only reopen after the writer closed sees the same.
    const reader = RunStore.open(dir, { readonly: true });
    expect(reader.counts().answers).toBe(counts.answers + 1);
    reader.close();
  });
});
