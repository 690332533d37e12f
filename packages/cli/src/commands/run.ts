import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { terminalSafeJson } from '@sc-safety/core/terminal-text';
import type * as Runner from '@sc-safety/core/run';
import { EXIT_CODE_HELP, info, type CommandContext, widthOf } from '../io.js';
import { percent, settleExitCode, type CompletionGates } from './completion.js';
import { checkRunConfig } from './config-checks.js';
import { examples } from './examples.js';
import { renderPreflight } from '../format/preflight-report.js';
import { environmentOf } from '../env-file.js';
import {
  core,
  interruptSignal,
  runner,
  isUsageError,
  renderPlan,
  reportInvalidInput,
  settleRunError,
  startProgress,
  type RunProgress,
} from './run-shared.js';
import { adapterSearchDirs } from '../adapter-search.js';
import { importAdapter } from '../bundled-adapters.js';
import { positiveInt, lineBytes } from './option-values.js';

const GATE_HELP = {
  failUnder: 'exit 3 when a ranked model’s total is under this score (0–100), or it has no score',
  minCoverage: 'exit 3 when a model’s coverage (scored / all answers) is under this percentage',
} as const;

interface RunFlags {
  config: string;
  out?: string;
  limit?: number;
  models?: string;
  shard?: string;
  concurrency?: number;
  maxInFlight?: number;
  failUnder?: number;
  minCoverage?: number;
  json?: boolean;
  dryRun?: boolean;
  fsync?: boolean;
  fresh?: boolean;
  maxLineBytes?: number;
  preflight: boolean;
}

function gatesOf(flags: { failUnder?: number; minCoverage?: number }): CompletionGates {
  return {
    ...(flags.failUnder !== undefined ? { failUnder: flags.failUnder } : {}),
    ...(flags.minCoverage !== undefined ? { minCoverage: flags.minCoverage } : {}),
  };
}

/** `--json` and the two gates, last among the flags of the commands that rescore a run (score, merge). */
function withGateFlags(command: Command): Command {
  return command
    .option('--json', 'print JSON on stdout')
    .option('--fail-under <score>', GATE_HELP.failUnder, percent)
    .option('--min-coverage <percent>', GATE_HELP.minCoverage, percent);
}

