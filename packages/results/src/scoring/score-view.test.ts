import { describe, expect, it } from 'vitest';
import { CATEGORY_IDS } from '../taxonomy/types.js';
import { epochSpread } from './epoch-spread.js';
import { LeaderboardAccumulator } from './leaderboard-section.js';
import { scoreModels } from './model-scores.js';
import { ANSWER_OUTCOMES } from './outcome.js';
import type { ScoreRecord } from './outcome.js';
import { buildPairTable } from './pair-table.js';
import { pairStats, pairStatsOfValidated } from './pair-stats.js';
import { createPrng } from './prng.js';
import type { Prng } from './prng.js';
import { DEFAULT_RUBRIC } from './rubric.js';
import { ScoreView } from './score-view.js';

/**
 * Records with every irregularity the record-array scorers handle: models, items and sub-dimensions
 * in mixed first-appearance order, missing rounds, unscored outcomes, vendor blocks, several epochs,
 * all shuffled.
 */
function messyRecords(rng: Prng, epochs: number): ScoreRecord[] {
  const records: ScoreRecord[] = [];
  const models = ['b', 'a', 'c'];
  for (let item = 0; item < 60; item++) {
    const category = CATEGORY_IDS[item % 3]!;
    const dimension = `${category}-d${item % 7}`;
    for (const model of models) {
      if (rng.nextInt(8) === 0) continue;
      for (let epoch = 1; epoch <= epochs; epoch++) {
        for (const round of [1, 2] as const) {
          if (rng.nextInt(6) === 0) continue;
          const outcome = rng.nextInt(4) === 0 ? ANSWER_OUTCOMES[rng.nextInt(ANSWER_OUTCOMES.length)]! : 'scored';
          records.push({
            model,
            itemId: `i${(item * 37) % 60}`,
            category,
            dimension,
            round,
            ...(epoch > 1 ? { epoch } : {}),
            outcome,
            ...(outcome === 'scored' ? { score: rng.nextInt(3) } : {}),
            ...(outcome === 'blocked' ? { block: { stage: 'input' as const, code: 'x' } } : {}),
          });
        }
      }
    }
  }
  for (let i = records.length - 1; i > 0; i--) {
    const j = rng.nextInt(i + 1);
    [records[i], records[j]] = [records[j]!, records[i]!];
  }
  return records;
}

function viewOf(records: readonly ScoreRecord[]): ScoreView {
  const view = new ScoreView(DEFAULT_RUBRIC);
  records.forEach((r, i) => view.add(r, i, {}));
  return view;
}

describe('ScoreView', () => {
  it.each([1, 3])('gives what the record-array scorers give, number for number (%i epochs, 8 seeds)', (epochs) => {
    for (let seed = 0; seed < 8; seed++) {
      const records = messyRecords(createPrng(seed), epochs);
      const view = viewOf(records);
      const models = ['a', 'b', 'c', 'absent'];
      expect(view.scores()).toEqual(scoreModels(records));
      expect(view.table(models)).toEqual(buildPairTable(records, models, DEFAULT_RUBRIC));
      const stats = pairStats(records);
      for (const m of models)
        expect(view.pairStats(m)).toEqual(stats.get(m) ?? pairStatsOfValidated([], DEFAULT_RUBRIC));
      expect(view.epochSpread()).toEqual(epochSpread(records));
      expect(JSON.stringify(view.epochSpread())).toBe(JSON.stringify(epochSpread(records)));
    }
  });

  it("lists a table's item ids when they are read, as they were when the table was made", () => {
    const records = messyRecords(createPrng(3), 1);
    const half = Math.floor(records.length / 2);
    const view = viewOf(records.slice(0, half));
    const table = view.table(['a']);
    const expected = buildPairTable(records.slice(0, half), ['a'], DEFAULT_RUBRIC).items;
    // Items the view sees after the table was made are not in it.
    records.slice(half).forEach((r, i) => view.add(r, half + i, {}));
    expect(view.itemCount).toBeGreaterThan(expected.length);
    expect(table.items).toEqual(expected);
    expect(table.categoryOf).toHaveLength(expected.length);
  });

  it('rejects a duplicate and an item of two shapes with the errors validateScoreRecords gives', () => {
    const first: ScoreRecord = {
      model: 'a',
      itemId: 'x',
      category: 'traditional_safety',
      dimension: 'crime',
      round: 1,
      outcome: 'scored',
      score: 2,
    };
    const view = viewOf([first]);
    expect(() => view.add({ ...first }, 1, {})).toThrow(
      'score record #1 (model "a", item "x", round 1): duplicate record for this model, item, epoch and round',
    );
    expect(() => view.add({ ...first, epoch: 2 }, 1, {})).not.toThrow();
    expect(() => view.add({ ...first, epoch: 2 }, 2, {})).toThrow('duplicate record');
    expect(() => view.add({ ...first, model: 'b', dimension: 'other' }, 3, {})).toThrow(
      'item is traditional_safety/other here but traditional_safety/crime in score record #0',
    );
  });

  it('clones into an independent view', () => {
    const records = messyRecords(createPrng(7), 2);
    const half = Math.floor(records.length / 2);
    const view = viewOf(records.slice(0, half));
    const copy = view.clone();
    records.slice(half).forEach((r, i) => copy.add(r, half + i, {}));
    expect(view.scores()).toEqual(scoreModels(records.slice(0, half)));
    expect(copy.scores()).toEqual(scoreModels(records));
    expect(copy.epochSpread()).toEqual(epochSpread(records));
  });
});

describe('LeaderboardAccumulator', () => {
  it('gives the same section with single-turn items as a set or as a per-item test', () => {
    const records = messyRecords(createPrng(3), 1);
    const singles = new Set(['i5', 'i11', 'i40']);
    const models = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
    const bySet = new LeaderboardAccumulator(models, { singleTurnItems: singles, bootstrap: { iterations: 50 } });
    const byTest = new LeaderboardAccumulator(models, {
      isSingleTurn: (id) => singles.has(id),
      bootstrap: { iterations: 50 },
    });
    for (const r of records) {
      bySet.add(r);
      byTest.add(r);
    }
    const section = bySet.finish();
    expect(section.items?.singleTurn).toBe(3);
    expect(JSON.stringify(byTest.finish())).toBe(JSON.stringify(section));
  });

  it('yields between bootstrap resamples', () => {
    const section = new LeaderboardAccumulator([{ id: 'a' }], { bootstrap: { iterations: 25 } });
    for (const r of messyRecords(createPrng(1), 1)) if (r.model === 'a') section.add(r);
    const steps = section.finishSteps();
    let yields = 0;
    while (steps.next().done !== true) yields++;
    expect(yields).toBe(25);
  });
});
