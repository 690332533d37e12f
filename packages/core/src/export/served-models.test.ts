import { describe, expect, it } from 'vitest';
import type { AnswerRow } from '../engine/types.js';
import { describeServedVersion, ServedModelTally } from './served-models.js';

function row(
  model: string,
  servedModel?: AnswerRow['servedModel'],
  judged?: { judgeId: string; id: string },
): AnswerRow {
  return {
    model,
    itemId: 'x',
    category: 'traditional_safety',
    dimension: 'd',
    round: 1,
    outcome: 'scored',
    score: 2,
    text: 't',
    judgments: judged ? [{ judgeId: judged.judgeId, outcome: 'scored', score: 2, servedModel: { id: judged.id } }] : [],
    ...(servedModel ? { servedModel } : {}),
  };
}

describe('ServedModelTally', () => {
  it('counts distinct versions per model, most answers first, and flags a change of id or fingerprint', () => {
    const tally = new ServedModelTally(['a', 'b', 'c', 'quiet']);
    tally.add(row('a', { id: 'gpt-4o-2024-08-06', fingerprint: 'fp_1' }));
    tally.add(row('a', { id: 'gpt-4o-2024-11-20', fingerprint: 'fp_1' }));
    tally.add(row('a', { id: 'gpt-4o-2024-11-20', fingerprint: 'fp_1' }));
    tally.add(row('a'));
    tally.add(row('b', { id: 'deepseek-chat', fingerprint: 'fp_1' }));
    tally.add(row('b', { id: 'deepseek-chat', fingerprint: 'fp_2' }));
    tally.add(row('c', { id: 'qwen-plus' }));
    tally.add(row('c', { id: 'qwen-plus', fingerprint: 'fp_x' }));
    const summary = tally.summary();
    expect(summary.a).toEqual({
      versions: [
        { id: 'gpt-4o-2024-11-20', fingerprint: 'fp_1', answers: 2 },
        { id: 'gpt-4o-2024-08-06', fingerprint: 'fp_1', answers: 1 },
      ],
      unreported: 1,
      changed: true,
    });
    expect(summary.b!.changed).toBe(true);
    // A fingerprint sent now and then is not a change: no two answers disagree on a field both report.
    expect(summary.c!.changed).toBe(false);
    expect(summary.quiet).toEqual({ versions: [], unreported: 0, changed: false });
  });

  it('collects the ids judges were served', () => {
    const tally = new ServedModelTally(['a']);
    tally.add(row('a', { id: 'm' }, { judgeId: 'j', id: 'gpt-4o-2024-08-06' }));
    expect([...(tally.judgeServedIds().get('j') ?? [])]).toEqual(['gpt-4o-2024-08-06']);
  });

  it('describes a version briefly', () => {
    expect(describeServedVersion({ id: 'gpt-4o', fingerprint: 'fp_1' })).toBe('gpt-4o (fp_1)');
    expect(describeServedVersion({ id: 'qwen2.5:7b', digest: 'a'.repeat(64) })).toBe(
      `qwen2.5:7b (digest ${'a'.repeat(12)}…)`,
    );
    expect(describeServedVersion({ path: '/m/q.gguf' })).toBe('/m/q.gguf');
  });
});
