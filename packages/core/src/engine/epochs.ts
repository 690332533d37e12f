import type { GenerationParamsV1 } from '@sc-safety/spec';

/**
 * Repeated sampling (`epochs: k`): every item is asked k times, each time as an independent
 * conversation (its round 2 carries that epoch's own round-1 answer), stored under its own key.
 */

/** The seed sent in epoch `epoch` (≥ 2) when the model's params set none: fixed, so a re-run asks the same. */
export function epochSeed(epoch: number): number {
  // A fixed odd multiplier spreads consecutive epochs over the 31-bit range every vendor accepts.
  return (Math.imul(epoch, 0x9e3779b1) >>> 1) % 2_147_483_647;
}

/**
 * The sampling settings of one epoch. Epoch 1 sends the params exactly as configured (so runs and
 * stores from before epochs existed are epoch 1 unchanged). A later epoch adds
 * `seed = epochSeed(epoch)` when the params set no seed, so vendors that honour seeds draw a
 * different, reproducible sample; a configured seed is kept as it is (the epochs then differ only
 * where the vendor is not deterministic).
 */
export function epochParams(params: GenerationParamsV1, epoch: number): GenerationParamsV1 {
  if (epoch <= 1 || params.seed !== undefined) return params;
  return { ...params, seed: epochSeed(epoch) };
}

/** One unit of a target's work: an item position and an epoch (1-based). */
export interface EpochUnit {
  index: number;
  epoch: number;
}

/**
 * The work unit at position `u` of a target's `items × epochs` units, item-major: every epoch of
 * an item is started before the next item, so a run stopped half-way has whole items.
 */
export function epochUnit(u: number, epochs: number): EpochUnit {
  return { index: Math.floor(u / epochs), epoch: (u % epochs) + 1 };
}
