import { describe, expect, it } from 'vitest';
import { randomRecords } from './__fixtures__/synthetic.js';
import { bootstrapScores } from './bootstrap.js';
import { buildLeaderboardSection } from './leaderboard-section.js';
import { scoreModels } from './model-scores.js';
import type { ScoreRecord } from './outcome.js';
import { pairStats } from './pair-stats.js';

const base: ScoreRecord[] = randomRecords(
  [
    { id: 'closed-a', p2: 0.7, p0: 0.05 },
    { id: 'open-b', p2: 0.5, p0: 0.1 },
  ],
  30,
);
// Some answers that were not scored, including a block the policy scored as 1.
const RECORDS: ScoreRecord[] = base.map((r, i) => {
  if (i % 17 === 0) return { ...r, outcome: 'judge_unparseable', score: undefined };
  if (i % 23 === 0)
    return {
      ...r,
      outcome: 'scored',
      score: 1,
      vendorBlocked: true,
      block: { stage: 'output', code: 'content_filter' },
    };
  return r;
});
const MODELS = [{ id: 'closed-a' }, { id: 'open-b', tags: ['open'] }, { id: 'not-run', tags: ['open'] }];

/** Throws on any number JSON cannot carry, so results.json never holds a silent null. */
function strictJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => {
    if (typeof v === 'number' && !Number.isFinite(v)) throw new Error(`non-finite number in output: ${String(v)}`);
    return v;
  });
}

describe('buildLeaderboardSection', () => {
  const section = buildLeaderboardSection(RECORDS, MODELS, { bootstrap: { iterations: 300, seed: 4 } });

  it('carries per-model scores, counts, coverage, CIs and pair statistics', () => {
    const [a] = scoreModels(RECORDS);
    const entry = section.models['closed-a']!;
    expect(entry.tags).toEqual([]);
    expect(entry.total).toBe(a!.total.score);
    expect(entry.round1).toBe(a!.round1.score);
    expect(entry.round2).toBe(a!.round2.score);
    expect(entry.delta).toBe(a!.delta);
    expect(entry.coverage).toBe(a!.total.coverage);
    expect(entry.coverage).toBeLessThan(1);
    expect(entry.categories.responsible_ai).toEqual({
      total: a!.categories.responsible_ai.total.score,
      round1: a!.categories.responsible_ai.round1.score,
      round2: a!.categories.responsible_ai.round2.score,
      delta: a!.categories.responsible_ai.delta,
      matchedPairs: a!.categories.responsible_ai.matchedPairs,
    });
    expect(entry.dimensions.crime).toMatchObject({
      category: 'traditional_safety',
      total: a!.dimensions.crime!.total.score,
    });
    expect(Object.keys(entry.dimensions)).toHaveLength(22);
    expect(entry.counts.total).toMatchObject({ points: a!.total.points, maxPoints: a!.total.maxPoints, all: 180 });
    expect(entry.counts.total).not.toHaveProperty('score');
    expect(entry.counts.total.blocked.scoredByPolicy).toBeGreaterThan(0);
    expect(entry.counts.round2.outcomes.judge_unparseable).toBe(a!.round2.outcomes.judge_unparseable);
    expect(entry.counts.categories.instruction_attack.round1.all).toBe(30);
    expect(entry.counts.dimensions.goal_hijacking!.total.all).toBe(a!.dimensions.goal_hijacking!.total.all);
    expect(entry.ci).toEqual(bootstrapScores(RECORDS, { iterations: 300, seed: 4 }).models.get('closed-a')!.intervals);
    expect(entry.pairs).toEqual(pairStats(RECORDS).get('closed-a'));
    expect(entry.matchedPairs).toBe(a!.matchedPairs);
    expect(entry.matchedPairs).toBe(entry.pairs.overall.bothScored);
    expect(entry.bounds).toEqual(a!.total.bounds);
    expect(entry.bounds!.worst).toBeLessThan(entry.total!);
    expect(entry.bounds!.best).toBeGreaterThan(entry.total!);
    expect(section.comparisons.all.map((c) => [c.a, c.b])).toEqual([
      ['closed-a', 'open-b'],
      ['closed-a', 'not-run'],
      ['open-b', 'not-run'],
    ]);
    expect(section.comparisons.all[2]).toMatchObject({ answers: 0, difference: null, ci: null, distinguishable: null });
  });

  it('lists a model without records with null scores and zero counts', () => {
    const entry = section.models['not-run']!;
    expect(entry).toMatchObject({
      total: null,
      round1: null,
      round2: null,
      delta: null,
      coverage: null,
      dimensions: {},
    });
    expect(entry.categories.traditional_safety.total).toBeNull();
    expect(entry.counts.total.all).toBe(0);
    expect(entry.ci!.total).toBeNull();
    expect(entry.pairs.overall.bothScored).toBe(0);
    expect(section.boards.openSource.rows.map((r) => [r.model, r.status])).toEqual([
      ['open-b', 'ranked'],
      ['not-run', 'no-score'],
    ]);
  });

  it('holds the boards and the settings, and is plain JSON', () => {
    expect(section.rubric).toEqual({ min: 0, max: 2 });
    expect(section.bootstrap).toEqual({
      iterations: 300,
      seed: 4,
      level: 0.95,
      unit: 'pair',
      method: 'percentile',
      strata: 'dimension',
    });
    expect(section.boards.overall.rows[0]).toMatchObject({ model: 'closed-a', rank: 1 });
    expect(Object.keys(section.boards.categories)).toEqual([
      'traditional_safety',
      'responsible_ai',
      'instruction_attack',
    ]);
    const json = strictJson(section);
    expect(JSON.parse(json)).toEqual(section);
  });

  it('is reproducible and can skip the bootstrap', () => {
    expect(buildLeaderboardSection(RECORDS, MODELS, { bootstrap: { iterations: 300, seed: 4 } })).toEqual(section);
    const plain = buildLeaderboardSection(RECORDS, MODELS, { bootstrap: false });
    expect(plain.bootstrap).toBeNull();
    expect(plain.models['open-b']!.ci).toBeNull();
    expect(plain.boards.overall.rows.every((r) => r.rankCi === null)).toBe(true);
    expect(plain.models['open-b']!.total).toBe(section.models['open-b']!.total);
    // Paired differences are there without a bootstrap too, just without intervals.
    expect(plain.comparisons.all.map((c) => [c.a, c.b, c.difference])).toEqual(
      section.comparisons.all.map((c) => [c.a, c.b, c.difference]),
    );
    expect(plain.comparisons.all.every((c) => c.ci === null && c.distinguishable === null)).toBe(true);
    expect(plain.boards.overall.rows.every((r) => r.group === null)).toBe(true);
  });

  it('refuses records of a model missing from the list', () => {
    expect(() => buildLeaderboardSection(RECORDS, MODELS.slice(1))).toThrow(
      /"closed-a", which is not in the models list/,
    );
  });
});
