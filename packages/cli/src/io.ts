/** Where the CLI writes and what it runs against; injectable so `main` can be tested in-process. */
export interface CliIo {
  /** Writes to standard output (text includes its own newlines). */
  stdout(text: string): void;
  /** Writes to standard error. */
  stderr(text: string): void;
  /** Base for relative dataset paths. */
  cwd: string;
  /** Overrides where `builtin:NAME` datasets are looked up (tests). */
  builtinDir?: string;
  /** Whether stderr is a terminal (progress bars) or a log (plain lines). */
  stderrIsTTY?: boolean;
  /** Terminal width for progress bars. */
  columns?: number;
}

/** The real process streams. */
export function processIo(): CliIo {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    cwd: process.cwd(),
    stderrIsTTY: process.stderr.isTTY === true,
    columns: process.stderr.columns ?? 100,
  };
}

/** What every command group receives. */
export interface CommandContext {
  io: CliIo;
  /** Set by a command to report failure without throwing; `main` returns it. */
  exitCode: number;
}

/** Process exit codes. */
export const ExitCode = {
  ok: 0,
  /** Something unexpected (a bug, an I/O failure). */
  failure: 1,
  /** Bad usage (unknown command or flag) or invalid input data. */
  invalid: 2,
  /** Finished, but incomplete or failing a threshold (e.g. a judge under `--min-kappa`). */
  incomplete: 3,
} as const;
