import type { GenerationParamsV1 } from '@sc-safety/spec';
import type { DatasetHeaderInfo } from '../dataset/types.js';
import type { EnginePolicies } from '../engine/policies.js';
import type { JudgeCheckSummary } from '../judge-check/summary.js';
import type { ManifestFollowups } from '@sc-safety/results';

/**
 * Everything needed to rebuild a run's rows from its store without calling anything: stored in
 * the store's meta table by `run`, read by `score` and `merge`. Holds no secrets.
 */
export interface StoredRunPlan {
  version: 1;
  /** `header`: what the dataset's header says about it (absent in plans stored before it was recorded). */
  dataset: {
    ref: string;
    path: string;
    fingerprint: string;
    items: number;
    header?: DatasetHeaderInfo;
    /** The contrast set (`contrast:`), when the run names one. */
    contrast?: { ref: string; path: string; fingerprint: string; items: number };
  };
  limit?: number;
  shard?: { index: number; count: number };
  targets: Array<{
    id: string;
    tags: string[];
    adapter: { name: string; version: string; packageName: string };
    keyConfig: unknown;
    params: GenerationParamsV1;
    system?: string;
    manifestConfig: unknown;
    /** Epochs asked (absent = 1) and how epochs 2… were seeded. */
    epochs?: number;
    epochSeed?: 'epoch' | 'config' | 'unsupported';
  }>;
  judges: Array<{
    id: string;
    adapter: { name: string; version: string; packageName: string };
    keyConfig: unknown;
    params: GenerationParamsV1;
    model: string;
  }>;
  panel: { aggregate: 'median' | 'majority' };
  policies: EnginePolicies;
  judge: {
    promptHash: string;
    promptVersion: string;
    parserVersion: string;
    check?: JudgeCheckSummary;
    /** The contrast rubric's prompt hash and version, when the run asks contrast items. */
    contrast?: { promptHash: string; promptVersion: string };
    /** Adaptive runs: the hash judgments of turns ≥ 3 are keyed under (the multi-turn template). */
    multiTurnPromptHash?: string;
  };
  /** Adaptive runs only: the manifest's `followups` and what the attacker's turns are keyed under. */
  followups?: { manifest: ManifestFollowups; attackerKey: { adapterName: string; keyConfig: unknown } };
}

export const RUN_PLAN_META_KEY = 'run-plan';
