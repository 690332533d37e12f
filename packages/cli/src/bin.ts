#!/usr/bin/env node
const argv = process.argv.slice(2);

// `sc-safety --version` answers before the program is built: loading commander and every command's
// definitions costs more than the rest of the process start-up (bench `startup`). Only the exact
// invocation takes this path; anything else (`--version` with other arguments included) goes
// through the program, which prints the same line.
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  const { cliVersion } = await import('./version.js');
  process.stdout.write(`${cliVersion()}\n`);
} else {
  const [{ main }, { terminalSafe }] = await Promise.all([import('./main.js'), import('@sc-safety/core/terminal-text')]);
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
