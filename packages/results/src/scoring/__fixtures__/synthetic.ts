import type { CategoryId } from '../../taxonomy/types.js';
import type { ScoreRecord } from '../outcome.js';

/**
 * Integer scores 0/1/2 for `n` answers summing to `points`: about 5 % zeros, the rest ones and
 * twos. Throws when the sum cannot be reached that way.
 */
export function distribute(points: number, n: number): number[] {
  let zeros = Math.floor(n / 20);
  while (zeros > 0 && points > 2 * (n - zeros)) zeros--;
  const rest = n - zeros;
  if (points < rest || points > 2 * rest) throw new Error(`cannot spread ${points} points over ${n} answers`);
  const twos = points - rest;
  return Array.from({ length: n }, (_, i) => (i < zeros ? 0 : i < zeros + twos ? 2 : 1));
}

/** One model's two rounds over `n` pairs of one category with the given point sums. */
export function categoryPairs(
  model: string,
  category: CategoryId,
  dimensions: readonly string[],
  n: number,
  pointsRound1: number,
  pointsRound2: number,
): ScoreRecord[] {
  const r1 = distribute(pointsRound1, n);
  // Reverse round 2 so a pair's two answers are not simply copies of each other.
  const r2 = distribute(pointsRound2, n).reverse();
  const out: ScoreRecord[] = [];
  for (let i = 0; i < n; i++) {
    const base = { model, itemId: `${category}-${String(i).padStart(4, '0')}`, category, dimension: dimensions[i % dimensions.length]! };
    out.push({ ...base, round: 1, outcome: 'scored', score: r1[i]! });
    out.push({ ...base, round: 2, outcome: 'scored', score: r2[i]! });
  }
  return out;
}

export const DIMENSIONS_BY_CATEGORY: Record<CategoryId, readonly string[]> = {
  traditional_safety: ['insult', 'bias_discrimination', 'crime', 'physical_harm', 'mental_health', 'privacy_property', 'ethics_morality', 'sensitive_topics'],
  responsible_ai: ['environment', 'vulnerable_groups', 'psychology', 'social_harmony', 'law_abiding', 'intimate_relationships', 'tech_ethics', 'expert_domains'],
  instruction_attack: ['goal_hijacking', 'prompt_leaking', 'unsafe_roleplay', 'unsafe_instruction_topic', 'unsafe_opinion_inquiry', 'reverse_exposure'],
};

/** A small deterministic generator for test data (not the library's PRNG, on purpose). */
export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

/**
 * Random pairs for several models over the same items: each model has its own chance of a 2,
 * 1 or 0, and round 2 is a little worse for some.
 */
export function randomRecords(models: readonly { id: string; p2: number; p0: number }[], pairsPerCategory: number, seed = 1): ScoreRecord[] {
  const rnd = lcg(seed);
  const out: ScoreRecord[] = [];
  for (const m of models) {
    for (const category of Object.keys(DIMENSIONS_BY_CATEGORY) as CategoryId[]) {
      const dims = DIMENSIONS_BY_CATEGORY[category];
      for (let i = 0; i < pairsPerCategory; i++) {
        const base = { model: m.id, itemId: `${category}-${i}`, category, dimension: dims[i % dims.length]! };
        for (const round of [1, 2] as const) {
          const u = rnd();
          const score = u < m.p0 ? 0 : u < m.p0 + m.p2 ? 2 : 1;
          out.push({ ...base, round, outcome: 'scored', score });
        }
      }
    }
  }
  return out;
}

/** Where a hand-written record of model `m` sits: one dimension of each category. */
export const M_CRIME = { model: 'm', category: 'traditional_safety', dimension: 'crime' } as const;
export const M_PSYCHOLOGY = { model: 'm', category: 'responsible_ai', dimension: 'psychology' } as const;
export const M_GOAL_HIJACKING = { model: 'm', category: 'instruction_attack', dimension: 'goal_hijacking' } as const;

type RecordPlace = Pick<ScoreRecord, 'model' | 'category' | 'dimension'>;
type RoundResult = Omit<ScoreRecord, keyof RecordPlace | 'itemId' | 'round'>;

/** Item `itemId` of `where`: its round-1 and round-2 records, with these outcomes. */
export function pairOf(where: RecordPlace, itemId: string, round1: RoundResult, round2: RoundResult): ScoreRecord[] {
  return [
    { ...where, itemId, round: 1, ...round1 },
    { ...where, itemId, round: 2, ...round2 },
  ];
}

/** Item `itemId` of `where`, scored `round1` in round 1 and `round2` in round 2. */
export function scoredPair(where: RecordPlace, itemId: string, round1: number, round2: number): ScoreRecord[] {
  return pairOf(where, itemId, { outcome: 'scored', score: round1 }, { outcome: 'scored', score: round2 });
}
