#!/usr/bin/env node
import { terminalSafe } from '@sc-safety/core/terminal-text';
import { main } from './main.js';

// A reader that went away (`sc-safety run --help | head -1`) is not an error: stop quietly with the
// status decided so far, never a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode === undefined || process.exitCode === 0 ? 0 : Number(process.exitCode));
    throw error;
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(terminalSafe(error instanceof Error ? error.message : String(error)));
    process.exitCode = 1;
  },
);
