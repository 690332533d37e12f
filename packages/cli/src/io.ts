import { terminalSafe } from '@sc-safety/core/terminal-text';

/** Where the CLI writes and what it runs against; injectable so `main` can be tested in-process. */
export interface CliIo {
  /** Writes to standard output (text includes its own newlines). */
  stdout(text: string): void;
  /** Writes to standard error. */
  stderr(text: string): void;
  /**
   * Writes the CLI's own terminal control sequences (progress bars redrawn in place) to standard
   * error as they are. Only for text the CLI made itself; everything else goes through `stderr`.
   * Default: `stderr`.
   */
  stderrControl?(text: string): void;
  /** Base for relative dataset paths. */
  cwd: string;
  /** Overrides where `builtin:NAME` datasets are looked up (tests). */
  builtinDir?: string;
  /** Whether stderr is a terminal (progress bars) or a log (plain lines). */
  stderrIsTTY?: boolean;
  /** Terminal width for progress bars and tables; 0 or absent means unknown (100 is used). */
  columns?: number;
  /** The environment keys are read from (default `process.env`); `.env` fills its gaps. */
  env?: Readonly<Record<string, string | undefined>>;
}

/** The width to lay text out in: the terminal's, or 100 when it is unknown (absent, 0, nonsense). */
export function widthOf(io: Pick<CliIo, 'columns'>): number {
  const c = io.columns;
  return c !== undefined && Number.isFinite(c) && c >= 20 ? Math.floor(c) : 100;
}

/** The real process streams. */
export function processIo(): CliIo {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    cwd: process.cwd(),
    stderrIsTTY: process.stderr.isTTY === true,
    // A terminal may report 0 columns (some CI ptys, serial consoles): that is "unknown", not "none".
    ...(process.stderr.columns ? { columns: process.stderr.columns } : {}),
  };
}

/**
 * `io` with every write to stdout and stderr passed through `terminalSafe`: vendor messages, dataset
 * fields and file names can hold control characters (`\x1b[2J`, OSC titles and links), and here
 * they are shown as `\xHH`, never acted on. JSON printed on stdout is unaffected: JSON escapes C0
 * controls and the CLI prints it with `terminalSafeJson`. Only `stderrControl` is left raw.
 */
export function terminalSafeIo(io: CliIo): CliIo {
  const control = io.stderrControl ?? io.stderr;
  return {
    ...io,
    stdout: (text) => io.stdout(terminalSafe(text)),
    stderr: (text) => io.stderr(terminalSafe(text)),
    stderrControl: (text) => control(text),
  };
}

/** How much the CLI says on stderr besides results and errors (`--quiet`, `--verbose`). */
export type Verbosity = 'quiet' | 'normal' | 'verbose';

/** What every command group receives. */
export interface CommandContext {
  io: CliIo;
  /** Set by a command to report failure without throwing; `main` returns it. */
  exitCode: number;
  /** Set from the global `--quiet` / `--verbose` before a command runs. */
  verbosity: Verbosity;
  /** The environment with `.env` loaded (read lazily, once, by {@link environmentOf}). */
  env?: Record<string, string | undefined>;
}

/** Progress, plans and notes on stderr: not with `--quiet` (errors and results always show). */
export function info(ctx: CommandContext, text: string): void {
  if (ctx.verbosity !== 'quiet') ctx.io.stderr(text);
}

/** Details only `--verbose` shows. */
export function detail(ctx: CommandContext, text: string): void {
  if (ctx.verbosity === 'verbose') ctx.io.stderr(text);
}

/**
 * Process exit codes: the one table of them (`--help` and the README print the same).
 * Whenever a run finished, its results are written before the code is decided.
 */
export const ExitCode = {
  /** Done and complete: every requested answer exists and every lane ran to the end. */
  ok: 0,
  /** Something unexpected (a bug, an I/O failure). */
  failure: 1,
  /** Bad usage (unknown command or flag), a bad config, dataset or store: nothing was run. */
  invalid: 2,
  /**
   * A preflight probe failed before any benchmark call; or finished, results written, but
   * incomplete or failing: a stopped lane, answers missing, a model
   * with nothing scored, coverage under `--min-coverage`, a score under `--fail-under`, a judge under `--min-kappa`
   * or a run config's `judge.check`.
   */
  incomplete: 3,
  /** Interrupted (Ctrl-C); completed work is stored and a re-run resumes. */
  interrupted: 130,
} as const;

/** The exit codes as `--help` shows them. */
export const EXIT_CODE_HELP = [
  'Exit status:',
  `  ${ExitCode.ok}    complete: every requested answer exists and every model's lane ran to the end`,
  `  ${ExitCode.failure}    internal error (a bug, an I/O failure)`,
  `  ${ExitCode.invalid}    bad usage, config, dataset or run store (nothing was run; the message says what to fix)`,
  `  ${ExitCode.incomplete}    a preflight probe failed (nothing spent); or finished, results written, but incomplete`,
  '       or failing: a stopped lane, answers missing,',
  '       a model with nothing scored, coverage under --min-coverage, a score under --fail-under,',
  "       a judge under judge check --min-kappa or under a run config's judge.check (then no target was called)",
  `  ${ExitCode.interrupted}  interrupted (Ctrl-C): completed calls are stored; run the same command again to resume`,
].join('\n');
