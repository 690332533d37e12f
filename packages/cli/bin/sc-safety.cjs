#!/usr/bin/env node
// The `sc-safety` executable (package.json `bin`). CommonJS on purpose: Node runs a `.cjs` main
// without starting its ES-module loader, so `sc-safety --version` answers from package.json
// synchronously, at the cost of a bare `node -e 0` (bench `startup`: the budget is 150 ms with
// Node's own start-up included). Everything else imports the ES bundle (dist/bin.js,
// scripts/bundle-bin.mjs), which starts the loader then. Only the exact invocation takes the fast
// path; `--version --json` and the like go through the program, which prints the same line
// (`cliVersion()` in src/version.ts reads the same package.json).
'use strict';

const { readFileSync, writeSync } = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  const pkg = JSON.parse(readFileSync(path.join(__dirname, '../package.json'), 'utf8'));
  try {
    writeSync(1, `${typeof pkg.version === 'string' ? pkg.version : '0.0.0'}\n`);
  } catch (error) {
    // A reader that went away (`sc-safety --version | true`) is not an error, as in dist/bin.js.
    if (error.code !== 'EPIPE') throw error;
  }
} else {
  import(pathToFileURL(path.join(__dirname, '../dist/bin.js')).href).catch((error) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  });
}
