import { isMapping } from './checks.js';
import { parseConfig } from './config-issues.js';
import type { RunConfigProblem } from './run-config-error.js';
import { runConfigSchema, topLevelProblem } from './run-config-schema.js';
import { RUN_CONFIG_DEFAULTS, type RunConfig } from './types.js';
import { ADAPTIVE_FOLLOWUPS_DEFAULTS } from './adaptive-followups-limits.js';
import { STRATEGY_IDS } from '@sc-safety/results';
import { toModelEntry } from './validate-model-entry.js';

export interface ValidateRunConfigOptions {
  /** Directory relative paths are resolved against. */
  baseDir: string;
  /** Absolute path of the file the value came from, recorded on the config. */
  file?: string;
  /** Paths whose text came from `${VAR}` expansion (numbers may be written that way). */
  expandedPaths?: ReadonlySet<string>;
  /** Paths whose expansion failed and are already reported. */
  failedPaths?: ReadonlySet<string>;
  /**
   * A judge-only file (`sc-safety judge check --judge file`): `dataset` and `models` may be left
   * out, and a judge (or panel) is required instead.
   */
  judgeOnly?: boolean;
}

/** A checked config, or every problem found. */
export type ValidatedRunConfig = { ok: true; config: RunConfig } | { ok: false; problems: RunConfigProblem[] };

const schemas = new Map<boolean, ReturnType<typeof runConfigSchema>>();

/**
 * Checks an already parsed and expanded config value against the run-config schema
 * (`run-config-schema.ts`) and fills in defaults. Reports every problem, not just the first.
 * Adapter-specific fields are not checked here: `prepareModels` hands them to each adapter's schema.
 */
export function validateRunConfig(value: unknown, options: ValidateRunConfigOptions): ValidatedRunConfig {
  if (!isMapping(value)) return { ok: false, problems: [{ path: '', message: topLevelProblem(value) }] };
  const judgeOnly = options.judgeOnly === true;
  let schema = schemas.get(judgeOnly);
  if (schema === undefined) {
    schema = runConfigSchema({ judgeOnly });
    schemas.set(judgeOnly, schema);
  }
  const parsed = parseConfig(schema, value, {
    ...(options.expandedPaths === undefined ? {} : { expandedPaths: options.expandedPaths }),
    ...(options.failedPaths === undefined ? {} : { failedPaths: options.failedPaths }),
  });
  if (!parsed.ok) return parsed;
  // Expansion problems at skipped paths are reported by the caller; the value is unusable all the same.
  const data = parsed.data;

  const config: RunConfig = {
    baseDir: options.baseDir,
    dataset: data.dataset ?? '',
    models: (data.models ?? []).map(toModelEntry),
    policies: { ...RUN_CONFIG_DEFAULTS.policies, ...withoutUndefined(data.policies ?? {}) },
  };
  if (options.file !== undefined) config.file = options.file;
  if (data.output !== undefined) config.output = data.output;
  if (data.limit !== undefined && data.limit > 0) config.limit = data.limit;
  if (data.contrast !== undefined) config.contrast = data.contrast;
  if (data.epochs !== undefined) config.epochs = data.epochs;
  if (data.maxInFlight !== undefined) config.maxInFlight = data.maxInFlight;
  if (data.judge != null) config.judge = toModelEntry(data.judge);
  if (data.judges != null) {
    config.judges = data.judges.map(toModelEntry);
    config.panel = { aggregate: data.panel?.aggregate ?? RUN_CONFIG_DEFAULTS.panelAggregate };
  }
  const check = data.judge?.check ?? data.panel?.check;
  if (check !== undefined) config.judgeCheck = { minKappa: check.minKappa, set: check.set ?? 'builtin:judge-check' };
  if (data.followups != null && data.followups.attacker != null) {
    const f = data.followups;
    config.followups = {
      mode: 'adaptive',
      attacker: toModelEntry(f.attacker!),
      strategies: f.strategies ?? [...STRATEGY_IDS],
      turns: f.turns ?? ADAPTIVE_FOLLOWUPS_DEFAULTS.turns,
      seed: f.seed ?? ADAPTIVE_FOLLOWUPS_DEFAULTS.seed,
      maxChars: f.maxChars ?? ADAPTIVE_FOLLOWUPS_DEFAULTS.maxChars,
    };
  }
  return { ok: true, config };
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
