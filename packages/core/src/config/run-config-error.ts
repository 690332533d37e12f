const MARKER = Symbol.for('@sc-safety/core.run-config-error');

/** One problem in a run config (or in the command-line overrides applied to it). */
export interface RunConfigProblem {
  /** Where, in config terms (`models[1].adapter`, `policies.block`, `--models`); empty for the whole file. */
  path: string;
  message: string;
  /** 1-based position, for syntax errors. */
  line?: number;
  column?: number;
}

/** Formats one problem as `file:line:col: message`, `file: path: message` or `path: message`. */
export function formatRunConfigProblem(problem: RunConfigProblem, file?: string): string {
  const where =
    file !== undefined && problem.line !== undefined
      ? `${file}:${problem.line}:${problem.column ?? 1}`
      : [file, problem.path].filter((p): p is string => p !== undefined && p.length > 0).join(': ');
  return where.length === 0 ? problem.message : `${where}: ${problem.message}`;
}

/**
 * A run config could not be used. Carries every problem found, not just the first; the message is
 * the formatted list, one problem per line. Messages never contain secret values.
 */
export class RunConfigError extends Error {
  readonly [MARKER] = true;
  readonly code = 'run_config_invalid' as const;
  /** The config file as shown in messages, when the problems are about a file. */
  readonly file: string | undefined;
  readonly problems: readonly RunConfigProblem[];
  /** The formatted problems, one per line of the message. */
  readonly lines: readonly string[];

  constructor(problems: readonly RunConfigProblem[], options: { file?: string; cause?: unknown } = {}) {
    const lines = problems.map((p) => formatRunConfigProblem(p, options.file));
    super(lines.join('\n'), options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'RunConfigError';
    this.file = options.file;
    this.problems = problems;
    this.lines = lines;
  }

  /** Works across duplicate copies of this package, where `instanceof` does not. */
  static isInstance(error: unknown): error is RunConfigError {
    return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[MARKER] === true;
  }
}
