import { mkdir, rmdir, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { importModule } from '@sc-safety/core/import-module';
import { terminalSafeJson } from '@sc-safety/core/terminal-text';
import { ExitCode, info, type CommandContext } from '../io.js';
import { examples } from './examples.js';

/** A bad `--out` or `--port`: the command prints the message and exits 2. */
class UsageProblem extends Error {
  override readonly name = 'UsageProblem';
}

function errnoOf(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

function outProblem(outDir: string, what: string): UsageProblem {
  return new UsageProblem(`--out ${outDir}: ${what}; --out must be a writable directory`);
}

/**
 * Creates `outDir` one level at a time and returns the directories it created (outermost first).
 * Not `mkdir({ recursive: true })`: on procfs (`/proc/x`) Node's recursive mkdir gets ENOENT for a
 * child of a parent that exists, retries the parent forever and never settles, at full CPU.
 */
async function prepareOutDir(outDir: string): Promise<string[]> {
  const missing: string[] = [];
  let current = outDir;
  for (;;) {
    let info;
    try {
      info = await stat(current);
    } catch (error) {
      const code = errnoOf(error);
      if (code === 'ENOTDIR') throw outProblem(outDir, 'a parent of it is not a directory');
      if (code !== 'ENOENT') throw outProblem(outDir, `cannot use ${current} (${code ?? String(error)})`);
      const parent = path.dirname(current);
      if (parent === current) throw outProblem(outDir, `${current} does not exist`);
      missing.unshift(current);
      current = parent;
      continue;
    }
    if (!info.isDirectory())
      throw outProblem(
        outDir,
        current === outDir ? 'it exists and is not a directory' : `${current} is not a directory`,
      );
    return createEach(outDir, missing);
  }
}

async function createEach(outDir: string, missing: readonly string[]): Promise<string[]> {
  const created: string[] = [];
  for (const dir of missing) {
    try {
      await mkdir(dir);
    } catch (error) {
      await removeEmpty(created);
      throw outProblem(outDir, `cannot create ${dir} (${errnoOf(error) ?? String(error)})`);
    }
    created.push(dir);
  }
  return created;
}

/** Removes directories this command created, innermost first, if they are still empty. */
async function removeEmpty(created: readonly string[]): Promise<void> {
  for (const dir of [...created].reverse()) {
    try {
      await rmdir(dir);
    } catch {
      return;
    }
  }
}

/** Whether a filesystem error is about `outDir` or something in it (not about an input run). */
function isOutError(error: unknown, outDir: string): boolean {
  const at = (error as NodeJS.ErrnoException | undefined)?.path;
  return typeof at === 'string' && errnoOf(error) !== undefined && (at === outDir || at.startsWith(outDir + path.sep));
}

function portProblem(port: number, error: unknown): UsageProblem | undefined {
  const code = errnoOf(error);
  if (code === 'EADDRINUSE')
    return new UsageProblem(
      `port ${port} on 127.0.0.1 is already in use: pick another with --port <n>, or --port 0 for any free port`,
    );
  if (code === 'EACCES' || code === 'EPERM')
    return new UsageProblem(
      `not allowed to listen on port ${port} on 127.0.0.1 (${code}): pick another with --port <n>, or --port 0 for any free port`,
    );
  return undefined;
}

/**
 * Fails early, before the runs are read and the page rendered, when `port` cannot be listened on.
 * The real server still reports a port taken in between.
 */
async function checkPort(port: number): Promise<void> {
  if (port === 0) return;
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', (error) => reject(portProblem(port, error) ?? error));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new InvalidArgumentError('expected a port number (0–65535; 0 picks a free one).');
  return n;
}

function kib(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
}

/** The report package, imported on first use so `--version` and `--help` stay fast. */
async function reportModule() {
  return importModule('@sc-safety/report', () => import('@sc-safety/report'));
}

/** `sc-safety report` (a self-contained HTML report) and `sc-safety view` (the same, served on loopback). */
export function registerReportCommands(program: Command, ctx: CommandContext): void {
  const { io } = ctx;

  program
    .command('report')
    .description(
      'write the web report (leaderboards, charts, transcripts) as one self-contained HTML file: it opens from file:// with no server and no network (past 20,000 answers, with an answers-<id>/ folder beside it)',
    )
    .argument('<run-dir...>', 'run directories (or results.json files); several runs get a run picker')
    .option('-o, --out <dir>', 'directory to write index.html into (default: <run-dir>/report of the first run)')
    .option('--json', 'print what was written as JSON on stdout')
    .addHelpText(
      'after',
      `\n${examples([
        ['sc-safety report runs/my-run', 'writes runs/my-run/report/index.html'],
        ['sc-safety report runs/a runs/b -o compare', 'two runs with a run picker, in compare/'],
      ])}`,
    )
    .action(async (dirs: string[], flags: { out?: string; json?: boolean }) => {
      // A results.json named directly reports next to it; a run directory into its own report/.
      const first = path.resolve(io.cwd, dirs[0]!);
      const outDir = path.resolve(
        io.cwd,
        flags.out ?? path.join(first.endsWith('.json') ? path.dirname(first) : first, 'report'),
      );
      let created: string[] = [];
      try {
        // Checked before the runs are read, so a bad --out fails at once and never hangs.
        created = await prepareOutDir(outDir);
        const r = await reportModule();
        try {
          const written = await r.writeReport(
            dirs.map((d) => path.resolve(io.cwd, d)),
            outDir,
          );
          io.stdout(
            flags.json
              ? terminalSafeJson(
                  {
                    file: written.file,
                    dataDir: written.dataDir ?? null,
                    runs: written.runs.length,
                    answers: written.answers,
                    bytes: written.bytes,
                  },
                  2,
                ) + '\n'
              : `${written.file}\n`,
          );
          info(
            ctx,
            `report: ${written.runs.length} run(s), ${written.answers} answers, ${kib(written.bytes)} (data ${kib(written.dataBytes.raw)} → ${kib(written.dataBytes.embedded)} embedded)\n`,
          );
        } catch (error) {
          await removeEmpty(created);
          if (error instanceof r.ReportInputError) throw new UsageProblem(error.message);
          if (isOutError(error, outDir))
            throw outProblem(outDir, `cannot write the report there (${errnoOf(error) ?? ''})`);
          throw error;
        }
      } catch (error) {
        if (!(error instanceof UsageProblem)) throw error;
        io.stderr(`sc-safety report: ${error.message}\n`);
        ctx.exitCode = ExitCode.invalid;
      }
    });

  program
    .command('view')
    .description('serve the web report on 127.0.0.1 and print its URL (Ctrl-C to stop)')
    .argument('<run-dir...>', 'run directories (or results.json files)')
    .option('--port <n>', 'port on 127.0.0.1 (default: a free one)', port, 0)
    .option('--json', 'print {"url": …} as JSON on stdout once serving')
    .addHelpText(
      'after',
      `\n${examples([
        ['sc-safety view runs/my-run', 'serve on a free loopback port'],
        ['sc-safety view runs/my-run --port 8080', 'on http://127.0.0.1:8080/'],
      ])}`,
    )
    .action(async (dirs: string[], flags: { port: number; json?: boolean }) => {
      let server;
      try {
        await checkPort(flags.port);
        const r = await reportModule();
        let runs;
        try {
          runs = await r.loadRuns(dirs.map((d) => path.resolve(io.cwd, d)));
        } catch (error) {
          throw error instanceof r.ReportInputError ? new UsageProblem(error.message) : error;
        }
        const { html } = await r.renderReport(runs);
        server = await r.serveReport(html, { port: flags.port }).catch((error: unknown) => {
          throw portProblem(flags.port, error) ?? error;
        });
      } catch (error) {
        if (!(error instanceof UsageProblem)) throw error;
        io.stderr(`sc-safety view: ${error.message}\n`);
        ctx.exitCode = ExitCode.invalid;
        return;
      }
      io.stdout(flags.json ? terminalSafeJson({ url: server.url }) + '\n' : `${server.url}\n`);
      info(ctx, 'serving the report on loopback only; Ctrl-C to stop\n');
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
