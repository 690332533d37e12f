// The measured side of a whole-run scenario (memory-child, scale-child): the built core and OpenAI
// adapter, and one `runBenchmark` of the scenario's config under `measure`, rows handed to `onRow`.
// Imports nothing else, so the child's peak RSS stays the run's own; the heap grows as the executable's
// does (packages/cli/bin/heap.cjs).
import { createRequire } from 'node:module';
import { ADAPTER_OPENAI_DIST, CLI_HEAP, CORE_DIST } from './paths.mjs';
import { measure } from './stats.mjs';

// The heap grows as the `sc-safety` executable lets it, set as it sets it: before anything loads.
createRequire(import.meta.url)(CLI_HEAP).sizeHeapByLiveData();

/**
 * Loads core and the adapter (before anything is timed) and returns `run({ configFile, cwd, signal,
 * onPlan, onRow })`: runBenchmark as `sc-safety run` calls it (no environment), measured.
 */
export async function loadWholeRun() {
  const core = await import(CORE_DIST);
  const { adapter } = await import(ADAPTER_OPENAI_DIST);
  return ({ configFile, cwd, signal, onPlan, onRow }) =>
    measure(() =>
      core.runBenchmark({
        configFile,
        cwd,
        env: {},
        adapters: { openai: adapter },
        signal,
        onPlan,
        onEvent: (event) => {
          if (event.type === 'row') onRow(event.row);
        },
      }),
    );
}
