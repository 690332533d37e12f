#!/usr/bin/env node
// The CLI's program, as one esbuild bundle (scripts/bundle-bin.mjs writes dist/bin.js). The package's
// executable is bin/sc-safety.cjs: it answers `sc-safety --version` itself, without Node's ES-module
// loader, and imports this file for everything else.

// A reader that went away (`sc-safety run --help | head -1`) is not an error: stop quietly with the
// status decided so far, never a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE')
      process.exit(process.exitCode === undefined || process.exitCode === 0 ? 0 : Number(process.exitCode));
    throw error;
  });
}
const [{ main }, { terminalSafe }] = await Promise.all([import('./main.js'), import('@sc-safety/core/terminal-text')]);
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(terminalSafe(error instanceof Error ? error.message : String(error)));
    process.exitCode = 1;
  },
);
