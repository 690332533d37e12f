import { existsSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { terminalSafeJson } from '@sc-safety/core/terminal-text';
import { ExitCode, info, type CommandContext } from '../io.js';
import { presetCatalog, type PresetInfo } from '../presets/preset-catalog.js';
import { RUN_CONFIG_SCHEMA_FILE } from '../schema/run-config-schema-file.js';
import { starterEnvExample, starterRunConfig } from '../scaffold/run-config-template.js';
import { examples } from './examples.js';

/** The shipped schema: `schema/` sits one level above both `src/commands` and `dist/commands`' parent. */
function schemaFile(): string {
  return fileURLToPath(new URL(`../../${RUN_CONFIG_SCHEMA_FILE}`, import.meta.url));
}

/** How the config names the schema: relative to the config when that stays inside its tree, else absolute. */
function schemaReference(configDir: string): string {
  const file = schemaFile();
  const rel = path.relative(configDir, file);
  return rel.startsWith('..') || path.isAbsolute(rel) ? file : `./${rel.split(path.sep).join('/')}`;
}

function collect(value: string, previous: string[] = []): string[] {
  return [
    ...previous,
    ...value
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  ];
}

/** `openai` presets by name; `http:NAME` for the http adapter's. */
function findPreset(catalog: readonly PresetInfo[], name: string): PresetInfo | undefined {
  const [adapter, preset] = name.startsWith('http:') ? ['http', name.slice(5)] : ['openai', name];
  return catalog.find((p) => p.adapter === adapter && p.name === preset);
}

async function writeNew(file: string, text: string): Promise<void> {
  const tmp = `${file}.tmp-${process.pid}`;
  await writeFile(tmp, text);
  await rename(tmp, file);
}

/** `sc-safety init`: a commented starter run config and a `.env.example`. */
export function registerInitCommand(program: Command, ctx: CommandContext): void {
  const { io } = ctx;
  program
    .command('init')
    .description('write a commented starter run config (with the $schema line for editors) and a .env.example')
    .option(
      '--preset <names>',
      'vendor preset of each model under test, comma-separated or repeated (default openai); http:NAME for the http adapter',
      collect,
    )
    .option('--judge-preset <name>', 'preset of the judge (default: the first model preset)')
    .option('-o, --out <file>', 'the config file to write', 'run.yaml')
    .option('--force', 'overwrite existing files')
    .option('--json', 'print what was written as JSON on stdout')
    .addHelpText(
      'after',
      `\n${examples([
        ['sc-safety init', 'run.yaml for an OpenAI model and judge'],
        ['sc-safety init --preset dashscope,deepseek --judge-preset openai', 'two vendors under test, an OpenAI judge'],
        ['sc-safety presets', 'the presets to choose from'],
      ])}`,
    )
    .action(
      async (flags: { preset?: string[]; judgePreset?: string; out: string; force?: boolean; json?: boolean }) => {
        const catalog = await presetCatalog();
        const names = flags.preset && flags.preset.length > 0 ? flags.preset : ['openai'];
        const wanted = [...names, ...(flags.judgePreset ? [flags.judgePreset] : [])];
        const unknown = wanted.filter((n) => findPreset(catalog, n) === undefined);
        if (unknown.length > 0) {
          const known = catalog.map((p) => (p.adapter === 'openai' ? p.name : `http:${p.name}`)).join(', ');
          io.stderr(
            `init: unknown preset${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u}"`).join(', ')}; use one of: ${known} (sc-safety presets describes them)\n`,
          );
          ctx.exitCode = ExitCode.invalid;
          return;
        }
        const models = names.map((n) => findPreset(catalog, n)!);
        const judge = findPreset(catalog, flags.judgePreset ?? names[0]!)!;
        const configFile = path.resolve(io.cwd, flags.out);
        const envExample = path.join(path.dirname(configFile), '.env.example');
        const existing = [configFile, envExample].filter((f) => existsSync(f));
        if (existing.length > 0 && !flags.force) {
          io.stderr(
            `init: ${existing.join(' and ')} already exist${existing.length === 1 ? 's' : ''}; nothing was written (--force overwrites, -o picks another config name)\n`,
          );
          ctx.exitCode = ExitCode.invalid;
          return;
        }
        await writeNew(
          configFile,
          starterRunConfig({ models, judge, schema: schemaReference(path.dirname(configFile)) }),
        );
        await writeNew(envExample, starterEnvExample([...models, judge]));
        if (flags.json) {
          io.stdout(
            terminalSafeJson(
              { config: configFile, envExample, presets: models.map((m) => m.name), judge: judge.name },
              2,
            ) + '\n',
          );
          return;
        }
        io.stdout(`wrote ${configFile}\nwrote ${envExample}\n`);
        const shown = path.relative(io.cwd, configFile) || configFile;
        info(
          ctx,
          `next: change the lines marked CHANGE, copy .env.example to .env with your keys, then \`sc-safety check -c ${shown}\`\n`,
        );
      },
    );
}
