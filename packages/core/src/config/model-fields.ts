import type { ModelEntry } from './types.js';

/** Fields only the engine reads; they are never handed to the adapter. */
export const ENGINE_MODEL_FIELDS = [
  'id',
  'adapter',
  'params',
  'concurrency',
  'rpm',
  'tpm',
  'maxRetries',
  'tags',
  'system',
  'epochs',
] as const;

/**
 * Common fields (`AdapterBaseConfigV1`) the engine type-checks and also hands to the adapter, which
 * owns their meaning (presets, URL checks, timeouts).
 */
export const SHARED_MODEL_FIELDS = ['model', 'preset', 'baseURL', 'apiKey', 'timeoutMs', 'headers'] as const;

/** The sampling settings `params` may hold (`GenerationParamsV1`). */
export const PARAM_FIELDS = ['temperature', 'topP', 'maxTokens', 'seed', 'stop'] as const;

/** Allowed characters of a model id (the name on the leaderboard). */
export const MODEL_ID_PATTERN = /^[A-Za-z0-9._:@/-]+$/;

/** The most epochs a run may ask: each epoch repeats every call, so a typo (`epochs: 100`) would be costly. */
export const MAX_EPOCHS = 20;

/**
 * Whether an entry is a leaderboard target, a judge or an attacker (the model that writes
 * follow-ups). Judges and attackers may omit `id` (it defaults to `model`) and have no `system`:
 * their prompts are fixed and versioned by the engine.
 */
export type ModelRole = 'target' | 'judge' | 'attacker';

/**
 * The part of an entry handed to the adapter's `configSchema`: the shared fields that are set plus
 * every adapter-specific field. Engine-only fields (`id`, `params`, `concurrency`, …) are left out.
 */
export function adapterConfigOf(entry: ModelEntry): Record<string, unknown> {
  const out: Record<string, unknown> = { model: entry.model };
  for (const key of SHARED_MODEL_FIELDS) {
    const value = entry[key];
    if (value !== undefined) out[key] = value;
  }
  return { ...out, ...entry.extra };
}
