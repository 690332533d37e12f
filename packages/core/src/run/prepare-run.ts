import type { LanguageModelV1 } from '@sc-safety/spec';
import { keyModelConfig } from '../store/key-builders.js';
import type { PreparedModel } from '../config/prepare-models.js';
import type { LaneLimits } from '../engine/lane.js';
import type { PreparedJudge, PreparedTarget } from '../engine/types.js';

/**
 * The adapter config as it enters content addresses (and the stored run plan): secrets, pacing and
 * transport settings removed (see `keyModelConfig`).
 */
export function keyConfigOf(adapterConfig: unknown): unknown {
  return keyModelConfig(adapterConfig);
}

export const DEFAULT_TIMEOUT_MS = 120_000;

export function laneLimits(p: PreparedModel, overrides: Partial<LaneLimits> = {}): LaneLimits {
  const e = p.entry;
  return {
    concurrency: e.concurrency,
    ...(e.rpm !== undefined ? { rpm: e.rpm } : {}),
    ...(e.tpm !== undefined ? { tpm: e.tpm } : {}),
    // The adapter enforces its own timeout too; ours is a backstop a little later.
    timeoutMs: (e.timeoutMs ?? DEFAULT_TIMEOUT_MS) + 5_000,
    maxRetries: e.maxRetries,
    ...overrides,
  };
}

function adapterInfo(p: PreparedModel) {
  return { name: p.definition.name, version: p.definition.version, packageName: p.packageName };
}

export async function createModel(p: PreparedModel, env: Record<string, string | undefined>): Promise<LanguageModelV1> {
  return await p.definition.create(p.adapterConfig, { env });
}

export function toTarget(p: PreparedModel, model: LanguageModelV1, limits?: Partial<LaneLimits>): PreparedTarget {
  return {
    id: p.entry.id,
    tags: p.entry.tags,
    adapter: adapterInfo(p),
    model,
    keyConfig: keyConfigOf(p.adapterConfig),
    params: p.entry.params,
    limits: laneLimits(p, limits),
    ...(p.entry.system !== undefined ? { system: p.entry.system } : {}),
    ...(p.entry.epochs !== undefined && p.entry.epochs > 1 ? { epochs: p.entry.epochs } : {}),
  };
}

export function toJudge(p: PreparedModel, model: LanguageModelV1, limits?: Partial<LaneLimits>): PreparedJudge {
  return {
    id: p.entry.id,
    adapter: adapterInfo(p),
    model,
    keyConfig: keyConfigOf(p.adapterConfig),
    // Judges default to deterministic sampling unless the config says otherwise.
    params: { temperature: 0, ...p.entry.params },
    limits: laneLimits(p, limits),
  };
}
