import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { StoredAnswer, StoredFailure, StoredJudgment } from '../types.js';

/** A scratch directory per test file; `cleanup` removes everything made under it. */
export function scratch(prefix = 'sc-store-') {
  const root = mkdtempSync(path.join(tmpdir(), prefix));
  let n = 0;
  return {
    root,
    /** A fresh, not yet existing run directory. */
    dir: (name = 'run') => path.join(root, `${name}-${++n}`),
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** A key that looks like a content key, distinct for each `n`. */
export function fakeKey(n: number | string): string {
  return `sha256:${String(n).padStart(64, '0')}`;
}

export function answer(n: number | string, overrides: Partial<StoredAnswer> = {}): StoredAnswer {
  return {
    key: fakeKey(n),
    modelId: 'model-a',
    itemId: `item-${n}`,
    round: 1,
    result: { type: 'completed', text: `answer ${n}`, finishReason: { unified: 'stop', raw: 'stop' }, usage: {}, warnings: [] },
    latencyMs: 120,
    attempts: 1,
    createdAt: '2025-01-01T00:00:00.000Z',
    ...overrides,
  };
}

export function judgment(n: number | string, overrides: Partial<StoredJudgment> = {}): StoredJudgment {
  return {
    key: fakeKey(`j${n}`),
    answerKey: fakeKey(n),
    judgeId: 'judge-1',
    promptHash: 'sha256:prompt',
    outcome: 'scored',
    score: 3,
    result: { verdict: { score: 3, reason: 'because' } },
    createdAt: '2025-01-01T00:00:01.000Z',
    ...overrides,
  };
}

export function failure(n: number | string, overrides: Partial<StoredFailure> = {}): StoredFailure {
  return {
    key: fakeKey(n),
    kind: 'answer',
    modelId: 'model-a',
    itemId: `item-${n}`,
    round: 1,
    errorKind: 'rate_limited',
    message: 'HTTP 429 slow down',
    status: 429,
    attempts: 6,
    at: '2025-01-01T00:00:02.000Z',
    ...overrides,
  };
}
