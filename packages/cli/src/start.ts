import { terminalSafe } from '@sc-safety/core/terminal-text';
import { main } from './main.js';

/**
 * Runs the `sc-safety` program on `argv` (the arguments after the script) as the executable does,
 * setting the exit code. The executable (bin/sc-safety.cjs) calls it from the CommonJS bundle
 * (scripts/bundle-bin.mjs writes dist/cli.cjs); dist/bin.js, tsc's output of src/bin.ts, from the
 * unbundled modules.
 */
export function startCli(argv: readonly string[]): void {
  // A reader that went away (`sc-safety run --help | head -1`) is not an error: stop quietly with the
  // status decided so far, never a stack trace.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE')
        process.exit(process.exitCode === undefined || process.exitCode === 0 ? 0 : Number(process.exitCode));
      throw error;
    });
  }
  main(argv).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(terminalSafe(error instanceof Error ? error.message : String(error)));
      process.exitCode = 1;
    },
  );
}
