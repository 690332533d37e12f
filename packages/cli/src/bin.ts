#!/usr/bin/env node
// The CLI's program from the unbundled modules (tsc's dist/). The package's executable is
// bin/sc-safety.cjs: it answers `sc-safety --version` itself and runs everything else from the
// CommonJS bundle of the same program (dist/cli.cjs, scripts/bundle-bin.mjs), with a code cache.
import { startCli } from './start.js';

startCli(process.argv.slice(2));
