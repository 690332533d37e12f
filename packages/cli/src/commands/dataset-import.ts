import { Option, type Command } from 'commander';
import type * as Core from '@sc-safety/core';
import type * as Internal from '@sc-safety/core/internal';
import { terminalSafeJson } from '@sc-safety/core/terminal-text';
import { ExitCode, type CommandContext } from '../io.js';
import { examples } from './examples.js';
import { positiveInt } from './option-values.js';

const FORMATS = ['flames', 'cvalues', 'safety-prompts', 'jsonl', 'csv'] as const;

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** How often plain (non-terminal) progress lines are printed, ms. */
const PLAIN_PROGRESS_MS = 5_000;

/** What the dataset commands use of core: its public API plus the line reader and import helpers. */
export type DatasetCore = typeof Core & typeof Internal;

/**
 * `sc-safety dataset import <format> <file> --out <dataset.jsonl>`: turns a public safety set (or
 * any JSONL / CSV file) into a dataset, printing the count per source label so it can be checked
 * against the source.
 */
export function registerDatasetImportCommand(
  dataset: Command,
  ctx: CommandContext,
  core: () => Promise<DatasetCore>,
): void {
  const { io } = ctx;
  dataset
    .command('import')
    .description(
      'import Flames, CValues, Safety-Prompts or any JSONL/CSV file as a dataset, with provenance on every item',
    )
    .addArgument(dataset.createArgument('<format>', 'source format').choices(FORMATS))
    .argument('<file>', 'the source file (streamed; never loaded whole)')
    .requiredOption('-o, --out <dataset.jsonl>', 'the dataset file to write (written only if every record is valid)')
    .option(
      '--map <columns>',
      'jsonl/csv only: id=…,prompt=…,followup=…,dimension=…,category=… (prompt and dimension required)',
    )
    .option('--map-dimension <src=ours>', 'send a source label to one of our sub-dimensions (repeatable)', collect, [])
    .option('--name <name>', 'the dataset name in the header (default: the source name)')
    .option('--dataset-version <label>', 'the dataset version in the header, e.g. open@1')
    .option('--licence <spdx>', 'the licence in the header (known sources: their own)')
    .option('--citation <text>', 'how to cite the dataset (known sources: their paper)')
    .option('--source-name <name>', 'jsonl/csv only: the source name recorded on items (default: the file name)')
    .option('--json', 'print the result (file written, counts, fingerprint) as JSON on stdout')
    .addOption(
      new Option('--max-issues <n>', 'list at most n problems, then count the rest')
        .default(200)
        .argParser(positiveInt),
    )
    .addHelpText(
      'after',
      '\nThe label tables are in docs/importing-datasets.md. Exit status: 0 when written, 2 for bad input (nothing written).\n\n' +
        examples([
          ['sc-safety dataset import flames Flames_1k_Chinese.jsonl -o flames.jsonl', 'a known public set'],
          ['sc-safety dataset import csv mine.csv --map prompt=q,dimension=dim -o mine.jsonl', 'your own CSV'],
        ]),
    )
    .action(async (format: (typeof FORMATS)[number], file: string, opts: ImportFlags) => {
      const {
        DatasetError,
        ImportOptionError,
        formatIssue,
        formatOmitted,
        importDataset,
        parseColumnMap,
        parseDimensionOverrides,
      } = await core();
      let lastPrint = 0;
      const onProgress = ({ records, done }: { records: number; done: boolean }): void => {
        const now = Date.now();
        if (io.stderrIsTTY === true) io.stderr(`\r\x1b[2Kread ${records} records${done ? '\n' : ''}`);
        else if (!done && now - lastPrint >= PLAIN_PROGRESS_MS) {
          lastPrint = now;
          io.stderr(`read ${records} records\n`);
        }
      };
      try {
        const result = await importDataset({
          format,
          input: file,
          out: opts.out,
          cwd: io.cwd,
          ...(opts.map !== undefined ? { map: parseColumnMap(opts.map) } : {}),
          mapDimension: parseDimensionOverrides(opts.mapDimension),
          ...(opts.name !== undefined ? { name: opts.name } : {}),
          ...(opts.datasetVersion !== undefined ? { version: opts.datasetVersion } : {}),
          ...(opts.licence !== undefined ? { licence: opts.licence } : {}),
          ...(opts.citation !== undefined ? { citation: opts.citation } : {}),
          ...(opts.sourceName !== undefined ? { sourceName: opts.sourceName } : {}),
          maxIssues: opts.maxIssues,
          onProgress,
        });
        for (const w of result.warnings) io.stderr(`${formatIssue(w)}\n`);
        if (opts.json) {
          io.stdout(terminalSafeJson({ ...result, out: opts.out }, 2) + '\n');
        } else {
          const { renderImportResult } = await import('../format/import-result.js');
          io.stdout(renderImportResult(opts.out, result));
        }
      } catch (error) {
        if (ImportOptionError.isInstance(error)) {
          io.stderr(`sc-safety dataset import: ${error.message}\n`);
          ctx.exitCode = ExitCode.invalid;
          return;
        }
        if (!DatasetError.isInstance(error)) throw error;
        for (const issue of error.issues) io.stderr(`${formatIssue(issue)}\n`);
        if (error.omitted > 0) io.stderr(`${formatOmitted(error.omitted)}\n`);
        io.stderr(
          `${file}: not imported (${error.errors.length + error.omitted} problems); nothing was written. Fix the problems above and run again\n`,
        );
        ctx.exitCode = ExitCode.invalid;
      }
    });
}

interface ImportFlags {
  out: string;
  map?: string;
  mapDimension: string[];
  name?: string;
  datasetVersion?: string;
  licence?: string;
  citation?: string;
  sourceName?: string;
  maxIssues: number;
  json?: boolean;
}
