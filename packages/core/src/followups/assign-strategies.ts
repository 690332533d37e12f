import { createHash } from 'node:crypto';
import type { StrategyId } from '@sc-safety/results';

/**
 * The strategies one item's follow-ups use: `perItem` distinct ones from `strategies`, ranked by
 * sha256(`seed`, item id, strategy id). The pick depends only on these, not on the item's position
 * or the other items, so adding or removing items never changes another item's strategies (and
 * its stored attacker calls stay valid). Returned in `strategies` order.
 */
export function assignStrategies(
  itemId: string,
  strategies: readonly StrategyId[],
  perItem: number,
  seed: number,
): StrategyId[] {
  if (perItem >= strategies.length) return [...strategies];
  const rank = (s: StrategyId) => createHash('sha256').update(`${seed}\u0000${itemId}\u0000${s}`, 'utf8').digest('hex');
  const chosen = new Set(
    strategies
      .map((s) => ({ s, r: rank(s) }))
      .sort((a, b) => (a.r < b.r ? -1 : a.r > b.r ? 1 : 0))
      .slice(0, perItem)
      .map((x) => x.s),
  );
  return strategies.filter((s) => chosen.has(s));
}
