import type { LanguageModelV1 } from '@sc-safety/spec';
import type { PreparedModel } from '../config/prepare-models.js';
import type { AdaptiveFollowupsSettings } from '../config/types.js';
import type { EngineStore } from '../engine/engine-store.js';
import { ModelLane, type LaneLimits, type LaneStop } from '../engine/lane.js';
import type { TurnSource } from '../engine/turn-source.js';
import type { ManifestFollowups } from '@sc-safety/results';
import { ADAPTIVE_ATTACKER_PROMPT_VERSION } from '../followups/adaptive-prompt-template.js';
import { adaptiveTurnSource } from '../followups/adaptive-turn-source.js';
import { adaptiveAttackerPromptHash } from '../followups/attacker-prompt-hash.js';
import type { StrategyId } from '@sc-safety/results';
import type { Taxonomy } from '@sc-safety/results';
import { keyConfigOf } from './prepare-run.js';
import type { StoredRunPlan } from './run-plan.js';

/**
 * The plan's record of an adaptive run: the manifest's `followups` and the attacker's key parts.
 * `ignored`: the safety items whose written follow-ups the attacker's turns replace.
 */
export function adaptivePlan(
  settings: AdaptiveFollowupsSettings,
  attacker: PreparedModel,
  ignored: number,
): NonNullable<StoredRunPlan['followups']> {
  const manifest: ManifestFollowups = {
    mode: 'adaptive',
    turns: settings.turns,
    strategies: [...settings.strategies],
    seed: settings.seed,
    maxChars: settings.maxChars,
    attacker: {
      id: attacker.entry.id,
      adapter: `${attacker.definition.name}@${attacker.definition.version}`,
      model: attacker.entry.model,
      params: attacker.entry.params,
      promptVersion: ADAPTIVE_ATTACKER_PROMPT_VERSION,
      promptHash: adaptiveAttackerPromptHash(settings.maxChars),
    },
    datasetFollowupsIgnored: ignored,
  };
  return {
    manifest,
    attackerKey: { adapterName: attacker.definition.name, keyConfig: keyConfigOf(attacker.adapterConfig) },
  };
}

/**
 * The turn source of an adaptive run from its plan: one attacker lane shared by every target.
 * `replay` reads stored turns only (`sc-safety score`); the model is then never called.
 */
export function adaptiveSourceOf(
  followups: NonNullable<StoredRunPlan['followups']>,
  context: {
    model: LanguageModelV1;
    limits: LaneLimits;
    store: EngineStore;
    taxonomy: Taxonomy;
    replay?: boolean;
    signal?: AbortSignal;
    redact?: (text: string) => string;
    onRetry?: (info: { attempt: number; delayMs: number; errorKind: string }) => void;
    onStop?: (stop: LaneStop) => void;
  },
): TurnSource {
  const m = followups.manifest;
  const lane = new ModelLane(`attacker:${m.attacker.id}`, context.model, context.limits, (info) =>
    context.onRetry?.({ attempt: info.attempt, delayMs: info.delayMs, errorKind: info.error.kind }),
  );
  return adaptiveTurnSource({
    attacker: {
      id: m.attacker.id,
      adapterName: followups.attackerKey.adapterName,
      keyConfig: followups.attackerKey.keyConfig,
      params: m.attacker.params,
      lane,
    },
    store: context.store,
    strategies: m.strategies as StrategyId[],
    seed: m.seed,
    turns: m.turns,
    maxChars: m.maxChars,
    taxonomy: context.taxonomy,
    promptHash: m.attacker.promptHash,
    ...(context.replay ? { replay: true } : {}),
    ...(context.signal ? { signal: context.signal } : {}),
    ...(context.redact ? { redact: context.redact } : {}),
    ...(context.onStop ? { onStop: context.onStop } : {}),
  });
}
