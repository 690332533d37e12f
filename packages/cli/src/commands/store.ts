import path from 'node:path';
import type { Command } from 'commander';
import { terminalSafeJson } from '@sc-safety/core/terminal-text';
import { ExitCode, type CommandContext } from '../io.js';
import { examples } from './examples.js';
import { core, isUsageError } from './run-shared.js';

/** `sc-safety store check`: is a run directory's store sound, and what does it hold. */
export function registerStoreCommands(program: Command, ctx: CommandContext): void {
  const { io } = ctx;
  const store = program.command('store').description('inspect a run directory’s run store (store.sqlite)');
  store
    .command('check')
    .description('run SQLite’s integrity check on a run store and report its row counts')
    .argument('<run-dir>', 'a run directory written by `sc-safety run`')
    .option('--json', 'print the report (file, ok, counts, problems) as JSON on stdout')
    .addHelpText(
      'after',
      `\nExit status: 0 when the store is sound, 2 when it is missing, damaged or not a run store.\n\n${examples([
        ['sc-safety store check runs/my-run', 'integrity check and row counts'],
        ['sc-safety store check runs/my-run --json', 'as JSON'],
      ])}`,
    )
    .action(async (runDir: string, flags: { json?: boolean }) => {
      const c = await core();
      let report;
      try {
        report = c.checkRunStore(path.resolve(io.cwd, runDir));
      } catch (error) {
        if (!isUsageError(c, error) && !(error instanceof c.RunStoreError)) throw error;
        io.stderr(`sc-safety store check: ${error instanceof Error ? error.message : String(error)}\n`);
        ctx.exitCode = ExitCode.invalid;
        return;
      }
      if (flags.json) io.stdout(terminalSafeJson(report, 2) + '\n');
      if (!report.ok) {
        for (const problem of report.problems.slice(0, 20)) io.stderr(`${problem}\n`);
        if (report.problems.length > 20) io.stderr(`… and ${report.problems.length - 20} more\n`);
        io.stderr(`${report.file}: damaged; ${c.storeRecovery(report.file)}\n`);
        ctx.exitCode = ExitCode.invalid;
        return;
      }
      const n = report.counts!;
      if (flags.json) return;
      io.stdout(
        `${report.file}: ok (SQLite integrity_check), ${n.answers} answers, ${n.judgments} judgments, ` +
          `${n.failures} failure-log entries (${n.unresolvedFailures} not since resolved)\n`,
      );
    });
}
