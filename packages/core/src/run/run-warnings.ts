import { ROUNDS_ASKED } from '../engine/rounds.js';
import type { ManifestServedModel, ManifestWarning } from '@sc-safety/results';

/** A model or judge as the judge-is-target check compares them: adapter name and vendor model id. */
export interface ModelIdentity {
  id: string;
  adapter: string;
  /** The vendor's model id from the config (`model:`), when there is one. */
  model: string | undefined;
}

/** The vendor model id of an adapter config (every adapter's config has `model`). */
export function configModelId(config: unknown): string | undefined {
  const model = (config as { model?: unknown } | null)?.model;
  return typeof model === 'string' && model !== '' ? model : undefined;
}

/**
 * A judge that is also a model under test grades its own answers. Matched by the same adapter and
 * model id in the config, or, once answers are in, by a served id both reported. One warning per
 * judge and target.
 */
export function judgeTargetWarnings(
  targets: readonly ModelIdentity[],
  judges: readonly ModelIdentity[],
  served?: { targets: Record<string, ManifestServedModel>; judges: ReadonlyMap<string, ReadonlySet<string>> },
): ManifestWarning[] {
  const warnings: ManifestWarning[] = [];
  for (const judge of judges) {
    for (const target of targets) {
      const configured = judge.model !== undefined && judge.adapter === target.adapter && judge.model === target.model;
      const shared = configured ? undefined : sharedServedId(served?.targets[target.id], served?.judges.get(judge.id));
      if (!configured && shared === undefined) continue;
      const why = configured ? `same adapter and model: ${judge.adapter}, ${judge.model}` : `both served by ${shared}`;
      warnings.push({
        code: 'judge-is-target',
        message: `judge ${judge.id} is also a model under test (${target.id}; ${why}): it grades its own answers.`,
        models: [target.id, judge.id],
      });
    }
  }
  return warnings;
}

function sharedServedId(
  target: ManifestServedModel | undefined,
  judge: ReadonlySet<string> | undefined,
): string | undefined {
  if (target === undefined || judge === undefined) return undefined;
  return target.versions.map((v) => v.id).find((id): id is string => id !== undefined && judge.has(id));
}

/** One warning per model whose served version changed mid-run. */
export function servedChangeWarnings(servedModels: Record<string, ManifestServedModel>): ManifestWarning[] {
  return Object.entries(servedModels)
    .filter(([, served]) => served.changed)
    .map(([model, served]) => ({
      code: 'served-model-changed',
      message: `${model}: the served model changed mid-run (${served.versions.length} versions: ${served.versions
        .map((v) => `${[v.id, v.fingerprint, v.digest, v.path].filter(Boolean).join(' ')} × ${v.answers}`)
        .join(', ')}); its scores mix them.`,
      models: [model],
      count: served.versions.length,
    }));
}

/** Whether an item has turns a run never asks ({@link ROUNDS_ASKED}). */
export function hasExtraTurns(item: { turns: { readonly length: number } }): boolean {
  return item.turns.length > ROUNDS_ASKED;
}

/** Items with more turns than the run asks: one warning with the count of items {@link hasExtraTurns} found. */
export function extraTurnsWarningOf(count: number): ManifestWarning | undefined {
  if (count === 0) return undefined;
  return {
    code: 'extra-turns',
    message: `${count} dataset item(s) have more than ${ROUNDS_ASKED} turns; a run asks ${ROUNDS_ASKED} rounds, so their later turns are not asked.`,
    count,
  };
}
