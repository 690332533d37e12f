import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { ExitCode, type CommandContext } from '../io.js';

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('expected a port number (0–65535; 0 picks a free one).');
  return n;
}

function kib(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
}

/** The report package, imported on first use so `--version` and `--help` stay fast. */
async function reportModule() {
  return import('@sc-safety/report');
}

/** `sc-safety report` (a self-contained HTML report) and `sc-safety view` (the same, served on loopback). */
export function registerReportCommands(program: Command, ctx: CommandContext): void {
  const { io } = ctx;

  program
    .command('report')
    .description('write the web report (leaderboards, charts, transcripts) as one self-contained HTML file: it opens from file:// with no server and no network')
    .argument('<run-dir...>', 'run directories (or results.json files); several runs get a run picker')
    .requiredOption('--out <dir>', 'directory to write index.html into')
    .action(async (dirs: string[], flags: { out: string }) => {
      const r = await reportModule();
      try {
        const written = await r.writeReport(dirs.map((d) => path.resolve(io.cwd, d)), path.resolve(io.cwd, flags.out));
        io.stdout(`${written.file}\n`);
        io.stderr(`report: ${written.runs.length} run(s), ${written.answers} answers, ${kib(written.bytes)} (data ${kib(written.dataBytes.raw)} → ${kib(written.dataBytes.embedded)} embedded)\n`);
      } catch (error) {
        if (!(error instanceof r.ReportInputError)) throw error;
        io.stderr(`sc-safety report: ${error.message}\n`);
        ctx.exitCode = ExitCode.invalid;
      }
    });

  program
    .command('view')
    .description('serve the web report on 127.0.0.1 and print its URL (Ctrl-C to stop)')
    .argument('<run-dir...>', 'run directories (or results.json files)')
    .option('--port <n>', 'port on 127.0.0.1 (default: a free one)', port, 0)
    .action(async (dirs: string[], flags: { port: number }) => {
      const r = await reportModule();
      let runs;
      try {
        runs = await r.loadRuns(dirs.map((d) => path.resolve(io.cwd, d)));
      } catch (error) {
        if (!(error instanceof r.ReportInputError)) throw error;
        io.stderr(`sc-safety view: ${error.message}\n`);
        ctx.exitCode = ExitCode.invalid;
        return;
      }
      const { html } = await r.renderReport(runs);
      const server = await r.serveReport(html, { port: flags.port });
      io.stdout(`${server.url}\n`);
      io.stderr('serving the report on loopback only; Ctrl-C to stop\n');
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          resolve();
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      await server.close();
    });
}
