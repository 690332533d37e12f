import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { displayPath } from './display-path.js';
import { sortByDocumentOrder } from './document-order.js';
import { expandEnv } from './expand-env.js';
import { configFormatOf, parseConfigText, type RunConfigFormat } from './parse-text.js';
import { RunConfigError, type RunConfigProblem } from './run-config-error.js';
import { redactSecrets } from './secret-fields.js';
import type { RunConfig } from './types.js';

/** A loaded run config and what the engine must keep out of every log and record. */
export interface LoadedRunConfig {
  config: RunConfig;
  /**
   * Values to redact everywhere: every value of a secret-like field (`apiKey`, `…Token`,
   * `Authorization`, …), every environment value expanded into one, and every value of a
   * credential-named variable (`${ACME_API_KEY}`, `${GITHUB_TOKEN}`, …) expanded into any field.
   */
  secrets: string[];
  /** The config file's directory; relative paths in the config are resolved against it. */
  baseDir: string;
  /** With `allowUnsetSecrets`: secret fields left empty because their variable is not set. */
  unsetSecrets?: Array<{ path: string; variable: string }>;
}

export interface LoadRunConfigOptions {
  /** Where `${VAR}` values come from (default `process.env`). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Base for a relative `file` and for how the file is named in messages (default `process.cwd()`). */
  cwd?: string;
  /** A judge-only file: see `ValidateRunConfigOptions.judgeOnly`. */
  judgeOnly?: boolean;
  /** See `ExpandEnvOptions.allowUnsetSecrets` (planning only: a run needs its keys). */
  allowUnsetSecrets?: boolean;
}

export interface ParseRunConfigOptions {
  format: RunConfigFormat;
  /** Directory relative paths are resolved against. */
  baseDir: string;
  /** Absolute path of the file the text came from, recorded on the config. */
  file?: string;
  /** How the source is named in messages (e.g. `run.yaml`). */
  displayName?: string;
  env?: Readonly<Record<string, string | undefined>>;
  /** A judge-only file: see `ValidateRunConfigOptions.judgeOnly`. */
  judgeOnly?: boolean;
  /** See `ExpandEnvOptions.allowUnsetSecrets`. */
  allowUnsetSecrets?: boolean;
}

/**
 * Reads and checks a run config file (`.yaml`, `.yml` or `.json`). Relative paths inside it
 * (dataset, output, adapter modules) are relative to the file's directory, not to the working
 * directory, so a config means the same thing wherever it is run from.
 *
 * @throws RunConfigError listing every problem as `file: path: message` (syntax errors as
 *   `file:line:col: message`); secret values never appear in it.
 */
export async function loadRunConfig(file: string, options: LoadRunConfigOptions = {}): Promise<LoadedRunConfig> {
  const read = await readConfigFile(file, options.cwd ?? process.cwd());
  return parseRunConfig(read.text, {
    format: read.format,
    baseDir: path.dirname(read.absolute),
    file: read.absolute,
    displayName: read.shown,
    ...(options.env === undefined ? {} : { env: options.env }),
    ...(options.judgeOnly ? { judgeOnly: true } : {}),
    ...(options.allowUnsetSecrets ? { allowUnsetSecrets: true } : {}),
  });
}

/** A config file's text, its format and how it is named in messages. */
export interface ConfigFileText {
  text: string;
  format: RunConfigFormat;
  absolute: string;
  /** The path as shown in messages (relative to `cwd` when inside it). */
  shown: string;
}

/**
 * Reads a config file (`.yaml`, `.yml` or `.json`) for any of the CLI's config formats.
 *
 * @throws RunConfigError naming the file when the type is unsupported or it cannot be read.
 */
export async function readConfigFile(file: string, cwd: string): Promise<ConfigFileText> {
  const absolute = path.resolve(cwd, file);
  const shown = displayPath(absolute, cwd);
  const format = configFormatOf(absolute);
  if (format === undefined) {
    const ext = path.extname(absolute);
    const what = ext === '' ? 'a config file without an extension' : `unsupported config file type "${ext}"`;
    throw new RunConfigError([{ path: '', message: `${what}: use .yaml, .yml or .json` }], { file: shown });
  }
  try {
    return { text: await readFile(absolute, 'utf8'), format, absolute, shown };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? `no such file (${absolute})`
        : code === 'EISDIR'
          ? 'is a directory'
          : (error as Error).message;
    throw new RunConfigError([{ path: '', message: `cannot read the config file: ${reason}` }], {
      file: shown,
      cause: error,
    });
  }
}

/**
 * Checks run-config text already in memory (the work of {@link loadRunConfig} after reading):
 * parse, expand `${VAR}` / `${VAR:-default}` (`$${` for a literal `${`), validate against the
 * run-config schema (`run-config-schema.ts`), fill defaults.
 *
 * @throws RunConfigError with every problem found.
 */
export async function parseRunConfig(text: string, options: ParseRunConfigOptions): Promise<LoadedRunConfig> {
  const errorOptions = options.displayName === undefined ? {} : { file: options.displayName };
  const parsed = parseConfigText(text, options.format);
  if (!parsed.ok) throw new RunConfigError(parsed.problems, errorOptions);

  // The schema library loads here, not with the package: most commands never validate a config.
  const { validateRunConfig } = await import('./validate-run-config.js');
  const expansion = expandEnv(
    parsed.value,
    options.env ?? process.env,
    options.allowUnsetSecrets ? { allowUnsetSecrets: true } : {},
  );
  const validated = validateRunConfig(expansion.value, {
    baseDir: options.baseDir,
    expandedPaths: expansion.expandedPaths,
    failedPaths: expansion.failedPaths,
    ...(options.file === undefined ? {} : { file: options.file }),
    ...(options.judgeOnly ? { judgeOnly: true } : {}),
  });
  const problems: RunConfigProblem[] = [...expansion.problems, ...(validated.ok ? [] : validated.problems)];
  if (problems.length > 0 || !validated.ok) {
    // Validation messages may quote values; a secret must not reach them even by accident.
    const safe = problems.map((p) => ({ ...p, message: redactSecrets(p.message, expansion.secrets) }));
    throw new RunConfigError(sortByDocumentOrder(safe, expansion.value), errorOptions);
  }
  return {
    config: validated.config,
    secrets: expansion.secrets,
    baseDir: options.baseDir,
    ...(expansion.unsetSecrets.length > 0 ? { unsetSecrets: expansion.unsetSecrets } : {}),
  };
}
