import { InvalidArgumentError, type Command } from 'commander';
import type { DatasetIssue } from '@sc-safety/core';
import { terminalSafeJson } from '@sc-safety/core/terminal-text';
import { ExitCode, type CliIo, type CommandContext } from '../io.js';
import { examples } from './examples.js';
import { registerDatasetImportCommand, type DatasetCore } from './dataset-import.js';
import { registerFollowupsCommand } from './dataset-followups.js';
import { positiveInt, lineBytes } from './option-values.js';

const DATASET_ARG = 'path to a .jsonl/.json dataset, or builtin:NAME (see `sc-safety dataset list`)';

function similarity(value: string): number {
  const n = Number(value);
  if (!(n > 0 && n <= 1)) throw new InvalidArgumentError('expected a number in (0, 1].');
  return n;
}

const MAX_LINE_HELP = 'longest line accepted, in bytes (default 1048576)';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The engine, imported on first use so commands that do not need it start fast. */
async function core(): Promise<DatasetCore> {
  const [api, internal] = await Promise.all([import('@sc-safety/core'), import('@sc-safety/core/internal')]);
  return { ...api, ...internal };
}

async function printIssues(io: CliIo, issues: readonly DatasetIssue[], omitted: number): Promise<void> {
  const { formatIssue, formatOmitted } = await core();
  for (const issue of issues) io.stderr(`${formatIssue(issue)}\n`);
  if (omitted > 0) io.stderr(`${formatOmitted(omitted)}\n`);
}

/** Whether the file's first line is a judge-check header (read without loading the file). */
async function isJudgeCheckFile(
  c: DatasetCore,
  ref: string,
  options: { cwd: string; builtinDir?: string },
): Promise<boolean> {
  let path: string;
  try {
    path = c.resolveDatasetPath(ref, options);
  } catch {
    return false;
  }
  try {
    for await (const { text } of c.readJsonlLines(path)) {
      try {
        return c.isJudgeCheckHeader(JSON.parse(text));
      } catch {
        return false;
      }
    }
  } catch {
    return false;
  }
  return false;
}

