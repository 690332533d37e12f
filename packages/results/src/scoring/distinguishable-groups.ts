import { findComparison } from './paired-comparison.js';
import type { PairComparison } from './paired-comparison.js';

/**
 * Splits a board's models (in board order, best first) into **groups of models that are not
 * distinguishable** from each other, using the paired comparisons:
 *
 * - two models are *distinguishable* when the interval of their paired difference excludes 0;
 *   a missing interval (no bootstrap, no common answers) counts as not distinguishable;
 * - walking down the board, a model **joins the current group** when it is not distinguishable
 *   from *at least one* model already in it, and **starts a new group** when it is
 *   distinguishable from every one of them.
 *
 * So groups are contiguous runs of the board, every model in a group is linked to the others by a
 * chain of not-distinguishable pairs, and the first model of a group is distinguishable from every
 * model of the group above it. (Not distinguishable is not transitive: the two ends of a long
 * group may themselves differ; the pairwise table says which.) Returns each model's group number,
 * 1 for the top group.
 */
export function distinguishableGroups(order: readonly string[], comparisons: readonly PairComparison[]): number[] {
  const groups: number[] = [];
  let current: string[] = [];
  let group = 0;
  for (const model of order) {
    const joins = current.some((other) => findComparison(comparisons, model, other)?.distinguishable !== true);
    if (!joins) {
      group++;
      current = [];
    }
    current.push(model);
    groups.push(group);
  }
  return groups;
}
