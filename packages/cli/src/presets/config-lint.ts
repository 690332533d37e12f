import type { RunConfig, RunConfigProblem } from '@sc-safety/core';
import { ANTHROPIC_KEY_VARIABLE, formatRange, inRange, type PresetInfo } from './preset-catalog.js';

/** A model entry whose key the environment does not hold. */
export interface MissingKey {
  path: string;
  id: string;
  variable: string;
}

/** What {@link lintRunConfig} found. */
export interface ConfigLint {
  /** Settings outside their preset's documented range: errors (exit 2), each naming its field. */
  problems: RunConfigProblem[];
  /** Entries of the bundled adapters that rely on an environment variable that is not set. */
  missingKeys: MissingKey[];
}

const ADAPTER_OF: Readonly<Record<string, 'openai' | 'http' | 'anthropic'>> = {
  openai: 'openai',
  '@sc-safety/adapter-openai': 'openai',
  http: 'http',
  '@sc-safety/adapter-http': 'http',
  anthropic: 'anthropic',
  '@sc-safety/adapter-anthropic': 'anthropic',
};

type Entry = RunConfig['models'][number];

function entriesOf(config: RunConfig, models: readonly string[] | undefined): Array<{ path: string; entry: Entry }> {
  const only = models === undefined ? undefined : new Set(models);
  const list = config.models
    .map((entry, i) => ({ path: `models[${i}]`, entry }))
    .filter((e) => only === undefined || only.has(e.entry.id));
  if (config.judge) list.push({ path: 'judge', entry: config.judge });
  (config.judges ?? []).forEach((entry, i) => list.push({ path: `judges[${i}]`, entry }));
  return list;
}

/** The bundled adapters with presets that a config's entries use: only their catalogs need loading. */
export function presetAdaptersOf(config: RunConfig, models?: readonly string[]): Array<'openai' | 'http'> {
  const used = new Set(entriesOf(config, models).map(({ entry }) => ADAPTER_OF[entry.adapter]));
  return (['openai', 'http'] as const).filter((a) => used.has(a));
}

/**
 * Checks what the bundled adapters' presets say about a loaded config without loading any adapter
 * a config names: sampling settings against the preset's ranges (a vendor refuses or silently
 * clamps them, so `temperature: 5` on a 0–2 vendor would measure something else), and which keys
 * the environment is missing. Entries of other adapters are left to those adapters.
 */
export function lintRunConfig(
  config: RunConfig,
  catalog: readonly PresetInfo[],
  env: Readonly<Record<string, string | undefined>>,
  options: { models?: readonly string[] } = {},
): ConfigLint {
  const problems: RunConfigProblem[] = [];
  const missingKeys: MissingKey[] = [];
  for (const { path, entry } of entriesOf(config, options.models)) {
    const adapter = ADAPTER_OF[entry.adapter];
    if (adapter === undefined) continue;
    const presetName = adapter === 'openai' ? (entry.preset ?? 'openai') : entry.preset;
    const preset =
      presetName === undefined ? undefined : catalog.find((p) => p.adapter === adapter && p.name === presetName);
    if (preset) {
      for (const [key, r] of Object.entries(preset.params)) {
        const value = (entry.params as Record<string, unknown>)[key];
        if (typeof value !== 'number' || r === undefined || inRange(value, r)) continue;
        problems.push({
          path: `${path}.params.${key}`,
          message: `${value} is outside the range ${formatRange(r)} that ${preset.label} accepts (preset ${preset.name}); use a value in that range (sc-safety presets lists every range)`,
        });
      }
    }
    // An `apiKey` in the entry (even an unset ${VAR}, reported where the config is read) wins.
    if (entry.apiKey !== undefined) continue;
    const named = typeof entry.extra.apiKeyEnv === 'string' ? entry.extra.apiKeyEnv : undefined;
    const variable = named ?? (adapter === 'anthropic' ? ANTHROPIC_KEY_VARIABLE : preset?.keyVariable);
    const required = named !== undefined || adapter === 'anthropic' || (preset?.requiresKey ?? false);
    if (variable !== undefined && required && (env[variable] ?? '').trim() === '')
      missingKeys.push({ path, id: entry.id, variable });
  }
  return { problems, missingKeys };
}
