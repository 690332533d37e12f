import type { PreparedTarget } from '../engine/types.js';
import type { ManifestWarning } from '@sc-safety/results';

/**
 * How a target's epochs 2… are seeded (see `engine/epochs.ts`): `config` when its params fix a
 * seed (kept as it is), `unsupported` when its adapter says seeds are ignored, else `epoch` (a seed
 * derived from the epoch is sent). Undefined for a single-epoch target.
 */
export function epochSeedMode(target: PreparedTarget): 'epoch' | 'config' | 'unsupported' | undefined {
  if ((target.epochs ?? 1) <= 1) return undefined;
  if (target.params.seed !== undefined) return 'config';
  return target.model.capabilities.seed === false ? 'unsupported' : 'epoch';
}

/** The run warning for a target whose epochs cannot be seeded, or undefined. */
export function epochSeedWarning(
  target: PreparedTarget,
  mode: ReturnType<typeof epochSeedMode>,
): ManifestWarning | undefined {
  if (mode !== 'unsupported') return undefined;
  return {
    code: 'epochs-seed-unsupported',
    message: `${target.id}: its adapter ignores seeds, so its ${target.epochs} epochs differ only by the vendor's own sampling (set a temperature above 0)`,
    models: [target.id],
  };
}
