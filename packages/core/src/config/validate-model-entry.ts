import type { GenerationParamsV1 } from '@sc-safety/spec';
import type { ParsedModelEntry } from './model-entry-schema.js';
import { ENGINE_MODEL_FIELDS, SHARED_MODEL_FIELDS } from './model-fields.js';
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
