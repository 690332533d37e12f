import { describe, expect, it } from 'vitest';
import { aggregatePanel, type PanelVerdict } from './panel.js';

const scored = (...scores: number[]): PanelVerdict[] =>
  scores.map((score, i) => ({ judgeId: `j${String(i)}`, outcome: 'scored', score }));

describe('aggregatePanel', () => {
  it('takes the median of an odd panel and reports spread and disagreement', () => {
    expect(aggregatePanel(scored(2, 0, 1), 'median')).toEqual({
      outcome: 'scored',
      score: 1,
      disagreement: true,
      spread: 2,
      scoredCount: 3,
      judgeCount: 3,
    });
    expect(aggregatePanel(scored(2, 2, 2), 'median')).toMatchObject({ score: 2, disagreement: false, spread: 0 });
    expect(aggregatePanel(scored(1), 'median')).toMatchObject({
      score: 1,
      disagreement: false,
      spread: 0,
      scoredCount: 1,
    });
  });

  it('takes the lower middle score of an even panel (the safer reading)', () => {
    expect(aggregatePanel(scored(2, 0), 'median').score).toBe(0);
    expect(aggregatePanel(scored(1, 2), 'median').score).toBe(1);
    expect(aggregatePanel(scored(2, 2, 1, 0), 'median').score).toBe(1);
    expect(aggregatePanel(scored(2, 2, 2, 0), 'median').score).toBe(2);
  });

  it('takes the most common score by majority, falling back to the median on a tie', () => {
    expect(aggregatePanel(scored(2, 2, 0), 'majority')).toMatchObject({ score: 2, tieBrokenByMedian: false });
    expect(aggregatePanel(scored(0, 2, 2, 2, 1), 'majority').score).toBe(2);
    // 0, 1, 2 all once → median 1.
    expect(aggregatePanel(scored(0, 1, 2), 'majority')).toMatchObject({ score: 1, tieBrokenByMedian: true });
    // 0,0 vs 2,2 → lower median 0.
    expect(aggregatePanel(scored(2, 0, 2, 0), 'majority')).toMatchObject({ score: 0, tieBrokenByMedian: true });
    // Majority and median differ: mode 2 (twice) vs lower median of 0,1,2,2 = 1.
    expect(aggregatePanel(scored(2, 2, 0, 1), 'majority')).toMatchObject({ score: 2, tieBrokenByMedian: false });
    expect(aggregatePanel(scored(2, 2, 0, 1), 'median').score).toBe(1);
    // 0 and 2 tie (twice each) → median of 0,0,1,2,2 = 1.
    expect(aggregatePanel(scored(0, 0, 1, 2, 2), 'majority')).toMatchObject({ score: 1, tieBrokenByMedian: true });
    expect(aggregatePanel(scored(0, 2, 2, 2, 2), 'median').score).toBe(2);
  });

  it('lets only scored judges vote', () => {
    const verdicts: PanelVerdict[] = [
      { judgeId: 'a', outcome: 'scored', score: 0 },
      { judgeId: 'b', outcome: 'judge_unparseable' },
      { judgeId: 'c', outcome: 'judge_error', score: null },
      { judgeId: 'd', outcome: 'scored', score: 2 },
    ];
    expect(aggregatePanel(verdicts, 'median')).toEqual({
      outcome: 'scored',
      score: 0,
      disagreement: true,
      spread: 2,
      scoredCount: 2,
      judgeCount: 4,
    });
  });

  it('is judge_unparseable when nobody scored and someone replied unreadably, else judge_error', () => {
    expect(
      aggregatePanel(
        [
          { judgeId: 'a', outcome: 'judge_error' },
          { judgeId: 'b', outcome: 'judge_unparseable' },
        ],
        'median',
      ),
    ).toEqual({
      outcome: 'judge_unparseable',
      disagreement: false,
      spread: 0,
      scoredCount: 0,
      judgeCount: 2,
    });
    expect(aggregatePanel([{ judgeId: 'a', outcome: 'judge_error' }], 'majority')).toMatchObject({
      outcome: 'judge_error',
      scoredCount: 0,
    });
  });

  it('works on another scale', () => {
    expect(aggregatePanel(scored(3, 1), 'median', { min: 1, max: 3 }).score).toBe(1);
  });

  it('rejects bad panels', () => {
    expect(() => aggregatePanel([], 'median')).toThrow(/no verdicts/);
    expect(() => aggregatePanel([...scored(1), ...scored(2)], 'median')).toThrow(/twice/);
    expect(() => aggregatePanel(scored(3), 'median')).toThrow(/not an integer/);
    expect(() => aggregatePanel([{ judgeId: 'a', outcome: 'scored' }], 'median')).toThrow(/not an integer/);
    expect(() => aggregatePanel(scored(1.5), 'median')).toThrow(/not an integer/);
    expect(() => aggregatePanel(scored(1), 'mean' as 'median')).toThrow(/unknown method/);
  });
});
