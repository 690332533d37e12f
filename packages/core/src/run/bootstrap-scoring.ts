import type { LeaderboardSectionOptions } from '@sc-safety/results';

/**
 * The results builder's `scoring` option for a bootstrap resample count (`--bootstrap N`): N
 * resamples, 0 turns the intervals off, and no count keeps the builder's default.
 */
export function bootstrapScoring(iterations: number | undefined): { scoring?: LeaderboardSectionOptions } {
  if (iterations === undefined) return {};
  return { scoring: iterations > 0 ? { bootstrap: { iterations } } : { bootstrap: false } };
}
