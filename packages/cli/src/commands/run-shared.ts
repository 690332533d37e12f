import type * as Core from '@sc-safety/core';
import type * as Runner from '@sc-safety/core/run';
import { ProgressReporter } from '../progress/progress-reporter.js';
import { ProgressState } from '../progress/progress-state.js';
import { ExitCode, type CliIo, type CommandContext, widthOf } from '../io.js';
import { FailureTally } from '../format/failure-summary.js';

/** Core's whole public API, for commands that use many parts of it. */
export async function core(): Promise<typeof Core> {
  return import('@sc-safety/core');
}

/**
 * Core's runner alone (`@sc-safety/core/run`): `run`, `check` and `demo` load config, dataset,
 * store, engine and adapters before their first request, and scoring and exports only after.
 */
export async function runner(): Promise<typeof Runner> {
  return import('@sc-safety/core/run');
}

/** The error classes {@link isUsageError} and {@link reportRunError} recognise; both entries have them. */
export type RunErrorClasses = Pick<
  typeof Runner,
  'DatasetError' | 'RunConfigError' | 'PreflightFailedError' | 'JudgeCheckFailedError'
>;

/** Errors that mean "your input is wrong" (exit 2) rather than "something broke" (exit 1). */
export function isUsageError(core: Pick<RunErrorClasses, 'DatasetError' | 'RunConfigError'>, error: unknown): boolean {
  const name = error instanceof Error ? error.name : '';
  return (
    core.DatasetError.isInstance(error) ||
    core.RunConfigError.isInstance(error) ||
    [
      'RunConfigError',
      'DatasetError',
      'AdapterResolutionError',
      'AdapterConfigError',
      'ShardSpecError',
      'LoadApiKeyError',
      'JudgmentsFileError',
      'RunDirectoryError',
      'RunStoreSchemaError',
      'RunStoreCorruptError',
    ].includes(name)
  );
}

/**
 * The errors every command that runs models reports the same way: a failed preflight or judge
 * check is exit 3 (nothing was spent on targets), bad input is exit 2. Returns false for anything
 * else, which the caller rethrows (exit 1).
 */
export function reportRunError(c: RunErrorClasses, ctx: CommandContext, error: unknown): boolean {
  if (error instanceof c.PreflightFailedError || error instanceof c.JudgeCheckFailedError) {
    ctx.io.stderr(`${error.message}\n`);
    ctx.exitCode = ExitCode.incomplete;
    return true;
  }
  if (isUsageError(c, error)) {
    reportInvalidInput(ctx, error);
    return true;
  }
  return false;
}

/** Prints a bad-input error's message as it is and sets exit 2. */
export function reportInvalidInput(ctx: CommandContext, error: unknown): void {
  ctx.io.stderr(`${error instanceof Error ? error.message : String(error)}\n`);
  ctx.exitCode = ExitCode.invalid;
}

/**
 * The `catch` of every command that runs models: stops the progress display first (so the message
 * is not drawn over), then reports a failed preflight or judge check or bad input
 * ({@link reportRunError}) or rethrows anything else (exit 1).
 */
export function settleRunError(
  c: RunErrorClasses,
  ctx: CommandContext,
  error: unknown,
  progress?: { stop(): void },
): void {
  progress?.stop();
  if (!reportRunError(c, ctx, error)) throw error;
}

/** What {@link startProgress} returns: the event sink, a way to print above the bars, and the failures seen. */
export interface RunProgress {
  onEvent(event: Runner.EngineEvent): void;
  /** Prints text above the progress (it is never drawn over). */
  print(text: string): void;
  /** Stops the display once; later calls do nothing. */
  stop(): void;
  failures: FailureTally;
}

/**
 * Wires engine events to a progress display on stderr: bars on a terminal, plain lines otherwise;
 * one line per model and one per judge, each with its own error count. With `quiet` nothing is
 * drawn, but failures are still counted for the summary.
 */
export function startProgress(io: CliIo, plan: Runner.PlanEstimate, options: { quiet?: boolean } = {}): RunProgress {
  const judgeLane = (id: string) => `judge:${id}`;
  const state = new ProgressState([
    ...plan.models.map((m) => ({ id: m.id, total: m.calls })),
    ...plan.judges.map((j) => ({ id: judgeLane(j.id), label: `judge ${j.id}`, total: j.calls })),
  ]);
  const write = options.quiet ? () => {} : (io.stderrControl ?? io.stderr);
  const reporter = new ProgressReporter(state, { write, tty: io.stderrIsTTY ?? false, columns: widthOf(io) });
  if (!options.quiet) reporter.start();
  const failures = new FailureTally();
  const onEvent = (event: Runner.EngineEvent) => {
    if (event.type === 'row') {
      const r = event.row;
      state.row(r.model, {
        cached: r.cached === true,
        blocked: r.block !== undefined,
        error: r.outcome === 'target_error',
      });
      failures.add('model', r.model, r.error ? { kind: r.error.kind, message: r.error.message } : undefined);
      // Every answer is one step of every judge's lane: judged, or not to be judged (blocked, failed).
      for (const j of plan.judges) {
        const v = r.judgments.find((x) => x.judgeId === j.id);
        const failed = v?.outcome === 'judge_error';
        state.row(judgeLane(j.id), { cached: v?.cached === true, blocked: false, error: failed });
        if (v)
          failures.add(
            'judge',
            j.id,
            failed ? { kind: 'judge_error', message: v.error ?? 'the judge call failed' } : undefined,
          );
      }
    } else if (event.type === 'retry') {
      state.retry(event.lane);
    } else if (event.type === 'lane-stopped') {
      state.stop(event.lane, event.reason);
      const name = event.lane.startsWith('judge:') ? `judge ${event.lane.slice('judge:'.length)}` : event.lane;
      reporter.print(`${name} stopped (${event.reason}): ${event.message}\n`);
    }
  };
  return { onEvent, print: (text) => reporter.print(text), stop: () => reporter.stop(), failures };
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
export function renderPlan(plan: Runner.PlanEstimate, dryRun = false): string {
  const lines = [
    `run directory: ${plan.outDir}`,
    `dataset: ${plan.datasetRef} (${plan.items} items${plan.shard ? `, shard ${plan.shard.index + 1}/${plan.shard.count}` : ''})`,
  ];
  for (const m of plan.models)
    lines.push(`  model ${m.id}: ${m.calls} calls, ~${m.estInputTokens} input + ~${m.estOutputTokens} output tokens`);
  for (const j of plan.judges)
    lines.push(`  judge ${j.id}: ${j.calls} calls, ~${j.estInputTokens} input + ~${j.estOutputTokens} output tokens`);
  lines.push('(token figures are estimates made before any call; the manifest records real usage)');
  if (plan.adapters && plan.adapters.length > 0) {
    lines.push(
      `adapter modules${dryRun ? ' a run would load (none loaded by this dry run)' : ''}: code that runs with your rights`,
    );
    for (const a of plan.adapters) {
      const where =
        a.modulePath === undefined
          ? 'provided by the embedding program'
          : a.source === 'path'
            ? a.modulePath
            : `${a.packageName} (${a.modulePath})`;
      lines.push(`  ${a.path} ${a.id}: ${a.ref} → ${where}`);
    }
  }
  return lines.join('\n') + '\n';
}
