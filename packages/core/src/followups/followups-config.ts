import path from 'node:path';
import { ConfigChecker, describeValue, isMapping } from '../config/checks.js';
import { sortByDocumentOrder } from '../config/document-order.js';
import { childPath, expandEnv } from '../config/expand-env.js';
import { readConfigFile } from '../config/load-run-config.js';
import { parseConfigText } from '../config/parse-text.js';
import { RunConfigError, type RunConfigProblem } from '../config/run-config-error.js';
import { redactSecrets } from '../config/secret-fields.js';
import type { ModelEntry } from '../config/types.js';
import { resolveDatasetPath } from '../dataset/resolve.js';
import { STRATEGY_IDS, type StrategyId } from '@sc-safety/results';
import { DEFAULT_MAX_FOLLOWUP_CHARS } from './attacker-prompt-template.js';

/** Every key a follow-ups config may have at the top level. */
export const FOLLOWUPS_CONFIG_KEYS = [
  'dataset',
  'output',
  'attacker',
  'strategies',
  'perItem',
  'seed',
  'maxChars',
  'store',
] as const;

/** The largest `maxChars` accepted: a follow-up is one user turn, not a document. */
export const MAX_FOLLOWUP_CHARS_LIMIT = 4000;

/** A validated `sc-safety dataset followups` config. Paths are absolute. */
export interface FollowupsConfig {
  /** The config file (absolute), when loaded from one. */
  file?: string;
  baseDir: string;
  /** The source dataset as written (`builtin:NAME` or a path) and resolved. */
  datasetRef: string;
  datasetPath: string;
  /** The dataset file to write (JSONL). */
  output: string;
  /** The content-addressed store of attacker calls (a directory; default `<output>.store`). */
  storeDir: string;
  attacker: ModelEntry;
  /** Strategies to draw from, in config order (default: every strategy). */
  strategies: StrategyId[];
  /** Follow-ups written per source item, each with its own strategy (default 1). */
  perItem: number;
  /** Picks each item's strategies (default 1); the same seed gives the same picks. */
  seed: number;
  /** Cap on a follow-up's length in characters (default {@link DEFAULT_MAX_FOLLOWUP_CHARS}). */
  maxChars: number;
}

/** A loaded config and the values that must never be written or printed. */
export interface LoadedFollowupsConfig {
  config: FollowupsConfig;
  secrets: string[];
}

/**
 * Reads and checks a follow-ups config (`.yaml`, `.yml` or `.json`): parse, expand `${VAR}`,
 * validate every field (all problems at once), fill defaults. Relative paths are relative to the
 * config file's directory.
 *
 * @throws RunConfigError listing every problem as `file: path: message`; secrets never appear in it.
 */
export async function loadFollowupsConfig(
  file: string,
  options: { cwd?: string; env?: Readonly<Record<string, string | undefined>> } = {},
): Promise<LoadedFollowupsConfig> {
  const read = await readConfigFile(file, options.cwd ?? process.cwd());
  const parsed = parseConfigText(read.text, read.format);
  if (!parsed.ok) throw new RunConfigError(parsed.problems, { file: read.shown });
  const expansion = expandEnv(parsed.value, options.env ?? process.env);
  const check = new ConfigChecker(expansion.expandedPaths, expansion.failedPaths);
  const config = await validateFollowupsConfig(expansion.value, path.dirname(read.absolute), check);
  const problems: RunConfigProblem[] = [...expansion.problems, ...check.problems];
  if (problems.length > 0 || config === undefined) {
    const safe = problems.map((p) => ({ ...p, message: redactSecrets(p.message, expansion.secrets) }));
    throw new RunConfigError(sortByDocumentOrder(safe, expansion.value), { file: read.shown });
  }
  return { config: { ...config, file: read.absolute }, secrets: expansion.secrets };
}

/**
 * Checks an expanded config value; `undefined` when any problem was found (they are on `check`).
 * Async because the attacker entry's schema (zod) loads on demand.
 */
