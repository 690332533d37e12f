import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICIES } from '../engine/policies.js';
import { adaptiveFollowups } from '../followups/__fixtures__/adaptive-followups.js';
import { RunStore } from '../store/run-store.js';
import { mergeRuns, RunDirectoryError } from './replay-run.js';
import { RUN_PLAN_META_KEY, type StoredRunPlan } from './run-plan.js';

const root = mkdtempSync(path.join(tmpdir(), 'sc-merge-modes-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const frozen: StoredRunPlan = {
  version: 1,
  dataset: { ref: './items.jsonl', path: '/nowhere/items.jsonl', fingerprint: 'sha256:x', items: 2 },
  targets: [],
  judges: [],
  panel: { aggregate: 'median' },
  policies: DEFAULT_POLICIES,
  judge: { promptHash: 'sha256:j', promptVersion: '1', parserVersion: '1' },
};
const adaptive: StoredRunPlan = {
  ...frozen,
  followups: {
    manifest: adaptiveFollowups('m'),
    attackerKey: { adapterName: 'openai', keyConfig: { model: 'm' } },
  },
};

function runDir(name: string, plan: StoredRunPlan): string {
  const dir = path.join(root, name);
  const store = RunStore.open(dir);
  store.setMeta(RUN_PLAN_META_KEY, plan);
  store.close();
  return dir;
}

describe('merge: frozen and adaptive runs', () => {
  it('refuses to merge an adaptive run with a frozen one, naming both modes', async () => {
    const a = runDir('frozen', frozen);
    const b = runDir('adaptive', adaptive);
    const merge = mergeRuns([a, b], path.join(root, 'out'));
    await expect(merge).rejects.toThrow(RunDirectoryError);
    await expect(mergeRuns([a, b], path.join(root, 'out'))).rejects.toThrow(
      /adaptive \(3 turns\) run .* frozen one; .* never merged/,
    );
  });
});
