#!/usr/bin/env node
import { readFileSync, writeSync } from 'node:fs';

const argv = process.argv.slice(2);

// `sc-safety --version` answers before anything is loaded: not commander and the commands'
// definitions, not even another module of this bundle (bench `startup`: the budget is 150 ms with
// Node's own start-up included). This file is always dist/bin.js, beside the package's package.json
// (scripts/bundle-bin.mjs keeps it there); `cliVersion()` in version.ts reads the same file. Only
// the exact invocation takes this path; anything else (`--version --json`, other arguments) goes
// through the program, which prints the same line.
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: unknown };
  try {
    writeSync(1, `${typeof pkg.version === 'string' ? pkg.version : '0.0.0'}\n`);
  } catch (error) {
    // A reader that went away is not an error (as below).
    if ((error as NodeJS.ErrnoException).code !== 'EPIPE') throw error;
  }
} else {
  // A reader that went away (`sc-safety run --help | head -1`) is not an error: stop quietly with the
  // status decided so far, never a stack trace.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE')
        process.exit(process.exitCode === undefined || process.exitCode === 0 ? 0 : Number(process.exitCode));
      throw error;
    });
  }
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
