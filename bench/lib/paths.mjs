// Where the bench finds the workspace. The bench runs the BUILT packages (dist/), the code a user
// installs, so `pnpm build` must have run first; `assertBuilt` says so instead of a stack trace.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const ROOT = path.resolve(BENCH_DIR, '..');
/**
 * The core build the bench measures. `SC_SAFETY_BENCH_CORE_DIST` points it at another build of
 * core (e.g. the previous commit's, compiled to `packages/core/dist-base/` so it resolves the same
 * dependencies) to measure before and after on the same machine at the same time.
 */
export const CORE_DIST = process.env.SC_SAFETY_BENCH_CORE_DIST
  ? path.resolve(process.env.SC_SAFETY_BENCH_CORE_DIST)
  : path.join(ROOT, 'packages/core/dist/index.js');
/** Core's `./internal` subpath (beside {@link CORE_DIST}): the engine plumbing the throughput scenario wires as `sc-safety run` does. */
export const CORE_INTERNAL_DIST = path.join(path.dirname(CORE_DIST), 'internal.js');
export const ADAPTER_OPENAI_DIST = path.join(ROOT, 'packages/adapter-openai/dist/index.js');
export const ADAPTER_UTILS_DIST = path.join(ROOT, 'packages/adapter-utils/dist/index.js');
/** The report's Chromium start-up (apps/report/src/testing/chromium.ts, built): the browser tests use the same. */
export const REPORT_CHROMIUM_DIST = path.join(ROOT, 'apps/report/dist/testing/chromium.js');
/** The report's Node entry: `renderReport`, `syntheticResults`. */
export const REPORT_NODE_DIST = path.join(ROOT, 'apps/report/dist/node/index.js');
/**
 * The CLI executable the startup and first-request scenarios spawn: package.json's `bin`, which
 * runs the bundle (dist/cli.cjs) for every command but `--version`. `SC_SAFETY_BENCH_CLI_BIN` points
 * them at another build (e.g. the previous commit's, in a directory beside `packages/cli/dist/`)
 * for before and after in one sitting.
 */
export const CLI_BIN = process.env.SC_SAFETY_BENCH_CLI_BIN
  ? path.resolve(process.env.SC_SAFETY_BENCH_CLI_BIN)
  : path.join(ROOT, 'packages/cli/bin/sc-safety.cjs');
/** The executable's heap growth setting (set before it loads the program); the whole-run scenarios set it too. */
export const CLI_HEAP = path.join(ROOT, 'packages/cli/bin/heap.cjs');
/** The CLI's bundle, which the executable runs (what `pnpm build` writes). */
export const CLI_BUNDLE = path.join(ROOT, 'packages/cli/dist/cli.cjs');
export const SAMPLE_DATASET = path.join(ROOT, 'packages/core/data/sample.jsonl');
/** The `openai` SDK the adapter itself depends on, so both sides run the same SDK build. */
export const OPENAI_SDK = path.join(ROOT, 'packages/adapter-openai/node_modules/openai/index.mjs');

export function assertBuilt() {
  const missing = [CORE_DIST, ADAPTER_OPENAI_DIST, CLI_BIN, CLI_BUNDLE, OPENAI_SDK].filter((f) => !existsSync(f));
  if (missing.length > 0) {
    throw new Error(
      `bench: missing ${missing.map((f) => path.relative(ROOT, f)).join(', ')}; run \`pnpm build\` (or ./node_modules/.bin/turbo run build) first`,
    );
  }
}
