import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { prerequisite } from '../support/prerequisite.js';

const CORE_DIST = path.resolve(import.meta.dirname, '../../packages/core/dist/index.js');
const CORE_INTERNAL_DIST = path.resolve(import.meta.dirname, '../../packages/core/dist/internal.js');
const built = prerequisite(existsSync(CORE_DIST), 'packages/core/dist', 'run `pnpm build` first');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'writer-thread-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// The writer's worker is unref'd while idle. A process whose only pending work is a commit must
// still wait for it: a fresh Node process with nothing else open (no timers, no sockets) awaits one.
describe.runIf(built)('BackgroundWriter in a process with nothing else to keep it alive', () => {
  it('waits for the commit, then exits on its own once the writer is closed', () => {
    const script = `
      const core = await import(${JSON.stringify(CORE_DIST)});
      const { BackgroundWriter } = await import(${JSON.stringify(CORE_INTERNAL_DIST)});
      const store = core.RunStore.open(${JSON.stringify(path.join(tmp, 'run'))});
      const writer = BackgroundWriter.start(store);
      const record = { key: 'sha256:' + '1'.repeat(64), modelId: 'm', itemId: 'i', round: 1, result: { type: 'completed', text: 'x', warnings: [] }, latencyMs: 1, attempts: 1, createdAt: 'now' };
      const outcomes = await writer.commit([{ kind: 'answer', record }]);
      console.log('committed', outcomes.length, store.getAnswer(record.key) !== undefined);
      await writer.close();
      store.close();
    `;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(child.stderr).toBe('');
    expect(child.stdout.trim()).toBe('committed 1 true');
    expect(child.status).toBe(0);
  });
});
