import type { LaneLimits } from '../lane.js';
import type { PreparedJudge, PreparedTarget } from '../types.js';
import { scriptedModel } from './scripted-model.js';
import type { Script } from './scripted-model.js';

/** The model a scripted target or judge runs, with the requests it received. */
export type ScriptedModel = ReturnType<typeof scriptedModel>;

/** The adapter every scripted test model is recorded under. */
export const SCRIPTED_ADAPTER = { name: 'scripted', version: '1.0.0', packageName: 'scripted' };

/**
 * A target answering from `script`, keyed by its id and with no tags or params; `extra` adds or
 * overrides fields (system, epochs, params…).
 */
export function scriptedTarget(
  id: string,
  script: Script,
  limits: LaneLimits,
  extra: Partial<Omit<PreparedTarget, 'model'>> = {},
): PreparedTarget & { model: ScriptedModel } {
  return {
    id,
    tags: [],
    adapter: SCRIPTED_ADAPTER,
    model: scriptedModel(id, script),
    keyConfig: { model: id },
    params: {},
    limits,
    ...extra,
  };
}

/** A judge answering from `script`, keyed by `keyConfig` (its id by default) and with no params. */
export function scriptedJudge(
  id: string,
  script: Script,
  limits: LaneLimits,
  keyConfig: unknown = { model: id },
): PreparedJudge & { model: ScriptedModel } {
  return { id, adapter: SCRIPTED_ADAPTER, model: scriptedModel(id, script), keyConfig, params: {}, limits };
}
