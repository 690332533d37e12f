import type { LanguageModelV1 } from './model.js';
import type { ConfigSchemaV1 } from './schema.js';
import { SPECIFICATION_VERSION } from './version.js';

/** What the engine passes to `create` besides the adapter's own validated config. */
export interface AdapterContextV1 {
  /** Environment to read API keys from (defaults to `process.env`). */
  env?: Record<string, string | undefined>;
  /** Custom fetch for SDK-based adapters (tests, proxies). */
  fetch?: typeof globalThis.fetch;
  /** Where the adapter may report non-fatal notes. */
  log?: (message: string) => void;
}

/**
 * The common fields every model entry of a run config has (adapter-specific fields sit beside them
 * and are validated by the adapter's `configSchema`).
 */
export interface AdapterBaseConfigV1 {
  /** The vendor's model id. */
  model: string;
  baseURL?: string;
  apiKey?: string;
  preset?: string;
  /** Per-call timeout in milliseconds. */
  timeoutMs?: number;
  headers?: Record<string, string>;
}

/** What an adapter package exports (as `default` or `adapter`). */
export interface AdapterDefinitionV1<Config = unknown> {
  /** Short name used in run configs, e.g. `openai`. */
  readonly name: string;
  /** The adapter package's own version, recorded in every result. */
  readonly version: string;
  readonly specificationVersion: 'v1';
  /** Validates the model entry of a run config. */
  readonly configSchema: ConfigSchemaV1<Config>;
  /** Builds a model from a validated config. */
  create(config: Config, context?: AdapterContextV1): LanguageModelV1 | Promise<LanguageModelV1>;
}

/** Declares an adapter. Identity function with type checking and a version stamp. */
export function defineAdapter<Config>(
  definition: Omit<AdapterDefinitionV1<Config>, 'specificationVersion'> & { specificationVersion?: 'v1' },
): AdapterDefinitionV1<Config> {
  return { ...definition, specificationVersion: definition.specificationVersion ?? SPECIFICATION_VERSION };
}
