import type { GenerationParamsV1 } from '@sc-safety/spec';
import type { ConfigChecker } from './checks.js';
import { parseConfig } from './config-issues.js';
import { modelEntrySchema, type ParsedModelEntry } from './model-entry-schema.js';
import { ENGINE_MODEL_FIELDS, SHARED_MODEL_FIELDS, type ModelRole } from './model-fields.js';
import { RUN_CONFIG_DEFAULTS, type ModelEntry } from './types.js';

const NOT_FOR_ADAPTER = new Set<string>([...ENGINE_MODEL_FIELDS, ...SHARED_MODEL_FIELDS, 'check']);

/**
 * A checked entry with its defaults filled in: `id` defaults to `model` (judges, attackers), the
 * engine's fields are typed, everything else is kept in `extra` for the adapter.
 */
export function toModelEntry(parsed: ParsedModelEntry): ModelEntry {
  const params: GenerationParamsV1 = {};
  for (const [key, value] of Object.entries(parsed.params ?? {}))
    if (value !== undefined) (params as Record<string, unknown>)[key] = value;
  const extra: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(parsed)) if (!NOT_FOR_ADAPTER.has(key)) extra[key] = value;
  const entry: ModelEntry = {
    id: parsed.id ?? parsed.model,
    adapter: parsed.adapter,
    model: parsed.model,
    params,
    concurrency: parsed.concurrency ?? RUN_CONFIG_DEFAULTS.concurrency,
    maxRetries: parsed.maxRetries ?? RUN_CONFIG_DEFAULTS.maxRetries,
    tags: [...new Set(parsed.tags ?? [])],
    extra,
  };
  for (const key of [
    'preset',
    'baseURL',
    'apiKey',
    'timeoutMs',
    'headers',
    'rpm',
    'tpm',
    'system',
    'epochs',
  ] as const) {
    if (parsed[key] !== undefined) (entry as unknown as Record<string, unknown>)[key] = parsed[key];
  }
  return entry;
}

/**
 * Checks one model entry of a config checked by hand (the follow-ups config's `attacker`). Returns
 * the entry when it has no problem, else `undefined` (the problems are on the checker).
 */
export function validateModelEntry(
  raw: unknown,
  path: string,
  role: ModelRole,
  check: ConfigChecker,
): ModelEntry | undefined {
  const parsed = parseConfig(modelEntrySchema(role), raw, { base: path, expandedPaths: check.expandedPaths });
  if (!parsed.ok) {
    for (const p of parsed.problems) check.problem(p.path, p.message);
    return undefined;
  }
  return toModelEntry(parsed.data);
}
