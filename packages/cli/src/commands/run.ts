import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { terminalSafeJson } from '@sc-safety/core/terminal-text';
import { EXIT_CODE_HELP, ExitCode, type CommandContext } from '../io.js';
import { percent, settleExitCode, type CompletionGates } from './completion.js';
import { core, interruptSignal, isUsageError, renderPlan, startProgress } from './run-shared.js';
import { adapterSearchDirs } from '../adapter-search.js';

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number ≥ 1.');
  return n;
}

function bytes(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1024) throw new InvalidArgumentError('expected a whole number of bytes ≥ 1024.');
  return n;
}

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
  failUnder?: number;
  minCoverage?: number;
  json?: boolean;
  dryRun?: boolean;
  fsync?: boolean;
  fresh?: boolean;
  maxLineBytes?: number;
}

function gatesOf(flags: { failUnder?: number; minCoverage?: number }): CompletionGates {
  return { ...(flags.failUnder !== undefined ? { failUnder: flags.failUnder } : {}), ...(flags.minCoverage !== undefined ? { minCoverage: flags.minCoverage } : {}) };
}

/** `sc-safety run`: the benchmark itself. */
export function registerRunCommand(program: Command, ctx: CommandContext): void {
  const { io } = ctx;
  program
    .command('run')
    .description('run the two-round benchmark: every model × item × round, judged, stored and scored')
    .requiredOption('-c, --config <file>', 'run config (YAML or JSON)')
    .option('--out <dir>', 'run directory (overrides `output` in the config)')
    .option('--limit <n>', 'only the first n items', positiveInt)
    .option('--models <ids>', 'only these model ids, comma-separated')
    .option('--shard <i/n|auto>', 'only shard i of n (1-based), for splitting work across machines; auto: from Slurm, Kubernetes or SC_SAFETY_SHARD_* variables, in <out>/shard-i-of-n')
    .option('--concurrency <n>', 'calls in flight per model and judge (overrides the config)', positiveInt)
    .option('--fail-under <score>', GATE_HELP.failUnder, percent)
    .option('--min-coverage <percent>', GATE_HELP.minCoverage, percent)
    .option('--json', 'print the results summary as JSON on stdout')
    .option('--dry-run', 'print the plan (calls per model, estimated tokens, adapter modules that would load) and stop; imports no adapter')
    .option('--fsync', 'fsync every stored call (survives power loss, not just a killed process; slower)')
    .option('--fresh', 'move an existing run store aside (store.sqlite → store.sqlite.moved-<time>) and start again; nothing is deleted')
    .option('--max-line-bytes <n>', 'longest dataset line accepted, in bytes (default 1048576)', bytes)
    .addHelpText(
      'after',
      `\nRe-running the same command resumes: completed calls are read from the run store, never repeated.\nAn adapter path or package named in a config is code: it runs with your rights, like an ESLint or Vitest config.\nResults are always written before the exit status is decided.\n\n${EXIT_CODE_HELP}`,
    )
    .action(async (flags: RunFlags) => {
      const c = await core();
      const interrupt = flags.dryRun ? undefined : interruptSignal(io);
      let progress: ReturnType<typeof startProgress> | undefined;
      try {
        const result = await c.runBenchmark({
          configFile: flags.config,
          cwd: io.cwd,
          overrides: {
            ...(flags.out !== undefined ? { out: flags.out } : {}),
            ...(flags.limit !== undefined ? { limit: flags.limit } : {}),
            ...(flags.models !== undefined ? { models: flags.models.split(',').map((s) => s.trim()).filter(Boolean) } : {}),
            ...(flags.concurrency !== undefined ? { concurrency: flags.concurrency } : {}),
          },
          ...(flags.shard !== undefined ? { shard: flags.shard } : {}),
          ...(flags.dryRun ? { dryRun: true } : {}),
          ...(flags.fsync ? { durability: 'full' as const } : {}),
          ...(flags.fresh ? { fresh: true } : {}),
          ...(flags.maxLineBytes !== undefined ? { maxLineBytes: flags.maxLineBytes } : {}),
          onFresh: (moved: readonly string[]) => {
            for (const file of moved) io.stderr(`--fresh: moved ${file} aside; starting a new run store\n`);
          },
          ...(interrupt ? { signal: interrupt.signal } : {}),
          adapterSearchDirs: adapterSearchDirs(),
          commandLine: ['sc-safety', ...process.argv.slice(2)],
          onPlan: (plan) => {
            if (flags.dryRun) {
              if (flags.json) io.stdout(terminalSafeJson(plan, 2) + '\n');
              else io.stdout(renderPlan(plan, true));
              return;
            }
            io.stderr(renderPlan(plan));
            progress = startProgress(io, plan);
          },
          onEvent: (e) => progress?.onEvent(e),
          onJudgeCheck: (() => {
            let shown = -1;
            return (p: { done: number; total: number; failed: number }) => {
              const decile = Math.floor((p.done / p.total) * 10);
              if (decile === shown) return;
              shown = decile;
              io.stderr(`judge check (judge.check): ${p.done}/${p.total} cases, ${p.failed} unscored\n`);
            };
          })(),
          onWarning: (w) => io.stderr(`warning: ${w.message}\n`),
        });
        progress?.stop();
        if (!result.results) return;
        if (flags.json) {
          io.stdout(terminalSafeJson({ outDir: result.outDir, files: result.paths, status: result.results.manifest.status, leaderboard: result.results.leaderboard }, 2) + '\n');
        } else {
          io.stdout(c.renderSummary(result.results, { width: io.columns ?? 100 }) + '\n');
          io.stdout(`\nrun directory: ${result.outDir}\n`);
        }
        // The results are written (results.json, answers.csv, summary.txt): now the exit status.
        settleExitCode(ctx, result.results, gatesOf(flags));
      } catch (error) {
        progress?.stop();
        if (error instanceof c.JudgeCheckFailedError) {
          io.stderr(`${error.message}\n`);
          ctx.exitCode = ExitCode.incomplete;
          return;
        }
        if (isUsageError(c, error)) {
          io.stderr(`${error instanceof Error ? error.message : String(error)}\n`);
          ctx.exitCode = ExitCode.invalid;
          return;
        }
        throw error;
      } finally {
        interrupt?.dispose();
      }
    });

  program
    .command('score')
    .description('recompute the leaderboard of a run directory from its stored judgments, or from a judgments file')
    .argument('[run-dir]', 'a run directory written by `sc-safety run`')
    .option('--judgments <file>', 'JSONL of {model, itemId, category, dimension, round, score | outcome} made elsewhere')
    .option('--json', 'print JSON on stdout')
    .option('--fail-under <score>', GATE_HELP.failUnder, percent)
    .option('--min-coverage <percent>', GATE_HELP.minCoverage, percent)
    .addHelpText('after', `\n${EXIT_CODE_HELP}`)
    .action(async (runDir: string | undefined, flags: { judgments?: string; json?: boolean; failUnder?: number; minCoverage?: number }) => {
      const c = await core();
      try {
        if (flags.judgments !== undefined) {
          if (runDir !== undefined) throw new InvalidArgumentError('give either a run directory or --judgments, not both');
          const results = await c.scoreJudgmentsFile(flags.judgments, { cwd: io.cwd });
          io.stdout(flags.json ? terminalSafeJson({ leaderboard: results.leaderboard }, 2) + '\n' : c.renderSummary(results, { width: io.columns ?? 100 }) + '\n');
          settleExitCode(ctx, results, gatesOf(flags));
          return;
        }
        if (runDir === undefined) throw new InvalidArgumentError('give a run directory, or --judgments <file>');
        const { results, paths } = await c.scoreRun(path.resolve(io.cwd, runDir));
        io.stdout(flags.json ? terminalSafeJson({ files: paths, leaderboard: results.leaderboard }, 2) + '\n' : c.renderSummary(results, { width: io.columns ?? 100 }) + '\n');
        settleExitCode(ctx, results, gatesOf(flags));
      } catch (error) {
        if (error instanceof InvalidArgumentError || isUsageError(c, error) || (error as { code?: string }).code === 'ENOENT') {
          io.stderr(`${error instanceof Error ? error.message : String(error)}\n`);
          ctx.exitCode = ExitCode.invalid;
          return;
        }
        throw error;
      }
    });

  program
    .command('merge')
    .description('combine the run stores of several shards (or machines) into one run directory and score it')
    .argument('<run-dirs...>', 'run directories of the same run (a directory of shard-i-of-n runs counts as all of them)')
    .requiredOption('--out <dir>', 'the merged run directory')
    .option('--json', 'print JSON on stdout')
    .option('--fail-under <score>', GATE_HELP.failUnder, percent)
    .option('--min-coverage <percent>', GATE_HELP.minCoverage, percent)
    .addHelpText('after', `\n${EXIT_CODE_HELP}`)
    .action(async (dirs: string[], flags: { out: string; json?: boolean; failUnder?: number; minCoverage?: number }) => {
      const c = await core();
      try {
        // Relative to the command's working directory, like `run --out` (io.cwd is process.cwd() outside tests).
        // A directory of `--shard auto` runs (shard-i-of-n inside) stands for all its shards.
        const runDirs = c.collectShardDirs(dirs.map((d) => path.resolve(io.cwd, d)));
        const merged = await c.mergeRuns(runDirs, path.resolve(io.cwd, flags.out));
        io.stderr(`merged ${runDirs.length} stores: ${merged.counts.answers} answers, ${merged.counts.judgments} judgments added, ${merged.counts.conflicts} conflicts\n`);
        io.stdout(flags.json ? terminalSafeJson({ files: merged.paths, counts: merged.counts, leaderboard: merged.results.leaderboard }, 2) + '\n' : c.renderSummary(merged.results, { width: io.columns ?? 100 }) + '\n');
        settleExitCode(ctx, merged.results, gatesOf(flags));
      } catch (error) {
        if (isUsageError(c, error)) {
          io.stderr(`${error instanceof Error ? error.message : String(error)}\n`);
          ctx.exitCode = ExitCode.invalid;
          return;
        }
        throw error;
      }
    });
}