export async function validateFollowupsConfig(
  value: unknown,
  baseDir: string,
  check: ConfigChecker,
): Promise<FollowupsConfig | undefined> {
  if (!isMapping(value)) {
    const got = value === null || value === undefined ? 'an empty document' : describeValue(value);
    check.problem('', `expected a mapping of settings at the top level (dataset, output, attacker, …), got ${got}`);
    return undefined;
  }
  check.unknownKeys(value, FOLLOWUPS_CONFIG_KEYS, (key) => childPath('', key), 'top-level key');
  const dataset = check.string(value.dataset, 'dataset', {
    required:
      'required: the single-turn dataset to write follow-ups for ("builtin:NAME" or a path relative to this config file)',
    nonEmpty: true,
  });
  let datasetPath: string | undefined;
  if (dataset !== undefined) {
    try {
      datasetPath = resolveDatasetPath(dataset, { cwd: baseDir });
    } catch (error) {
      check.problem('dataset', (error as Error).message);
    }
  }
  const output = check.string(value.output, 'output', {
    required: 'required: the dataset file to write, e.g. "./my-set.followups.jsonl" (relative to this config file)',
    nonEmpty: true,
  });
  if (output !== undefined && !/\.(jsonl|ndjson)$/i.test(output)) {
    check.problem('output', `${describeValue(output)} must be a .jsonl file (the dataset written is JSONL)`);
  }
  let attacker: ModelEntry | undefined;
  if (value.attacker === undefined || value.attacker === null) {
    check.problem(
      'attacker',
      'required: the model that writes follow-ups, e.g. {adapter: openai, model: qwen-max, apiKey: ${DASHSCOPE_API_KEY}}',
    );
  } else {
    const { validateModelEntry } = await import('../config/validate-model-entry.js');
    attacker = validateModelEntry(value.attacker, 'attacker', 'attacker', check);
  }
  const strategies = checkStrategies(value.strategies, check);
  const perItem = check.number(value.perItem, 'perItem', 'positive integer') ?? 1;
  if (strategies !== undefined && perItem > strategies.length) {
    check.problem(
      'perItem',
      `${perItem} follow-ups per item need ${perItem} strategies, but "strategies" lists ${strategies.length}; lower perItem or list more strategies`,
    );
  }
  const seed = check.number(value.seed, 'seed', 'integer') ?? 1;
  const maxChars = check.number(value.maxChars, 'maxChars', 'positive integer') ?? DEFAULT_MAX_FOLLOWUP_CHARS;
  if (maxChars > MAX_FOLLOWUP_CHARS_LIMIT)
    check.problem('maxChars', `expected at most ${MAX_FOLLOWUP_CHARS_LIMIT} characters, got ${maxChars}`);
  const store = check.string(value.store, 'store', { nonEmpty: true });

  if (
    check.problems.length > 0 ||
    dataset === undefined ||
    datasetPath === undefined ||
    output === undefined ||
    attacker === undefined ||
    strategies === undefined
  ) {
    return undefined;
  }
  const outputPath = path.resolve(baseDir, output);
  if (outputPath === datasetPath) {
    check.problem('output', 'is the source dataset; write the follow-ups to another file');
    return undefined;
  }
  return {
    baseDir,
    datasetRef: dataset,
    datasetPath,
    output: outputPath,
    storeDir: store !== undefined ? path.resolve(baseDir, store) : `${outputPath}.store`,
    attacker,
    strategies,
    perItem,
    seed,
    maxChars,
  };
}

function checkStrategies(value: unknown, check: ConfigChecker): StrategyId[] | undefined {
  if (value === undefined) return [...STRATEGY_IDS];
  if (!Array.isArray(value) || value.length === 0) {
    check.problem(
      'strategies',
      `expected a non-empty list of strategy ids (${STRATEGY_IDS.join(', ')}), got ${describeValue(value)}`,
    );
    return undefined;
  }
  const out: StrategyId[] = [];
  let ok = true;
  value.forEach((raw: unknown, i) => {
    const id = check.choice(raw, childPath('strategies', i), STRATEGY_IDS);
    if (id === undefined) ok = false;
    else if (out.includes(id)) {
      check.problem(childPath('strategies', i), `"${id}" is listed twice; list each strategy once`);
      ok = false;
    } else out.push(id);
  });
  return ok ? out : undefined;
}
