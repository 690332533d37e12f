#!/usr/bin/env node
// The `sc-safety` executable (package.json `bin`). CommonJS on purpose: Node runs a `.cjs` main
// without starting its ES-module loader, so `sc-safety --version` answers from package.json
// synchronously, at the cost of a bare `node -e 0` (bench `startup`: the budget is 150 ms with
// Node's own start-up included). Everything else runs the program's CommonJS bundle (dist/cli.cjs,
// scripts/bundle-bin.mjs) through load-bundle.cjs, which compiles it from a V8 code cache kept in the
// user's cache directory. Only the exact invocation takes the fast path; `--version --json` and the
// like go through the program, which prints the same line (`cliVersion()` in src/version.ts reads
// the same package.json).
'use strict';

const { existsSync, readFileSync, writeSync } = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

/** Commands that keep a code cache of their own (each fills it with the code it runs); the rest share one. */
const CACHED_COMMANDS = new Set(['run', 'check', 'demo', 'report', 'score', 'dataset', 'judge', 'store']);

const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  const pkg = JSON.parse(readFileSync(path.join(__dirname, '../package.json'), 'utf8'));
  try {
    writeSync(1, `${typeof pkg.version === 'string' ? pkg.version : '0.0.0'}\n`);
  } catch (error) {
    // A reader that went away (`sc-safety --version | true`) is not an error, as in src/start.ts.
    if (error.code !== 'EPIPE') throw error;
  }
} else {
  // The heap grows with what the run keeps alive, not with how fast it allocates (heap.cjs).
  require('./heap.cjs').sizeHeapByLiveData();
  runProgram();
}

/** Everything but the `--version` fast path: the bundled program, or the unbundled one. */
function runProgram() {
  if (!existsSync(path.join(__dirname, '../dist/bundle.json'))) {
    // Built by tsc alone (no bundle, e.g. a watch build while developing): the unbundled program.
    import(pathToFileURL(path.join(__dirname, '../dist/bin.js')).href).catch((error) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exitCode = 1;
    });
    return;
  }
  const bundles = require('./load-bundle.cjs');
  bundles.configureCodeCache({
    cacheDir: bundles.codeCacheDir(),
    variant: CACHED_COMMANDS.has(argv[0]) ? argv[0] : 'main',
  });
  process.once('exit', bundles.writeCodeCaches);
  try {
    bundles.loadDistBundle('cli').startCli(argv);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  }
}
