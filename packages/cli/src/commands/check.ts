import type { Command } from 'commander';
import { terminalSafeJson } from '@sc-safety/core/terminal-text';
import { adapterSearchDirs } from '../adapter-search.js';
import { importAdapter } from '../bundled-adapters.js';
import { environmentOf } from '../env-file.js';
import { renderPreflight } from '../format/preflight-report.js';
import { info, type CommandContext } from '../io.js';
import { checkRunConfig } from './config-checks.js';
import { examples } from './examples.js';
import { runner, settleRunError } from './run-shared.js';

/** `sc-safety check`: only the preflight of a run — everything a run checks before its first paid call. */
export function registerCheckCommand(program: Command, ctx: CommandContext): void {
  const { io } = ctx;
  program
    .command('check')
    .description(
      'check a run config without running it: the config, the dataset, every key, and one probe per model endpoint and judge',
    )
    .requiredOption('-c, --config <file>', 'run config (YAML or JSON)')
    .option('--models <ids>', 'only these model ids, comma-separated (judges are always checked)')
    .option('--json', 'print the probes as JSON on stdout')
    .addHelpText(
      'after',
      `\nEach distinct endpoint gets one cheap probe: the adapter's own check where it has one, else one call capped at one\noutput token. Every problem is listed at once. Exit 0 when all pass, 2 for a bad config or missing key, 3 when a probe fails.\n\n${examples(
        [
          ['sc-safety check -c run.yaml', 'probe every model and judge'],
          ['sc-safety check -c run.yaml --models qwen-max --json', 'one model (and the judges), as JSON'],
        ],
      )}`,
    )
    .action(async (flags: { config: string; models?: string; json?: boolean }) => {
      const c = await runner();
      const models = flags.models
        ?.split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      try {
        await checkRunConfig(c, ctx, flags.config, models ? { models } : {});
        const result = await c.runBenchmark({
          configFile: flags.config,
          cwd: io.cwd,
          env: environmentOf(ctx),
          preflightOnly: true,
          overrides: models ? { models } : {},
          adapterSearchDirs: adapterSearchDirs(),
          adapterImporter: importAdapter,
          onWarning: (w) => info(ctx, `warning: ${w.message}\n`),
        });
        const report = result.preflight!;
        if (flags.json) io.stdout(terminalSafeJson({ ok: report.ok, probes: report.probes }, 2) + '\n');
        else io.stdout(renderPreflight(report, { verbose: ctx.verbosity === 'verbose' }));
      } catch (error) {
        if (error instanceof c.PreflightFailedError) {
          if (flags.json) io.stdout(terminalSafeJson({ ok: false, probes: error.report.probes }, 2) + '\n');
        }
        settleRunError(c, ctx, error);
      }
    });
}
