// The measured side of a whole-run scenario (memory-child, scale-child): the built core and OpenAI
// adapter, and one `runBenchmark` of the scenario's config under `measure`, rows handed to `onRow`.
// Imports nothing else, so the child's peak RSS stays the run's own.
import { ADAPTER_OPENAI_DIST, CORE_DIST } from './paths.mjs';
import { measure } from './stats.mjs';

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