/** `sc-safety run`: the benchmark itself. */
export function registerRunCommand(program: Command, ctx: CommandContext): void {
  const { io } = ctx;
  program
    .command('run')
    .description('run the two-round benchmark: every model × item × round, judged, stored and scored')
    .requiredOption('-c, --config <file>', 'run config (YAML or JSON)')
    .option('-o, --out <dir>', 'run directory (overrides `output` in the config)')
    .option('--limit <n>', 'only the first n items', positiveInt)
    .option('--models <ids>', 'only these model ids, comma-separated')
    .option(
      '--shard <i/n|auto>',
      'only shard i of n (1-based), for splitting work across machines; auto: from Slurm, Kubernetes or SC_SAFETY_SHARD_* variables, in <out>/shard-i-of-n',
    )
    .option('--concurrency <n>', 'calls in flight per model and judge (overrides the config)', positiveInt)
    .option(
      '--max-in-flight <n>',
      'calls in flight across every model and judge together (overrides `maxInFlight` in the config)',
      positiveInt,
    )
    .option('--fail-under <score>', GATE_HELP.failUnder, percent)
    .option('--min-coverage <percent>', GATE_HELP.minCoverage, percent)
    .option('--json', 'print the results summary as JSON on stdout')
    .option(
      '--dry-run',
      'print the plan (calls per model, estimated tokens, adapter modules that would load) and stop; imports no adapter',
    )
    .option('--fsync', 'fsync every stored call (survives power loss, not just a killed process; slower)')
    .option(
      '--fresh',
      'move an existing run store aside (store.sqlite → store.sqlite.moved-<time>) and start again; nothing is deleted',
    )
    .option('--max-line-bytes <n>', 'longest dataset line accepted, in bytes (default 1048576)', lineBytes)
    .option(
      '--no-preflight',
      'skip the probes of every model endpoint and judge before the first call (see `sc-safety check`)',
    )
    .addHelpText(
      'after',
      `\nBefore the first paid call, every distinct model endpoint and every judge is probed once (the adapter's check,\nelse one call of one output token); a failing probe stops the run with every problem listed (exit 3).\nRe-running the same command resumes: completed calls are read from the run store, never repeated.\nAn adapter path or package named in a config is code: it runs with your rights, like an ESLint or Vitest config.\nResults are always written before the exit status is decided. Keys are read from the environment and from .env\nin the working directory (the real environment wins).\n\n${examples(
        [
          ['sc-safety run -c run.yaml --dry-run', 'plan: calls and tokens per model, missing keys; spends nothing'],
          ['sc-safety run -c run.yaml', 'run (the same command again resumes)'],
          ['sc-safety run -c run.yaml --limit 10 -o runs/try', 'a first look at 10 items in another directory'],
          ['sc-safety run -c run.yaml --fail-under 60 --min-coverage 95', 'gate CI on the scores'],
        ],
      )}\n\n${EXIT_CODE_HELP}`,
    )
    .action(async (flags: RunFlags) => {
      const c = await runner();
      const interrupt = flags.dryRun ? undefined : interruptSignal(io);
      let progress: RunProgress | undefined;
      let planSeen: Runner.PlanEstimate | undefined;
      try {
        const models = flags.models
          ?.split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        const loadedConfig = await checkRunConfig(c, ctx, flags.config, {
          ...(flags.dryRun ? { dryRun: true } : {}),
          ...(models ? { models } : {}),
        });
        const result = await c.runBenchmark({
          configFile: flags.config,
          loadedConfig,
          cwd: io.cwd,
          env: environmentOf(ctx),
          preflight: flags.preflight,
          onPreflight: (report) => {
            if (report.ok)
              info(
                ctx,
                renderPreflight(report, {
                  verbose: ctx.verbosity === 'verbose',
                  summaryOnly: ctx.verbosity !== 'verbose',
                }),
              );
          },
          overrides: {
            ...(flags.out !== undefined ? { out: flags.out } : {}),
            ...(flags.limit !== undefined ? { limit: flags.limit } : {}),
            ...(models !== undefined ? { models } : {}),
            ...(flags.concurrency !== undefined ? { concurrency: flags.concurrency } : {}),
            ...(flags.maxInFlight !== undefined ? { maxInFlight: flags.maxInFlight } : {}),
          },
          ...(flags.shard !== undefined ? { shard: flags.shard } : {}),
          ...(flags.dryRun ? { dryRun: true } : {}),
          ...(flags.fsync ? { durability: 'full' as const } : {}),
          ...(flags.fresh ? { fresh: true } : {}),
          ...(flags.maxLineBytes !== undefined ? { maxLineBytes: flags.maxLineBytes } : {}),
          onFresh: (moved: readonly string[]) => {
            for (const file of moved) info(ctx, `--fresh: moved ${file} aside; starting a new run store\n`);
          },
          ...(interrupt ? { signal: interrupt.signal } : {}),
          adapterSearchDirs: adapterSearchDirs(),
          adapterImporter: importAdapter,
          commandLine: ['sc-safety', ...process.argv.slice(2)],
          onPlan: (plan) => {
            if (flags.dryRun) {
              if (flags.json) io.stdout(terminalSafeJson(plan, 2) + '\n');
              else io.stdout(renderPlan(plan, true));
              return;
            }
            planSeen = plan;
            info(ctx, renderPlan(plan));
          },
          onEvent: (e) => {
            // The display starts with the first call, after the preflight's own lines.
            if (planSeen) progress ??= startProgress(io, planSeen, { quiet: ctx.verbosity === 'quiet' });
            progress?.onEvent(e);
          },
          onJudgeCheck: (() => {
            let shown = -1;
            return (p: { done: number; total: number; failed: number }) => {
              const decile = Math.floor((p.done / p.total) * 10);
              if (decile === shown) return;
              shown = decile;
              info(ctx, `judge check (judge.check): ${p.done}/${p.total} cases, ${p.failed} unscored\n`);
            };
          })(),
          onWarning: (w) =>
            progress ? progress.print(`warning: ${w.message}\n`) : info(ctx, `warning: ${w.message}\n`),
        });
        progress?.stop();
        if (!result.results) return;
        if (result.upToDate)
          info(
            ctx,
            `nothing to do: every call of this plan is in the store, and the exports in ${result.outDir} were written from it (${result.upToDate.writtenAt}); \`sc-safety score ${result.outDir}\` writes them again\n`,
          );
        const failures = progress?.failures.render() ?? '';
        if (flags.json) {
          io.stdout(
            terminalSafeJson(
              {
                outDir: result.outDir,
                files: result.paths,
                status: result.results.manifest.status,
                failures: progress?.failures.lines() ?? [],
                leaderboard: result.results.leaderboard,
              },
              2,
            ) + '\n',
          );
        } else {
          io.stdout(c.renderSummary(result.results, { width: widthOf(io) }) + '\n');
          io.stdout(`\nrun directory: ${result.outDir}\n`);
        }
        if (failures) io.stderr(failures);
        // The results are written (results.json, answers.csv, summary.txt): now the exit status.
        settleExitCode(ctx, result.results, gatesOf(flags));
      } catch (error) {
        settleRunError(c, ctx, error, progress);
      } finally {
        interrupt?.dispose();
      }
    });

  withGateFlags(
    program
      .command('score')
      .description('recompute the leaderboard of a run directory from its stored judgments, or from a judgments file')
      .argument('[run-dir]', 'a run directory written by `sc-safety run`')
      .option(
        '--judgments <file>',
        'JSONL of {model, itemId, category, dimension, round, score | outcome} made elsewhere',
      )
      .option('--no-write', 'print only: leave results.json, answers.csv and summary.txt as they are'),
  )
    .addHelpText(
      'after',
      `\nA rescore rewrites the run's exports (results.json, answers.csv, summary.txt) and says so; --no-write only prints.\n\n${examples(
        [
          ['sc-safety score runs/my-run', 'rescore from the stored judgments'],
          ['sc-safety score runs/my-run --no-write --json', 'print the leaderboard, write nothing'],
          ['sc-safety score --judgments judgments.jsonl', 'score judgments made elsewhere'],
        ],
      )}\n\n${EXIT_CODE_HELP}`,
    )
    .action(
      async (
        runDir: string | undefined,
        flags: { judgments?: string; json?: boolean; write: boolean; failUnder?: number; minCoverage?: number },
      ) => {
        const c = await core();
        try {
          if (flags.judgments !== undefined) {
            if (runDir !== undefined)
              throw new InvalidArgumentError('give either a run directory or --judgments, not both');
            const results = await c.scoreJudgmentsFile(flags.judgments, { cwd: io.cwd });
            io.stdout(
              flags.json
                ? terminalSafeJson({ leaderboard: results.leaderboard }, 2) + '\n'
                : c.renderSummary(results, { width: widthOf(io) }) + '\n',
            );
            settleExitCode(ctx, results, gatesOf(flags));
            return;
          }
          if (runDir === undefined) throw new InvalidArgumentError('give a run directory, or --judgments <file>');
          const dir = path.resolve(io.cwd, runDir);
          const { results, paths } = await c.scoreRun(dir, { write: flags.write });
          io.stdout(
            flags.json
              ? terminalSafeJson({ files: paths ?? null, leaderboard: results.leaderboard }, 2) + '\n'
              : c.renderSummary(results, { width: widthOf(io) }) + '\n',
          );
          if (paths)
            info(
              ctx,
              `rewrote ${Object.values(paths)
                .map((f) => path.relative(dir, f))
                .join(', ')} in ${dir} (--no-write leaves them as they were)\n`,
            );
          else info(ctx, `--no-write: nothing in ${dir} was changed\n`);
          settleExitCode(ctx, results, gatesOf(flags));
        } catch (error) {
          if (
            error instanceof InvalidArgumentError ||
            isUsageError(c, error) ||
            (error as { code?: string }).code === 'ENOENT'
          ) {
            reportInvalidInput(ctx, error);
            return;
          }
          throw error;
        }
      },
    );

  withGateFlags(
    program
      .command('merge')
      .description('combine the run stores of several shards (or machines) into one run directory and score it')
      .argument(
        '<run-dirs...>',
        'run directories of the same run (a directory of shard-i-of-n runs counts as all of them)',
      )
      .requiredOption('-o, --out <dir>', 'the merged run directory'),
  )
    .addHelpText(
      'after',
      `\n${examples([
        ['sc-safety merge runs/a runs/b -o runs/all', 'two shards into one run'],
        ['sc-safety merge runs/cluster -o runs/all', 'every shard-i-of-n directory of a --shard auto run'],
      ])}\n\n${EXIT_CODE_HELP}`,
    )
    .action(
      async (dirs: string[], flags: { out: string; json?: boolean; failUnder?: number; minCoverage?: number }) => {
        const c = await core();
        try {
          // Relative to the command's working directory, like `run --out` (io.cwd is process.cwd() outside tests).
          // A directory of `--shard auto` runs (shard-i-of-n inside) stands for all its shards.
          const runDirs = c.collectShardDirs(dirs.map((d) => path.resolve(io.cwd, d)));
          const merged = await c.mergeRuns(runDirs, path.resolve(io.cwd, flags.out));
          info(
            ctx,
            `merged ${runDirs.length} stores: ${merged.counts.answers} answers, ${merged.counts.judgments} judgments added, ${merged.counts.conflicts} conflicts\n`,
          );
          io.stdout(
            flags.json
              ? terminalSafeJson(
                  { files: merged.paths, counts: merged.counts, leaderboard: merged.results.leaderboard },
                  2,
                ) + '\n'
              : c.renderSummary(merged.results, { width: widthOf(io) }) + '\n',
          );
          settleExitCode(ctx, merged.results, gatesOf(flags));
        } catch (error) {
          if (isUsageError(c, error)) {
            reportInvalidInput(ctx, error);
            return;
          }
          throw error;
        }
      },
    );
}
