import { describe, expect, it } from 'vitest';
import type { ResultsAnswer } from '@sc-safety/results';
import { syntheticResults } from '../node/synthetic-results.js';
import { packAnswers, unpackAnswers } from './pack-answers.js';

describe('packAnswers / unpackAnswers', () => {
  const results = syntheticResults({
    models: 3,
    pairs: 44,
    bootstrapIterations: 0,
    hostileTexts: ['<script>x</script>'],
  });

  it("keeps an adaptive turn's strategy and attacker outcome, and frozen rows at their old length", () => {
    const [first, second] = results.answers;
    const adaptive: ResultsAnswer = {
      ...second!,
      round: 3,
      mode: 'adaptive',
      followup: { text: '', strategy: 'pressure', outcome: 'attacker_refused', attacker: 'atk', promptHash: 'h' },
    };
    const packed = JSON.parse(JSON.stringify(packAnswers([first!, adaptive])));
    expect(packed.rows[0]).toHaveLength(19);
    const [frozen, turn3] = unpackAnswers(packed);
    expect(frozen!.followup).toBeNull();
    expect(turn3!.round).toBe(3);
    expect(turn3!.followup).toEqual({ strategy: 'pressure', outcome: 'attacker_refused', attacker: 'atk' });
  });

  it('round-trips every field the report shows', () => {
    const unpacked = unpackAnswers(JSON.parse(JSON.stringify(packAnswers(results.answers))));
    expect(unpacked).toHaveLength(results.answers.length);
    results.answers.forEach((a, i) => {
      const u = unpacked[i]!;
      expect(u.index).toBe(i);
      expect([u.model, u.itemId, u.category, u.dimension, u.round, u.outcome, u.score]).toEqual([
        a.model,
        a.itemId,
        a.category,
        a.dimension,
        a.round,
        a.outcome,
        a.score,
      ]);
      expect(u.text).toBe(a.text);
      expect(u.prompt).toBe(a.prompt);
      expect(u.previousReply).toBe(a.previousReply ?? null);
      expect(u.vendorBlocked).toBe(a.vendorBlocked);
      expect(u.block?.code ?? null).toBe(a.block?.code ?? null);
      expect(u.error?.kind ?? null).toBe(a.error?.kind ?? null);
      expect(u.judgments.map((j) => [j.judgeId, j.outcome, j.score, j.reason])).toEqual(
        a.judgments.map((j) => [j.judgeId, j.outcome, j.score, j.reason]),
      );
    });
  });

  it('keeps the rare fields: system, reasoning, partial text, judge errors, panel spread', () => {
    const a: ResultsAnswer = {
      ...results.answers[1]!,
      system: 'sys',
      reasoningText: 'think',
      block: { stage: 'output', code: '1301', message: 'm', partialText: 'part' },
      judgments: [{ judgeId: 'j', outcome: 'judge_error', score: null, reason: null, error: 'boom' }],
      panel: { spread: 2, disagreement: true },
      error: { kind: 'timeout', message: 'late', status: 504 },
    };
    const [u] = unpackAnswers(packAnswers([a]));
    expect(u).toMatchObject({
      system: 'sys',
      reasoningText: 'think',
      panelSpread: 2,
      block: { partialText: 'part', code: '1301' },
      error: { kind: 'timeout', status: 504 },
    });
    expect(u!.judgments[0]).toEqual({ judgeId: 'j', outcome: 'judge_error', score: null, reason: null, error: 'boom' });
  });

  it("numbers a later chunk's answers from its first position in the run", () => {
    const unpacked = unpackAnswers(packAnswers(results.answers.slice(10, 13)), 10);
    expect(unpacked.map((u) => u.index)).toEqual([10, 11, 12]);
    expect(unpacked.map((u) => u.text)).toEqual(results.answers.slice(10, 13).map((a) => a.text));
  });

  it('stores repeated strings once', () => {
    const packed = packAnswers(results.answers);
    expect(new Set(packed.strings).size).toBe(packed.strings.length);
    expect(packed.strings.length).toBeLessThan(results.answers.length * 3);
  });

  it('refuses an outcome it does not know (a newer schema)', () => {
    expect(() => packAnswers([{ ...results.answers[0]!, outcome: 'weird' as never }])).toThrow(/unknown outcome/);
  });
});
