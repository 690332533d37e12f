#!/usr/bin/env node
import { terminalSafe } from '@sc-safety/core/terminal-text';
import { main } from './main.js';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(terminalSafe(error instanceof Error ? error.message : String(error)));
    process.exitCode = 1;
  },
);
