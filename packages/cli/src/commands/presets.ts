import type { Command } from 'commander';
import { terminalSafeJson } from '@sc-safety/core/terminal-text';
import type { CommandContext } from '../io.js';
import { formatRange, presetCatalog, type PresetInfo } from '../presets/preset-catalog.js';
import { examples } from './examples.js';

function render(p: PresetInfo): string {
  const ranges = Object.entries(p.params).map(([k, r]) => `${k} ${formatRange(r)}`);
  const key =
    p.keyVariable === undefined
      ? 'no key variable (give apiKey)'
      : `${p.keyVariable}${p.requiresKey ? '' : ' (optional)'}`;
  return [
    `${p.adapter === 'openai' ? '' : `${p.adapter}:`}${p.name} — ${p.label}`,
    `  adapter: ${p.adapter}   preset: ${p.name}`,
    `  baseURL: ${p.baseURL}`,
    `  key:     ${key}`,
    `  ranges:  ${ranges.length > 0 ? ranges.join(', ') : 'none documented'}`,
    `  blocks:  ${p.blockSignals.length > 0 ? p.blockSignals.join(', ') : 'none'}`,
  ].join('\n');
}

/** `sc-safety presets`: every built-in vendor preset of the bundled adapters. */
export function registerPresetsCommand(program: Command, ctx: CommandContext): void {
  program
    .command('presets')
    .description('list every built-in vendor preset: base URL, key variable, parameter ranges and block signals')
    .option('--json', 'print them as JSON on stdout')
    .addHelpText(
      'after',
      `\nA model entry picks one with \`adapter: openai\` (or \`http\`) and \`preset: <name>\`. Settings outside a preset's ranges are\nrefused when the config loads.\n\n${examples(
        [
          ['sc-safety presets', 'every preset'],
          ['sc-safety presets --json', 'as JSON, for scripts'],
        ],
      )}`,
    )
    .action(async (flags: { json?: boolean }) => {
      const list = await presetCatalog();
      ctx.io.stdout(flags.json ? terminalSafeJson({ presets: list }, 2) + '\n' : list.map(render).join('\n\n') + '\n');
    });
}
