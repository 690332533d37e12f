import { terminalSafeJson } from '@sc-safety/core/terminal-text';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { adapterSearchDirs } from '../adapter-search.js';
import { importAdapter } from '../bundled-adapters.js';
import type * as Runner from '@sc-safety/core/run';
import { ExitCode, info, type CommandContext, widthOf } from '../io.js';
import { examples } from './examples.js';
import { renderPreflight } from '../format/preflight-report.js';
import { interruptSignal, runner, renderPlan, settleRunError, startProgress, type RunProgress } from './run-shared.js';

/** `sc-safety demo`: the whole benchmark offline, against loopback personas. */
export function registerDemoCommand(program: Command, ctx: CommandContext): void {
  const { io } = ctx;
  program
    .command('demo')
    .description(
      'run the whole benchmark offline: loopback fake vendors play scripted personas through the real adapters; a scripted judge panel scores them',
    )
    .option('-o, --out <dir>', 'run directory', 'runs/demo')
    .option('--dataset <ref>', 'dataset to run', 'builtin:sample')
    .option('--json', 'print the results summary as JSON on stdout')
    .addHelpText(
      'after',
      `\nDemo scores are not safety scores: the personas are scripted. See the README to point the same run at real models.\n\n${examples(
        [
          ['sc-safety demo', 'the whole benchmark on builtin:sample, into runs/demo'],
          ['sc-safety demo --dataset builtin:smoke -o runs/quick', 'a quicker one'],
        ],
      )}`,
    )
    .action(async (flags: { out: string; dataset: string; json?: boolean }) => {
      const c = await runner();
      const { startDemoServers, demoConfigYaml } = await import('../demo/demo-servers.js');
      const outDir = path.resolve(io.cwd, flags.out);
      await mkdir(outDir, { recursive: true });
      // The demo's fake vendors listen on new ports each time, so nothing in an old demo store
      // could be reused: start clean rather than let the store grow with every demo.
      for (const f of ['store.sqlite', 'store.sqlite-wal', 'store.sqlite-shm'])
        await rm(path.join(outDir, f), { force: true });
      const servers = await startDemoServers();
      const interrupt = interruptSignal(io);
      let progress: RunProgress | undefined;
      let plan: Runner.PlanEstimate | undefined;
      try {
        const configFile = path.join(outDir, 'demo-config.yaml');
        const dataset = flags.dataset.startsWith('builtin:') ? flags.dataset : path.resolve(io.cwd, flags.dataset);
        await writeFile(configFile, demoConfigYaml(servers, { dataset, output: '.' }));
        const result = await c.runBenchmark({
          configFile,
          cwd: io.cwd,
          signal: interrupt.signal,
          adapterSearchDirs: adapterSearchDirs(),
          adapterImporter: importAdapter,
          commandLine: ['sc-safety', 'demo', ...process.argv.slice(3)],
          onPreflight: (report) => {
            if (report.ok)
              info(
                ctx,
                renderPreflight(report, {
                  summaryOnly: ctx.verbosity !== 'verbose',
                  verbose: ctx.verbosity === 'verbose',
                }),
              );
          },
          onPlan: (p) => {
            plan = p;
            info(ctx, renderPlan(p));
          },
          onEvent: (e) => {
            if (plan) progress ??= startProgress(io, plan, { quiet: ctx.verbosity === 'quiet' });
            progress?.onEvent(e);
          },
          onWarning: (w) =>
            progress ? progress.print(`warning: ${w.message}\n`) : info(ctx, `warning: ${w.message}\n`),
        });
        progress?.stop();
        if (!result.results) return;
        if (flags.json) {
          io.stdout(
            terminalSafeJson(
              { outDir: result.outDir, files: result.paths, leaderboard: result.results.leaderboard },
              2,
            ) + '\n',
          );
        } else {
          io.stdout(c.renderSummary(result.results, { width: widthOf(io) }) + '\n');
          io.stdout(`\nrun directory: ${result.outDir}\n`);
          io.stdout('Demo scores are NOT safety scores: the models are scripted personas on loopback fake servers.\n');
        }
        const failures = progress?.failures.render();
        if (failures) io.stderr(failures);
        if (result.interrupted) ctx.exitCode = ExitCode.interrupted;
      } catch (error) {
        settleRunError(c, ctx, error, progress);
      } finally {
        progress?.stop();
        interrupt.dispose();
        await servers.close();
      }
    });
}
