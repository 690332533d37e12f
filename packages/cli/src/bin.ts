#!/usr/bin/env node
const argv = process.argv.slice(2);

// A reader that went away (`sc-safety run --help | head -1`) is not an error: stop quietly with the
// status decided so far, never a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE')
      process.exit(process.exitCode === undefined || process.exitCode === 0 ? 0 : Number(process.exitCode));
    throw error;
  });
}

// `sc-safety --version` answers before the program is built: loading commander and every command's
// definitions costs more than the rest of the process start-up (bench `startup`). Only the exact
// invocation takes this path; anything else (`--version --json`, other arguments) goes through the
// program, which prints the same line.
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  const { cliVersion } = await import('./version.js');
  process.stdout.write(`${cliVersion()}\n`);
} else {
  const [{ main }, { terminalSafe }] = await Promise.all([
    import('./main.js'),
    import('@sc-safety/core/terminal-text'),
  ]);
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
