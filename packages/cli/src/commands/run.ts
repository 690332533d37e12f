import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { ExitCode, type CommandContext } from '../io.js';
import { core, failUnder, interruptSignal, isUsageError, renderPlan, startProgress } from './run-shared.js';
import { adapterSearchDirs } from '../adapter-search.js';

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number ≥ 1.');
  return n;
}

function score(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 100) throw new InvalidArgumentError('expected a score between 0 and 100.');
  return n;
}

interface RunFlags {
  config: string;
  out?: string;
  limit?: number;
  models?: string;
  shard?: string;
  concurrency?: number;
  failUnder?: number;
  json?: boolean;
  dryRun?: boolean;
  fsync?: boolean;
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
    .option('--fail-under <score>', 'exit 1 when a ranked model’s total is under this score', score)
    .option('--json', 'print the results summary as JSON on stdout')
    .option('--dry-run', 'print the plan (calls per model, estimated tokens) and stop')
    .option('--fsync', 'fsync every stored call (survives power loss, not just a killed process; slower)')
    .addHelpText(
      'after',
      '\nRe-running the same command resumes: completed calls are read from the run store, never repeated.\nExit status: 0 done, 1 failure or --fail-under, 2 bad config/dataset/flags, 3 the judge failed the judge.check the config requires (no target was called), 130 interrupted.',
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
          ...(interrupt ? { signal: interrupt.signal } : {}),
          adapterSearchDirs: adapterSearchDirs(),
          commandLine: ['sc-safety', ...process.argv.slice(2)],
          onPlan: (plan) => {
            if (flags.dryRun) {
              if (flags.json) io.stdout(JSON.stringify(plan, null, 2) + '\n');
              else io.stdout(renderPlan(plan));
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
          io.stdout(JSON.stringify({ outDir: result.outDir, files: result.paths, status: result.results.manifest.status, leaderboard: result.results.leaderboard }, null, 2) + '\n');
        } else {
          io.stdout(c.renderSummary(result.results, { width: io.columns ?? 100 }) + '\n');
          io.stdout(`\nrun directory: ${result.outDir}\n`);
        }
        if (result.interrupted) {
          io.stderr('interrupted: completed calls are stored; run the same command again to resume.\n');
          ctx.exitCode = 130;
          return;
        }
        failUnder(ctx, result.results, flags.failUnder);
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
    .action(async (runDir: string | undefined, flags: { judgments?: string; json?: boolean }) => {
      const c = await core();
      try {
        if (flags.judgments !== undefined) {
          if (runDir !== undefined) throw new InvalidArgumentError('give either a run directory or --judgments, not both');
          const results = await c.scoreJudgmentsFile(flags.judgments, { cwd: io.cwd });
          io.stdout(flags.json ? JSON.stringify({ leaderboard: results.leaderboard }, null, 2) + '\n' : c.renderSummary(results, { width: io.columns ?? 100 }) + '\n');
          return;
        }
        if (runDir === undefined) throw new InvalidArgumentError('give a run directory, or --judgments <file>');
        const { results, paths } = await c.scoreRun(path.resolve(io.cwd, runDir));
        io.stdout(flags.json ? JSON.stringify({ files: paths, leaderboard: results.leaderboard }, null, 2) + '\n' : c.renderSummary(results, { width: io.columns ?? 100 }) + '\n');
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
    .action(async (dirs: string[], flags: { out: string; json?: boolean }) => {
      const c = await core();
      try {
        // Relative to the command's working directory, like `run --out` (io.cwd is process.cwd() outside tests).
        // A directory of `--shard auto` runs (shard-i-of-n inside) stands for all its shards.
        const runDirs = c.collectShardDirs(dirs.map((d) => path.resolve(io.cwd, d)));
        const merged = await c.mergeRuns(runDirs, path.resolve(io.cwd, flags.out));
        io.stderr(`merged ${runDirs.length} stores: ${merged.counts.answers} answers, ${merged.counts.judgments} judgments added, ${merged.counts.conflicts} conflicts\n`);
        io.stdout(flags.json ? JSON.stringify({ files: merged.paths, counts: merged.counts, leaderboard: merged.results.leaderboard }, null, 2) + '\n' : c.renderSummary(merged.results, { width: io.columns ?? 100 }) + '\n');
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
