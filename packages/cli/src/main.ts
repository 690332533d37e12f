import { Command, CommanderError } from 'commander';
import { registerAdapterCommands } from './commands/adapter.js';
import { registerDatasetCommands } from './commands/dataset.js';
import { registerDemoCommand } from './commands/demo.js';
import { registerJudgeCommands } from './commands/judge.js';
import { registerReportCommands } from './commands/report.js';
import { registerRunCommand } from './commands/run.js';
import { registerStoreCommands } from './commands/store.js';
import { registerCheckCommand } from './commands/check.js';
import { registerInitCommand } from './commands/init.js';
import { registerPresetsCommand } from './commands/presets.js';
import { examples } from './commands/examples.js';
import { terminalSafeJson } from '@sc-safety/core/terminal-text';
import { cliVersion, versionInfo } from './version.js';
import { EXIT_CODE_HELP, ExitCode, processIo, terminalSafeIo, type CliIo, type CommandContext } from './io.js';

/**
 * Builds the `sc-safety` program. Each command group lives in its own file under `commands/` and
 * registers itself here; command files import the engine lazily so `--help` and `--version` stay fast.
 *
 * @param only a top-level command name: only the group that defines it is built (what `main` does when
 *   the first argument names a command: building every command costs start-up time, bench
 *   `first-request`). Any other value, or none, builds them all.
 */
export function createProgram(ctx: CommandContext, only?: string): Command {
  const program = new Command('sc-safety')
    .description('Run the SC-Safety two-round adversarial safety benchmark for Chinese LLMs.')
    .version(
      cliVersion(),
      '-V, --version',
      'print the version (`--version --json`: the CLI, core and adapter versions)',
    )
    .option('-q, --quiet', 'print only results and errors (no plan, progress or notes on stderr)')
    .option('-v, --verbose', 'print more: every preflight probe, .env variables read')
    .helpOption('-h, --help', 'show help for a command')
    .helpCommand('help [command]', 'show help for a command')
    // Settings below are inherited by every subcommand created afterwards.
    .exitOverride()
    .configureOutput({
      writeOut: (text) => ctx.io.stdout(text),
      writeErr: (text) => ctx.io.stderr(text),
    })
    .showSuggestionAfterError(true)
    .showHelpAfterError('(add --help for usage)')
    .addHelpText(
      'after',
      `\n${examples([
        ['sc-safety init --preset dashscope', 'write run.yaml and .env.example to start from'],
        ['sc-safety check -c run.yaml', 'probe every model and judge (keys, model names, endpoints)'],
        ['sc-safety run -c run.yaml', 'run the benchmark; the same command resumes'],
        ['sc-safety report runs/my-run', 'write the HTML report (runs/my-run/report/index.html)'],
        ['sc-safety demo', 'the whole benchmark offline against scripted personas'],
      ])}\n\n${EXIT_CODE_HELP}\n`,
    )
    .hook('preAction', (root) => {
      const o = root.opts<{ quiet?: boolean; verbose?: boolean }>();
      ctx.verbosity = o.quiet ? 'quiet' : o.verbose ? 'verbose' : 'normal';
    });
  const group = only === undefined ? undefined : COMMAND_GROUPS.find((g) => g.commands.includes(only));
  for (const g of group ? [group] : COMMAND_GROUPS) g.register(program, ctx);
  return program;
}

/** A command file's registration and the top-level commands it adds. */
export interface CommandGroup {
  commands: readonly string[];
  register: (program: Command, ctx: CommandContext) => void;
}

/** Every command group, in the order `--help` lists their commands (main.test.ts checks the names). */
export const COMMAND_GROUPS: readonly CommandGroup[] = [
  { commands: ['dataset'], register: registerDatasetCommands },
  { commands: ['run', 'score', 'merge'], register: registerRunCommand },
  { commands: ['demo'], register: registerDemoCommand },
  { commands: ['report', 'view'], register: registerReportCommands },
  { commands: ['judge'], register: registerJudgeCommands },
  { commands: ['adapter'], register: registerAdapterCommands },
  { commands: ['store'], register: registerStoreCommands },
  { commands: ['check'], register: registerCheckCommand },
  { commands: ['init'], register: registerInitCommand },
  { commands: ['presets'], register: registerPresetsCommand },
];

/**
 * Runs the CLI and returns the process exit code (see `ExitCode`: 0 complete, 1 internal error,
 * 2 bad usage or data, 3 finished but incomplete or failing, 130 interrupted). Never calls
 * `process.exit`, so it can run in-process in tests. Everything written to stdout and stderr
 * passes through the terminal sanitiser (`terminalSafeIo`).
 *
 * @param argv the arguments after the executable and script (`process.argv.slice(2)`).
 */
export async function main(argv: readonly string[], io: Partial<CliIo> = {}): Promise<number> {
  const ctx: CommandContext = {
    io: terminalSafeIo({ ...processIo(), ...io }),
    exitCode: ExitCode.ok,
    verbosity: 'normal',
  };
  // `--version --json` (either order): every package's version, for bug reports and manifests.
  if (argv.length === 2 && argv.includes('--json') && (argv.includes('--version') || argv.includes('-V'))) {
    ctx.io.stdout(terminalSafeJson(await versionInfo(), 2) + '\n');
    return ExitCode.ok;
  }
  // The first argument names the command (global flags come before it only by choice): build just that.
  const program = createProgram(ctx, argv[0]);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return ctx.exitCode;
  } catch (error) {
    // Commander has already printed its message (help, version, usage error).
    if (error instanceof CommanderError) return error.exitCode === 0 ? ExitCode.ok : ExitCode.invalid;
    ctx.io.stderr(`sc-safety: ${error instanceof Error ? error.message : String(error)}\n`);
    return ExitCode.failure;
  }
}
