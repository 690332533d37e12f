import path from 'node:path';
import { sortByDocumentOrder } from '../config/document-order.js';
import { expandEnv } from '../config/expand-env.js';
import { readConfigFile } from '../config/load-run-config.js';
import { parseConfigText } from '../config/parse-text.js';
import { RunConfigError, type RunConfigProblem } from '../config/run-config-error.js';
import { redactSecrets } from '../config/secret-fields.js';
import type { ModelEntry } from '../config/types.js';
import type { StrategyId } from '@sc-safety/results';

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
  /** Cap on a follow-up's length in characters (default `DEFAULT_MAX_FOLLOWUP_CHARS`, 300). */
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
  // zod loads here, when a config is checked, and not on the way to any other command.
  const { validateFollowupsConfig } = await import('./validate-followups-config.js');
  const validated = validateFollowupsConfig(expansion.value, {
    baseDir: path.dirname(read.absolute),
    expandedPaths: expansion.expandedPaths,
    failedPaths: expansion.failedPaths,
  });
  const problems: RunConfigProblem[] = [...expansion.problems, ...(validated.ok ? [] : validated.problems)];
  if (problems.length > 0 || !validated.ok) {
    const safe = problems.map((p) => ({ ...p, message: redactSecrets(p.message, expansion.secrets) }));
    throw new RunConfigError(sortByDocumentOrder(safe, expansion.value), { file: read.shown });
  }
  return { config: { ...validated.config, file: read.absolute }, secrets: expansion.secrets };
}
