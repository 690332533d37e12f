import type * as Core from '@sc-safety/core';
import { ProgressReporter } from '../progress/progress-reporter.js';
import { ProgressState } from '../progress/progress-state.js';
import type { CliIo } from '../io.js';

export async function core(): Promise<typeof Core> {
  return import('@sc-safety/core');
}

/** Errors that mean "your input is wrong" (exit 2) rather than "something broke" (exit 1). */
export function isUsageError(core: typeof Core, error: unknown): boolean {
  const name = error instanceof Error ? error.name : '';
  return core.DatasetError.isInstance(error) || ['RunConfigError', 'DatasetError', 'AdapterResolutionError', 'AdapterConfigError', 'ShardSpecError', 'LoadApiKeyError', 'JudgmentsFileError', 'RunDirectoryError', 'RunStoreSchemaError', 'RunStoreCorruptError'].includes(name);
}

/** Wires engine events to a progress display on stderr: bars on a terminal, plain lines otherwise. */
export function startProgress(io: CliIo, plan: Core.PlanEstimate) {
  const state = new ProgressState(plan.models.map((m) => ({ id: m.id, total: m.calls })));
  const reporter = new ProgressReporter(state, { write: io.stderrControl ?? io.stderr, tty: io.stderrIsTTY ?? false, columns: io.columns ?? 100 });
  reporter.start();
  const onEvent = (event: Core.EngineEvent) => {
    if (event.type === 'row') {
      const r = event.row;
      state.row(r.model, { cached: r.cached === true, blocked: r.block !== undefined, error: r.outcome === 'target_error' });
    } else if (event.type === 'retry') {
      state.retry(event.lane);
    } else if (event.type === 'lane-stopped') {
      state.stop(event.lane, event.reason);
      io.stderr(`${event.lane} stopped (${event.reason}): ${event.message}\n`);
    }
  };
  return { onEvent, stop: () => reporter.stop() };
}

/** Ctrl-C once: stop cleanly keeping completed calls; twice: leave at once. */
export function interruptSignal(io: CliIo): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(130);
    io.stderr('\nstopping: finishing nothing new, keeping every completed call (Ctrl-C again to quit at once)…\n');
    controller.abort(new Error('interrupted'));
  };
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigint);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', onSigint);
      process.off('SIGTERM', onSigint);
    },
  };
}

/** Prints the plan of a run (dry run, or before starting). */
export function renderPlan(plan: Core.PlanEstimate, dryRun = false): string {
  const lines = [`run directory: ${plan.outDir}`, `dataset: ${plan.datasetRef} (${plan.items} items${plan.shard ? `, shard ${plan.shard.index + 1}/${plan.shard.count}` : ''})`];
  for (const m of plan.models) lines.push(`  model ${m.id}: ${m.calls} calls, ~${m.estInputTokens} input + ~${m.estOutputTokens} output tokens`);
  for (const j of plan.judges) lines.push(`  judge ${j.id}: ${j.calls} calls, ~${j.estInputTokens} input + ~${j.estOutputTokens} output tokens`);
  lines.push('(token figures are estimates made before any call; the manifest records real usage)');
  if (plan.adapters && plan.adapters.length > 0) {
    lines.push(`adapter modules${dryRun ? ' a run would load (none loaded by this dry run)' : ''}: code that runs with your rights`);
    for (const a of plan.adapters) {
      const where = a.modulePath === undefined ? 'provided by the embedding program' : a.source === 'path' ? a.modulePath : `${a.packageName} (${a.modulePath})`;
      lines.push(`  ${a.path} ${a.id}: ${a.ref} → ${where}`);
    }
  }
  return lines.join('\n') + '\n';
}
