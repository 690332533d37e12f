import path from 'node:path';
import { STRATEGY_IDS } from '@sc-safety/results';
import { isMapping } from '../config/checks.js';
import { parseConfig } from '../config/config-issues.js';
import type { RunConfigProblem } from '../config/run-config-error.js';
import { topLevelProblem } from '../config/run-config-schema.js';
import { toModelEntry } from '../config/validate-model-entry.js';
import { resolveDatasetPath } from '../dataset/resolve.js';
import { DEFAULT_MAX_FOLLOWUP_CHARS } from './attacker-prompt-template.js';
import { FOLLOWUPS_CONFIG_EXAMPLE_KEYS, followupsConfigSchema } from './followups-config-schema.js';
import type { FollowupsConfig } from './followups-config.js';

export interface ValidateFollowupsConfigOptions {
  /** Directory relative paths are resolved against (the config file's). */
  baseDir: string;
  /** Paths whose text came from `${VAR}` expansion (numbers may be written that way). */
  expandedPaths?: ReadonlySet<string>;
  /** Paths whose expansion failed and are already reported. */
  failedPaths?: ReadonlySet<string>;
}

/** A checked follow-ups config, or every problem found. */
export type ValidatedFollowupsConfig =
  | { ok: true; config: FollowupsConfig }
  | { ok: false; problems: RunConfigProblem[] };

let schema: ReturnType<typeof followupsConfigSchema> | undefined;

/**
 * Checks an expanded follow-ups config value against its schema (`followups-config-schema.ts`),
 * resolves its paths and fills in defaults. Reports every problem, not just the first. Loaded on
 * demand by `loadFollowupsConfig`: zod comes in only when a config is checked.
 */
export function validateFollowupsConfig(
  value: unknown,
  options: ValidateFollowupsConfigOptions,
): ValidatedFollowupsConfig {
  const { baseDir } = options;
  if (!isMapping(value))
    return { ok: false, problems: [{ path: '', message: topLevelProblem(value, FOLLOWUPS_CONFIG_EXAMPLE_KEYS) }] };
  schema ??= followupsConfigSchema();
  const parsed = parseConfig(schema, value, {
    ...(options.expandedPaths === undefined ? {} : { expandedPaths: options.expandedPaths }),
    ...(options.failedPaths === undefined ? {} : { failedPaths: options.failedPaths }),
  });
  const problems = parsed.ok ? [] : [...parsed.problems];
  // The dataset is looked up even when other fields are wrong, so every mistake shows at once.
  let datasetPath: string | undefined;
  if (typeof value.dataset === 'string' && value.dataset.trim() !== '' && !options.failedPaths?.has('dataset')) {
    try {
      datasetPath = resolveDatasetPath(value.dataset, { cwd: baseDir });
    } catch (error) {
      problems.push({ path: 'dataset', message: (error as Error).message });
    }
  }
  if (!parsed.ok || datasetPath === undefined || problems.length > 0) return { ok: false, problems };
  const data = parsed.data;
  const output = path.resolve(baseDir, data.output);
  if (output === datasetPath)
    return {
      ok: false,
      problems: [{ path: 'output', message: 'is the source dataset; write the follow-ups to another file' }],
    };
  return {
    ok: true,
    config: {
      baseDir,
      datasetRef: data.dataset,
      datasetPath,
      output,
      storeDir: data.store !== undefined ? path.resolve(baseDir, data.store) : `${output}.store`,
      // The schema requires it; `nullish` only lets its absence be worded as the object's problem.
      attacker: toModelEntry(data.attacker!),
      strategies: data.strategies ?? [...STRATEGY_IDS],
      perItem: data.perItem ?? 1,
      seed: data.seed ?? 1,
      maxChars: data.maxChars ?? DEFAULT_MAX_FOLLOWUP_CHARS,
    },
  };
}
