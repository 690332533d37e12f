import { InvalidArgumentError, type Command } from 'commander';
import type * as Core from '@sc-safety/core';
import type { DatasetIssue } from '@sc-safety/core';
import { terminalSafeJson } from '@sc-safety/core/terminal-text';
import { ExitCode, type CliIo, type CommandContext } from '../io.js';

const DATASET_ARG = 'path to a .jsonl/.json dataset, or builtin:NAME (see `sc-safety dataset list`)';

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number ≥ 1.');
  return n;
}

function lineBytes(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1024) throw new InvalidArgumentError('expected a whole number of bytes ≥ 1024.');
  return n;
}

const MAX_LINE_HELP = 'longest line accepted, in bytes (default 1048576)';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The engine, imported on first use so commands that do not need it start fast. */
async function core(): Promise<typeof Core> {
  return import('@sc-safety/core');
}

async function printIssues(io: CliIo, issues: readonly DatasetIssue[], omitted: number): Promise<void> {
  const { formatIssue, formatOmitted } = await core();
  for (const issue of issues) io.stderr(`${formatIssue(issue)}\n`);
  if (omitted > 0) io.stderr(`${formatOmitted(omitted)}\n`);
}

/** `sc-safety dataset …`: list, validate and describe datasets. */
export function registerDatasetCommands(program: Command, ctx: CommandContext): void {
  const { io } = ctx;
  const options = (): { cwd: string; builtinDir?: string } =>
    io.builtinDir === undefined ? { cwd: io.cwd } : { cwd: io.cwd, builtinDir: io.builtinDir };

  const dataset = program.command('dataset').description('check and describe benchmark datasets');

  dataset
    .command('list')
    .description('list the datasets that ship with sc-safety')
    .action(async () => {
      const { listBuiltinDatasets } = await core();
      const list = await listBuiltinDatasets(options());
      if (list.length === 0) io.stderr('no builtin datasets found\n');
      for (const d of list) io.stdout(`${d.ref}\t${d.path}\n`);
    });

  dataset
    .command('validate')
    .description('check a dataset and report every problem as file:line: field: message')
    .argument('<dataset>', DATASET_ARG)
    .option('--max-issues <n>', 'list at most n issues, then count the rest', positiveInt, 200)
    .option('--max-line-bytes <n>', MAX_LINE_HELP, lineBytes)
    .addHelpText('after', '\nExit status: 0 when valid (warnings allowed), 2 when there is any error.')
    .action(async (ref: string, opts: { maxIssues: number; maxLineBytes?: number }) => {
      const { validateDataset } = await core();
      const limit = opts.maxLineBytes === undefined ? {} : { maxLineBytes: opts.maxLineBytes };
      const result = await validateDataset(ref, { ...options(), ...limit, maxIssues: opts.maxIssues });
      await printIssues(io, result.issues, result.omitted);
      const warnings = plural(result.warningCount, 'warning');
      if (result.ok) {
        io.stdout(`${result.file}: valid, ${plural(result.itemCount, 'item')}, ${warnings}, ${result.fingerprint ?? ''}\n`);
      } else {
        io.stderr(
          `${result.file}: invalid, ${plural(result.errorCount, 'error')}, ${warnings} (${plural(result.itemCount, 'valid item')}); fix the problems above and run again\n`,
        );
        ctx.exitCode = ExitCode.invalid;
      }
    });

  dataset
    .command('stats')
    .description('count items and turns per category and sub-dimension, with prompt lengths')
    .argument('<dataset>', DATASET_ARG)
    .option('--json', 'print machine-readable JSON to stdout')
    .option('--max-line-bytes <n>', MAX_LINE_HELP, lineBytes)
    .action(async (ref: string, opts: { json?: boolean; maxLineBytes?: number }) => {
      const { DatasetError, datasetStats, loadDataset } = await core();
      let loaded;
      try {
        loaded = await loadDataset(ref, { ...options(), ...(opts.maxLineBytes === undefined ? {} : { maxLineBytes: opts.maxLineBytes }) });
      } catch (error) {
        if (!DatasetError.isInstance(error)) throw error;
        await printIssues(io, error.issues, error.omitted);
        io.stderr(`${ref}: invalid dataset; run \`sc-safety dataset validate ${ref}\` for details\n`);
        ctx.exitCode = ExitCode.invalid;
        return;
      }
      await printIssues(io, loaded.warnings, 0);
      const stats = datasetStats(loaded.items, loaded.taxonomy);
      if (opts.json === true) {
        io.stdout(`${terminalSafeJson({ dataset: ref, file: loaded.file, ...stats }, 2)}\n`);
      } else {
        const { renderDatasetStats } = await import('../format/dataset-stats.js');
        io.stdout(renderDatasetStats(loaded.file, stats));
      }
    });
}
