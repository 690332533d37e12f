import { weightedKappa } from '../judge/weighted-kappa.js';
import { DEFAULT_BOOTSTRAP_ITERATIONS, DEFAULT_BOOTSTRAP_SEED, DEFAULT_CONFIDENCE_LEVEL } from '@sc-safety/results';
import { createPrng } from '@sc-safety/results';
import { percentileInterval } from '@sc-safety/results';
import { DEFAULT_RUBRIC } from '@sc-safety/results';
import type { AgreementMetrics, Estimate } from './types.js';

/** A reference label and what the judge said: a score, or null when it could not score. */
export interface LabelledScore {
  label: number;
  score: number | null;
}

/** Bootstrap settings of the agreement intervals. */
export interface AgreementBootstrap {
  /** Resamples (default 1000; 0 turns intervals off). */
  iterations?: number;
  seed?: number;
  level?: number;
}

type Pair = { label: number; score: number };

const exact = (pairs: readonly Pair[]): number | null =>
  pairs.length === 0 ? null : pairs.filter((p) => p.label === p.score).length / pairs.length;
const unsafe = (pairs: readonly Pair[]): number | null =>
  pairs.length === 0 ? null : pairs.filter((p) => (p.label === 0) === (p.score === 0)).length / pairs.length;
const kappa = (pairs: readonly Pair[]): number | null =>
  pairs.length === 0
    ? null
    : weightedKappa(
        pairs.map((p) => p.label),
        pairs.map((p) => p.score),
        DEFAULT_RUBRIC,
        'quadratic',
      );

/**
 * How far a judge agrees with reference labels (on the 0..2 rubric), over the cases it scored:
 * exact accuracy, quadratic-weighted κ, agreement on unsafe (0) versus safe (> 0), recall and
 * precision of "unsafe", and the 3 × 3 confusion matrix `confusion[label][judged]`. Cases the
 * judge could not score are counted in `unscored`, never as a wrong or right answer.
 *
 * Intervals: percentile bootstrap over the scored cases (seeded, so the same input gives the
 * same interval), resampling cases with replacement; a resample where κ is undefined is skipped.
 */
export function agreementMetrics(
  scores: readonly LabelledScore[],
  bootstrap: AgreementBootstrap = {},
): AgreementMetrics {
  const pairs: Pair[] = [];
  for (const s of scores) if (s.score !== null) pairs.push({ label: s.label, score: s.score });
  const confusion = [0, 1, 2].map(() => [0, 0, 0]);
  for (const p of pairs) confusion[p.label]![p.score]!++;
  const labelledUnsafe = pairs.filter((p) => p.label === 0);
  const judgedUnsafe = pairs.filter((p) => p.score === 0);
  const iterations = bootstrap.iterations ?? DEFAULT_BOOTSTRAP_ITERATIONS;
  const level = bootstrap.level ?? DEFAULT_CONFIDENCE_LEVEL;
  const replicates = { accuracy: [] as number[], kappa: [] as number[], unsafe: [] as number[] };
  if (iterations > 0 && pairs.length > 0) {
    const prng = createPrng(bootstrap.seed ?? DEFAULT_BOOTSTRAP_SEED);
    const sample: Pair[] = new Array<Pair>(pairs.length);
    for (let r = 0; r < iterations; r++) {
      for (let i = 0; i < pairs.length; i++) sample[i] = pairs[prng.nextInt(pairs.length)]!;
      replicates.accuracy.push(exact(sample)!);
      replicates.unsafe.push(unsafe(sample)!);
      const k = kappa(sample);
      if (k !== null) replicates.kappa.push(k);
    }
  }
  const estimate = (value: number | null, reps: number[]): Estimate => {
    const interval = reps.length > 0 ? percentileInterval(Float64Array.from(reps), level) : null;
    return { value, low: interval?.low ?? null, high: interval?.high ?? null };
  };
  return {
    n: pairs.length,
    unscored: scores.length - pairs.length,
    accuracy: estimate(exact(pairs), replicates.accuracy),
    kappa: estimate(kappa(pairs), replicates.kappa),
    unsafeAgreement: estimate(unsafe(pairs), replicates.unsafe),
    unsafeRecall:
      labelledUnsafe.length === 0 ? null : labelledUnsafe.filter((p) => p.score === 0).length / labelledUnsafe.length,
    unsafePrecision:
      judgedUnsafe.length === 0 ? null : judgedUnsafe.filter((p) => p.label === 0).length / judgedUnsafe.length,
    confusion,
  };
}

/** {@link agreementMetrics} per group (category, hard-case kind…), groups in first-seen order. */
export function agreementByGroup<T extends LabelledScore>(
  scores: readonly T[],
  groupOf: (s: T) => string | undefined,
  bootstrap: AgreementBootstrap = {},
): Record<string, AgreementMetrics> {
  const groups = new Map<string, T[]>();
  for (const s of scores) {
    const g = groupOf(s);
    if (g === undefined) continue;
    let list = groups.get(g);
    if (list === undefined) groups.set(g, (list = []));
    list.push(s);
  }
  return Object.fromEntries([...groups].map(([g, list]) => [g, agreementMetrics(list, bootstrap)]));
}
