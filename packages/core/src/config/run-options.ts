import path from 'node:path';
import { resolveDatasetPath } from '../dataset/resolve.js';
import { describeValue } from './checks.js';
import { RunConfigError, type RunConfigProblem } from './run-config-error.js';
import { didYouMean } from './suggest.js';
import type { ModelEntry, PanelAggregate, RunConfig, RunPolicies } from './types.js';

/** Command-line settings that override the config file. */
export interface RunOverrides {
  /** `--out`: the run directory, relative to the working directory (not the config file). */
  out?: string;
  /** `--limit`: only the first N items; 0 means all. */
  limit?: number;
  /** `--models`: run only these target ids (comma-separated values are split). */
  models?: readonly string[];
  /** `--concurrency`: replaces the concurrency of every target and judge. */
  concurrency?: number;
  /** `--max-in-flight`: replaces the run-wide cap on calls in flight (`maxInFlight`). */
  maxInFlight?: number;
}

/** What a run will actually do, after the command line is applied to the config. */
export interface RunOptions {
  /** The dataset reference as written (`builtin:sample`, `data/x.jsonl`). */
  datasetRef: string;
  /** The dataset file, absolute. */
  datasetPath: string;
  /** The run directory, absolute. */
  outDir: string;
  /** Only the first N items; `undefined` for all. */
  limit: number | undefined;
  /** The targets to run, in config order. */
  models: ModelEntry[];
  /** The judge, the panel, or none. */
  judges: ModelEntry[];
  panel: { aggregate: PanelAggregate } | undefined;
  policies: RunPolicies;
  /** The contrast set (`contrast:`): its reference as written and its file, absolute. */
  contrast?: { ref: string; path: string };
  /** At most this many calls in flight across every model (`maxInFlight`, `--max-in-flight`). */
  maxInFlight?: number;
}

/**
 * Applies command-line overrides to a loaded config and resolves its paths:
 * - dataset: `builtin:NAME`, or a path relative to the config's directory;
 * - run directory: `--out` (relative to `cwd`), else `output` (relative to the config's
 *   directory), else `runs/<config file name without extension>` beside the config file
 *   (`runs/run` for a config that did not come from a file).
 *
 * @throws RunConfigError naming the offending option (`--models: unknown model id …`).
 */
export function resolveRunOptions(
  config: RunConfig,
  overrides: RunOverrides = {},
  options: { cwd?: string } = {},
): RunOptions {
  const cwd = options.cwd ?? process.cwd();
  const problems: RunConfigProblem[] = [];

  let outDir: string;
  if (overrides.out !== undefined) {
    if (overrides.out.trim().length === 0)
      problems.push({ path: '--out', message: 'expected a directory, got an empty string' });
    outDir = path.resolve(cwd, overrides.out);
  } else if (config.output !== undefined) {
    outDir = path.resolve(config.baseDir, config.output);
  } else {
    const stem = config.file === undefined ? 'run' : path.basename(config.file, path.extname(config.file));
    outDir = path.resolve(config.baseDir, 'runs', stem);
  }

  let limit = config.limit;
  if (overrides.limit !== undefined) {
    if (!Number.isInteger(overrides.limit) || overrides.limit < 0) {
      problems.push({
        path: '--limit',
        message: `expected a non-negative integer, got ${describeValue(overrides.limit)}`,
      });
    } else {
      limit = overrides.limit === 0 ? undefined : overrides.limit;
    }
  }

  const concurrency = overrides.concurrency;
  if (concurrency !== undefined && (!Number.isInteger(concurrency) || concurrency <= 0)) {
    problems.push({ path: '--concurrency', message: `expected a positive integer, got ${describeValue(concurrency)}` });
  }
  const maxInFlight = overrides.maxInFlight ?? config.maxInFlight;
  if (overrides.maxInFlight !== undefined && (!Number.isInteger(maxInFlight) || maxInFlight! <= 0)) {
    problems.push({
      path: '--max-in-flight',
      message: `expected a positive integer, got ${describeValue(overrides.maxInFlight)}`,
    });
  }
  const withConcurrency = (entry: ModelEntry): ModelEntry =>
    concurrency === undefined || problems.length > 0 ? entry : { ...entry, concurrency };

  const models = selectModels(config.models, overrides.models, problems);

  let datasetPath = '';
  try {
    datasetPath = resolveDatasetPath(config.dataset, { cwd: config.baseDir });
  } catch (error) {
    problems.push({ path: 'dataset', message: (error as Error).message });
  }

  let contrast: RunOptions['contrast'];
  if (config.contrast !== undefined) {
    try {
      contrast = { ref: config.contrast, path: resolveDatasetPath(config.contrast, { cwd: config.baseDir }) };
    } catch (error) {
      problems.push({ path: 'contrast', message: (error as Error).message });
    }
  }

  if (problems.length > 0) throw new RunConfigError(problems);
  const judges = config.judges ?? (config.judge === undefined ? [] : [config.judge]);
  return {
    datasetRef: config.dataset,
    datasetPath,
    outDir,
    limit,
    // A model's own `epochs` wins over the run's; every target carries its count from here on.
    models: models.map(withConcurrency).map((m) => ({ ...m, epochs: m.epochs ?? config.epochs ?? 1 })),
    judges: judges.map(withConcurrency),
    panel: config.panel,
    policies: config.policies,
    ...(contrast !== undefined ? { contrast } : {}),
    ...(maxInFlight !== undefined ? { maxInFlight } : {}),
  };
}

function selectModels(
  all: readonly ModelEntry[],
  wanted: readonly string[] | undefined,
  problems: RunConfigProblem[],
): ModelEntry[] {
  if (wanted === undefined) return [...all];
  const ids = wanted
    .flatMap((w) => w.split(','))
    .map((w) => w.trim())
    .filter((w) => w.length > 0);
  const known = all.map((m) => m.id);
  if (ids.length === 0) {
    problems.push({ path: '--models', message: `no model id given (valid ids: ${known.join(', ')})` });
    return [];
  }
  for (const id of ids) {
    if (!known.includes(id)) {
      problems.push({
        path: '--models',
        message: `unknown model id "${id}"${didYouMean(id, known)} (valid ids: ${known.join(', ')})`,
      });
    }
  }
  const chosen = new Set(ids);
  return all.filter((m) => chosen.has(m.id));
}
