import type { Command } from 'commander';
import { terminalSafeJson } from '@sc-safety/core/terminal-text';
import { ExitCode, type CommandContext } from '../io.js';
import { examples } from './examples.js';
import { AdapterNameError } from '../scaffold/adapter-names.js';
import { scaffoldAdapter } from '../scaffold/scaffold-adapter.js';

/** `sc-safety adapter …`: tools for adapter authors. */
export function registerAdapterCommands(program: Command, ctx: CommandContext): void {
  const { io } = ctx;
  const adapter = program.command('adapter').description('tools for writing adapters');
  adapter
    .command('new')
    .description(
      'write a new adapter package (adapter, fake server, conformance test, README) that builds and passes its tests as generated',
    )
    .argument('<name>', 'the adapter’s short name: lowercase letters, digits and hyphens, e.g. my-vendor')
    .option('--dir <dir>', 'where to write it (default: ./sc-safety-adapter-<name>)')
    .option('--package <name>', 'the npm package name (default: sc-safety-adapter-<name>)')
    .option('--json', 'print what was written (package, directory, files) as JSON on stdout')
    .addHelpText(
      'after',
      `\n${examples([
        ['sc-safety adapter new my-vendor', 'writes ./sc-safety-adapter-my-vendor'],
        ['sc-safety adapter new my-vendor --package @acme/sc-safety-adapter', 'under your own scope'],
      ])}`,
    )
    .action((name: string, flags: { dir?: string; package?: string; json?: boolean }) => {
      try {
        const result = scaffoldAdapter({
          name,
          cwd: io.cwd,
          ...(flags.dir !== undefined ? { dir: flags.dir } : {}),
          ...(flags.package !== undefined ? { packageName: flags.package } : {}),
        });
        if (flags.json) {
          io.stdout(
            terminalSafeJson({ packageName: result.packageName, dir: result.dir, files: result.files }, 2) + '\n',
          );
          return;
        }
        io.stderr(`wrote ${result.packageName} (${result.files.length} files) to ${result.dir}\n`);
        io.stdout(`next:\n  cd ${result.dir}\n  npm install\n  npm test\n  npm pack\n`);
      } catch (error) {
        if (error instanceof AdapterNameError) {
          io.stderr(`${error.message}\n`);
          ctx.exitCode = ExitCode.invalid;
          return;
        }
        throw error;
      }
    });
}