/** `sc-safety dataset …`: list, validate and describe datasets. */
export function registerDatasetCommands(program: Command, ctx: CommandContext): void {
  const { io } = ctx;
  const options = (): { cwd: string; builtinDir?: string } =>
    io.builtinDir === undefined ? { cwd: io.cwd } : { cwd: io.cwd, builtinDir: io.builtinDir };

  const dataset = program.command('dataset').description('import, check and describe benchmark datasets');
  registerDatasetImportCommand(dataset, ctx, core);

  dataset
    .command('list')
    .description('list the datasets that ship with sc-safety')
    .option('--json', 'print them as JSON on stdout')
    .addHelpText(
      'after',
      `\n${examples([
        ['sc-safety dataset list', 'name and file of each'],
        ['sc-safety dataset list --json', 'as JSON'],
      ])}`,
    )
    .action(async (flags: { json?: boolean }) => {
      const { listBuiltinDatasets } = await core();
      const list = await listBuiltinDatasets(options());
      if (flags.json) {
        io.stdout(terminalSafeJson({ datasets: list }, 2) + '\n');
        return;
      }
      if (list.length === 0) io.stderr('no builtin datasets found\n');
      for (const d of list) io.stdout(`${d.ref}\t${d.path}\n`);
    });

  dataset
    .command('validate')
    .description('check a dataset and report every problem as file:line: field: message')
    .argument('<dataset>', DATASET_ARG)
    .option('--max-issues <n>', 'list at most n issues, then count the rest', positiveInt, 200)
    .option('--max-line-bytes <n>', MAX_LINE_HELP, lineBytes)
    .option('--json', 'print the result (ok, counts, issues, fingerprint) as JSON on stdout')
    .addHelpText(
      'after',
      `\nExit status: 0 when valid (warnings allowed), 2 when there is any error.\n\n${examples([
        ['sc-safety dataset validate my-set.jsonl', 'every problem as file:line: field: message'],
        ['sc-safety dataset validate builtin:sample --json', 'as JSON'],
      ])}`,
    )
    .action(async (ref: string, opts: { maxIssues: number; maxLineBytes?: number; json?: boolean }) => {
      const c = await core();
      // A judge-check set (`sc-safety judge check --set`) is validated by its own reader.
      if (await isJudgeCheckFile(c, ref, options())) {
        try {
          const set = await c.loadJudgeCheckSet(ref, options());
          io.stdout(`${set.file}: valid judge-check set, ${plural(set.cases.length, 'case')}, ${set.fingerprint}\n`);
        } catch (error) {
          if (!c.DatasetError.isInstance(error)) throw error;
          await printIssues(io, error.issues, error.omitted);
          io.stderr(
            `${ref}: invalid judge-check set, ${plural(error.errors.length, 'error')}; fix the problems above and run again\n`,
          );
          ctx.exitCode = ExitCode.invalid;
        }
        return;
      }
      const limit = opts.maxLineBytes === undefined ? {} : { maxLineBytes: opts.maxLineBytes };
      const result = await c.validateDataset(ref, { ...options(), ...limit, maxIssues: opts.maxIssues });
      if (opts.json) {
        const { taxonomy: _taxonomy, ...rest } = result;
        io.stdout(terminalSafeJson(rest, 2) + '\n');
        if (!result.ok) ctx.exitCode = ExitCode.invalid;
        return;
      }
      await printIssues(io, result.issues, result.omitted);
      const warnings = plural(result.warningCount, 'warning');
      if (result.ok) {
        const singles = result.singleTurnCount;
        const shape =
          singles === 0 ? '' : ` (${result.itemCount - singles} pairs, ${singles} single-turn: round 1 only)`;
        io.stdout(
          `${result.file}: valid, ${plural(result.itemCount, 'item')}${shape}, ${warnings}, ${result.fingerprint ?? ''}\n`,
        );
      } else {
        io.stderr(
          `${result.file}: invalid, ${plural(result.errorCount, 'error')}, ${warnings} (${plural(result.itemCount, 'valid item')}); fix the problems above and run again\n`,
        );
        ctx.exitCode = ExitCode.invalid;
      }
    });

  dataset
    .command('stats')
    .description(
      'count items per category and sub-dimension: pairs vs single-turn, strategies, lengths, near-duplicates, provenance',
    )
    .argument('<dataset>', DATASET_ARG)
    .option('--json', 'print machine-readable JSON to stdout')
    .option(
      '--dup-threshold <j>',
      'list round-1 texts whose character-bigram Jaccard similarity is at least j',
      similarity,
      0.8,
    )
    .option('--max-line-bytes <n>', MAX_LINE_HELP, lineBytes)
    .addHelpText(
      'after',
      `\n${examples([
        ['sc-safety dataset stats builtin:sample', 'counts, lengths, near-duplicates'],
        ['sc-safety dataset stats my-set.jsonl --json', 'as JSON'],
      ])}`,
    )
    .action(async (ref: string, opts: { json?: boolean; dupThreshold: number; maxLineBytes?: number }) => {
      const { DatasetError, datasetStats, loadDataset } = await core();
      let loaded;
      try {
        loaded = await loadDataset(ref, {
          ...options(),
          ...(opts.maxLineBytes === undefined ? {} : { maxLineBytes: opts.maxLineBytes }),
        });
      } catch (error) {
        if (!DatasetError.isInstance(error)) throw error;
        await printIssues(io, error.issues, error.omitted);
        io.stderr(`${ref}: invalid dataset; run \`sc-safety dataset validate ${ref}\` for details\n`);
        ctx.exitCode = ExitCode.invalid;
        return;
      }
      await printIssues(io, loaded.warnings, 0);
      const stats = datasetStats(loaded.items, loaded.taxonomy, { nearDuplicateThreshold: opts.dupThreshold });
      if (opts.json === true) {
        io.stdout(`${terminalSafeJson({ dataset: ref, file: loaded.file, header: loaded.header, ...stats }, 2)}\n`);
      } else {
        const { renderDatasetStats } = await import('../format/dataset-stats.js');
        io.stdout(renderDatasetStats(loaded.file, stats, loaded.header));
      }
    });

  registerFollowupsCommand(dataset, ctx);
}
