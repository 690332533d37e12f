import type { LanguageModelV1 } from '@sc-safety/spec';
import { RunConfigError, type RunConfigProblem } from '../config/run-config-error.js';
import { redactSecrets } from '../config/secret-fields.js';
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

/**
 * Creates the model of every prepared entry. A missing API key is a config problem found before any
 * call: every entry without one is listed (not just the first), as one `RunConfigError`.
 *
 * @throws RunConfigError listing every entry whose key is missing; any other creation error as it is.
 */
export async function createModels(
  prepared: readonly PreparedModel[],
  env: Record<string, string | undefined>,
  options: { file?: string; secrets?: readonly string[] } = {},
): Promise<Map<PreparedModel, LanguageModelV1>> {
  const created = new Map<PreparedModel, LanguageModelV1>();
  const keyProblems: RunConfigProblem[] = [];
  let other: unknown;
  for (const p of prepared) {
    try {
      created.set(p, await createModel(p, env));
    } catch (error) {
      // LoadApiKeyError comes from the adapter's copy of adapter-utils: matched by name.
      if (error instanceof Error && error.name === 'LoadApiKeyError') {
        keyProblems.push({ path: `${p.path}.apiKey`, message: redactSecrets(error.message, options.secrets ?? []) });
      } else {
        other ??= error;
      }
    }
  }
  if (keyProblems.length === 0 && other === undefined) return created;
  await Promise.all([...created.values()].map((m) => m.close?.()));
  if (other !== undefined) throw other;
  throw new RunConfigError(keyProblems, options.file === undefined ? {} : { file: options.file });
}

/** The key under which preflight groups entries: one probe per adapter × config (endpoint, model, key). */
export function endpointKeyOf(p: PreparedModel): string {
  return JSON.stringify([p.definition.name, p.adapterConfig]);
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
