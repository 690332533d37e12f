import type { Command } from 'commander';
import type * as Core from '@sc-safety/core';
import { adapterSearchDirs } from '../adapter-search.js';
import { ExitCode, info, type CliIo, type CommandContext, widthOf } from '../io.js';
import { environmentOf } from '../env-file.js';
import { examples } from './examples.js';
import { ProgressReporter } from '../progress/progress-reporter.js';
import { ProgressState } from '../progress/progress-state.js';
import { core, interruptSignal, settleRunError } from './run-shared.js';
import { positiveInt } from './option-values.js';

interface FollowupsFlags {
  config: string;
  limit?: number;
  replace?: boolean;
  concurrency?: number;
  dryRun?: boolean;
  json?: boolean;
  preflight: boolean;
}

/** The plan, as `--dry-run` prints it (and as shown before the calls start). */
export function renderFollowupsPlan(plan: Core.FollowupsPlan): string {
  const a = plan.attacker;
  return (
    [
      `source: ${plan.dataset.ref} (${plan.dataset.items} items, ${plan.dataset.fingerprint})`,
      `output: ${plan.output}`,
      `store: ${plan.storeDir}`,
      `attacker ${a.id} (${a.adapter}, ${a.model}), prompt ${a.promptVersion} ${a.promptHash}`,
      `  ${plan.calls} calls (${plan.stored} already stored, ${plan.calls - plan.stored} to make), ~${plan.estInputTokens} input + ~${plan.estOutputTokens} output tokens`,
      `  ${plan.kept} items already have a follow-up and are kept${plan.kept > 0 ? ' (--replace regenerates them)' : ''}; ${plan.comply} contrast items (expect: comply) copied unchanged`,
      '(token figures are estimates made before any call)',
    ].join('\n') + '\n'
  );
}

/** The outcome counts and what was written. */
function renderSummary(result: Core.GenerateFollowupsResult): string {
  const lines = [`attacker calls: ${result.calls.made} made, ${result.calls.cached} read from the store`, 'outcomes:'];
  for (const [outcome, n] of Object.entries(result.outcomes)) lines.push(`  ${outcome.padEnd(22)} ${n}`);
  if (result.written) {
    const w = result.written;
    lines.push(`wrote ${w.path}: ${w.items} items (${w.twoTurnItems} with a follow-up), ${w.fingerprint}`);
    lines.push(`derived from ${result.plan.dataset.ref} ${result.plan.dataset.fingerprint}`);
  }
  return lines.join('\n') + '\n';
}

function startProgress(io: CliIo, plan: Core.FollowupsPlan, quiet: boolean) {
  const id = plan.attacker.id;
  const state = new ProgressState([{ id, label: `attacker ${id}`, total: plan.calls }]);
  const reporter = new ProgressReporter(state, {
    write: quiet ? () => {} : (io.stderrControl ?? io.stderr),
    tty: io.stderrIsTTY ?? false,
    columns: widthOf(io),
  });
  if (!quiet) reporter.start();
  const onEvent = (event: Core.FollowupsEvent) => {
    if (event.type === 'followup') {
      state.row(id, {
        cached: event.cached,
        blocked: event.outcome === 'attacker_blocked',
        error: event.outcome === 'attacker_error',
      });
    } else if (event.type === 'retry') {
      state.retry(id);
    } else {
      state.stop(id, event.reason);
      reporter.print(`attacker ${id} stopped (${event.reason}): ${event.message}\n`);
    }
  };
  return { onEvent, stop: () => reporter.stop() };
}

/** `sc-safety dataset followups`: frozen follow-ups written by an attacker model. */
export function registerFollowupsCommand(dataset: Command, ctx: CommandContext): void {
  const { io } = ctx;
  dataset
    .command('followups')
    .description(
      'write a frozen follow-up for every single-turn item with an attacker model, into a new versioned dataset',
    )
    .requiredOption(
      '-c, --config <file>',
      'follow-ups config (YAML or JSON): dataset, output, attacker, strategies, perItem, seed',
    )
    .option('--limit <n>', 'only the first n items of the source dataset', positiveInt)
    .option('--replace', 'regenerate the follow-up of items that already have one (default: keep them)')
    .option('--concurrency <n>', 'attacker calls in flight (overrides the config)', positiveInt)
    .option('--dry-run', 'print the plan (calls, estimated tokens) and stop')
    .option('--json', 'print the result as JSON on stdout')
    .option('--no-preflight', 'skip the probe of the attacker before its first call')
    .addHelpText(
      'after',
      '\nAttacker calls are stored by content: the same command again makes no call already made. Before the first call\n' +
        "the attacker is probed once (its adapter's check, else one call of one output token).\n" +
        'Exit status: 0 written, 1 some attacker calls failed (nothing written; run again to retry), 2 bad config/dataset/flags,\n' +
        "3 the attacker's probe failed (nothing spent), 130 interrupted.\n\n" +
        examples([
          ['sc-safety dataset followups -c followups.yaml --dry-run', 'calls and estimated tokens'],
          ['sc-safety dataset followups -c followups.yaml --limit 5', 'a first look at five items'],
        ]),
    )
    .action(async (flags: FollowupsFlags) => {
      const c = await core();
      const interrupt = flags.dryRun ? undefined : interruptSignal(io);
      let progress: ReturnType<typeof startProgress> | undefined;
      try {
        const result = await c.generateFollowups({
          configFile: flags.config,
          cwd: io.cwd,
          env: environmentOf(ctx),
          preflight: flags.preflight,
          ...(flags.limit !== undefined ? { limit: flags.limit } : {}),
          ...(flags.replace ? { replace: true } : {}),
          ...(flags.concurrency !== undefined ? { concurrency: flags.concurrency } : {}),
          ...(flags.dryRun ? { dryRun: true } : {}),
          ...(interrupt ? { signal: interrupt.signal } : {}),
          adapterSearchDirs: adapterSearchDirs(),
          onPlan: (plan) => {
            if (flags.dryRun) {
              io.stdout(flags.json ? JSON.stringify(plan, null, 2) + '\n' : renderFollowupsPlan(plan));
              return;
            }
            info(ctx, renderFollowupsPlan(plan));
            progress = startProgress(io, plan, ctx.verbosity === 'quiet');
          },
          onEvent: (e) => progress?.onEvent(e),
        });
        progress?.stop();
        if (flags.dryRun) return;
        io.stdout(
          flags.json
            ? JSON.stringify(
                { written: result.written ?? null, outcomes: result.outcomes, calls: result.calls, plan: result.plan },
                null,
                2,
              ) + '\n'
            : renderSummary(result),
        );
        if (result.interrupted) {
          io.stderr(
            'interrupted: completed attacker calls are stored; no dataset written. Run the same command again to resume.\n',
          );
          ctx.exitCode = ExitCode.interrupted;
        } else if (result.written === undefined) {
          io.stderr(
            `${result.outcomes.attacker_error} attacker calls failed; no dataset written. Run the same command again to retry them (stored calls are not repeated).\n`,
          );
          ctx.exitCode = ExitCode.failure;
        }
      } catch (error) {
        settleRunError(c, ctx, error, progress);
      } finally {
        interrupt?.dispose();
      }
    });
}
