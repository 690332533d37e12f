import { utimesSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { ResultsDocument } from '@sc-safety/results';
import { runExportPaths } from '../export/run-export-paths.js';
import { RunStore } from '../store/run-store.js';
import { answer, failure, judgment, scratch } from '../store/__fixtures__/store-fixtures.js';
import { CallLedger } from './call-ledger.js';
import { currentExports, exportsInputsDigest, stampExports } from './current-exports.js';
import type { StoredRunPlan } from './run-plan.js';

const tmp = scratch('sc-current-');
afterAll(() => tmp.cleanup());

const plan = {
  version: 1,
  dataset: { ref: 'd', path: '/d.jsonl', fingerprint: 'sha256:1', items: 2 },
  targets: [],
  judges: [],
  panel: { aggregate: 'median' },
  policies: {},
  judge: { promptHash: 'p', promptVersion: '1', parserVersion: '1' },
} as unknown as StoredRunPlan;
const inputs = { plan, toolVersion: '1.0.0', commandLine: ['sc-safety', 'run'] };
const results = {
  format: 'f',
  answers: { length: 2, [Symbol.iterator]: () => [][Symbol.iterator]() },
} as unknown as ResultsDocument;

/** A run directory with a store holding one answer and three export files, stamped. */
function stamped() {
  const dir = tmp.dir();
  const store = RunStore.open(dir);
  store.putAnswer(answer(1));
  const paths = runExportPaths(dir);
  for (const file of Object.values(paths)) writeFileSync(file, 'x');
  const digest = exportsInputsDigest(inputs);
  stampExports(store, { inputs: digest, results, paths, writtenAt: '2026-01-01T00:00:00.000Z' });
  return { dir, store, paths, digest };
}

describe('exports stamp', () => {
  it('is current for the same inputs, store and files, and hands back the header and answer count', () => {
    const { store, paths, digest } = stamped();
    const stamp = currentExports(store, digest, paths);
    expect(stamp?.header).toEqual({ format: 'f' });
    expect(stamp?.answers).toBe(2);
    store.close();
  });

  it('is not current once a row is added to the store (answer, judgment or failure)', () => {
    for (const add of [
      (s: RunStore) => s.putAnswer(answer(2)),
      (s: RunStore) => s.putJudgment(judgment(1)),
      (s: RunStore) => s.putFailure(failure(3)),
    ]) {
      const { store, paths, digest } = stamped();
      add(store);
      expect(currentExports(store, digest, paths)).toBeUndefined();
      store.close();
    }
  });

  it('is not current when a file changed, went, or only its time changed', () => {
    const cases = [
      (p: ReturnType<typeof runExportPaths>) => writeFileSync(p.answersCsv, 'xy'),
      (p: ReturnType<typeof runExportPaths>) => writeFileSync(p.summary, ''),
      (p: ReturnType<typeof runExportPaths>) => utimesSync(p.results, new Date(0), new Date(0)),
    ];
    for (const change of cases) {
      const { store, paths, digest } = stamped();
      change(paths);
      expect(currentExports(store, digest, paths)).toBeUndefined();
      store.close();
    }
  });

  it('is not current for other inputs', () => {
    const { store, paths } = stamped();
    for (const other of [
      { ...inputs, toolVersion: '1.0.1' },
      { ...inputs, commandLine: ['sc-safety', 'run', '--limit', '1'] },
      { ...inputs, bootstrapIterations: 0 },
      { ...inputs, judgeCheck: { set: 'x', minKappa: 0.6 } },
      { ...inputs, plan: { ...plan, limit: 1 } },
    ])
      expect(currentExports(store, exportsInputsDigest(other), paths)).toBeUndefined();
    store.close();
  });

  it('digests inputs whatever their key order, and leaves the judge check outcome out', () => {
    const reordered = { commandLine: inputs.commandLine, toolVersion: '1.0.0', plan: { ...plan } };
    expect(exportsInputsDigest(reordered)).toBe(exportsInputsDigest(inputs));
    const checked = { ...plan, judge: { ...plan.judge, check: { kappa: 0.9 } } } as unknown as StoredRunPlan;
    expect(exportsInputsDigest({ ...inputs, plan: checked })).toBe(exportsInputsDigest(inputs));
  });
});

describe('CallLedger', () => {
  const dir = tmp.dir();
  const store = RunStore.open(dir);
  afterAll(() => store.close());

  it('is settled when every lookup that missed was stored, and not when one was not or one failed', async () => {
    const ledger = new CallLedger(store);
    expect(ledger.settled).toBe(true);
    expect(ledger.store.getAnswer(answer(10).key)).toBeUndefined();
    expect(ledger.store.getJudgment(judgment(10).key)).toBeUndefined();
    expect(ledger.settled).toBe(false);
    ledger.store.putAnswer(answer(10));
    expect(ledger.settled).toBe(false);
    ledger.store.putJudgment(judgment(10));
    expect(ledger.settled).toBe(true);
    // A hit costs nothing.
    expect(ledger.store.getAnswer(answer(10).key)).toBeDefined();
    expect(ledger.settled).toBe(true);
    ledger.store.putFailure(failure(11));
    expect(ledger.settled).toBe(false);
  });

  it('counts only the writes a commit stored', async () => {
    const inner = {
      ...store,
      getAnswer: () => undefined,
      getJudgment: () => undefined,
      putAnswer: () => {},
      putJudgment: () => {},
      putFailure: () => {},
      commit: async (writes: readonly unknown[]) => writes.map((_, i) => (i === 0 ? undefined : new Error('refused'))),
    };
    const ledger = new CallLedger(inner);
    ledger.store.getAnswer('a');
    ledger.store.getAnswer('b');
    await ledger.store.commit!([
      { kind: 'answer', record: answer(20) },
      { kind: 'answer', record: answer(21) },
    ]);
    expect(ledger.settled).toBe(false);
  });
});
