import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { createProgram, main } from './main.js';
import { ExitCode, type CommandContext } from './io.js';
import { RUN_CONFIG_SCHEMA_FILE, runConfigSchemaText } from './schema/run-config-schema.js';

function leaves(command: Command, prefix: string[] = []): Array<{ path: string[]; command: Command }> {
  const subs = command.commands.filter((c) => c.name() !== 'help');
  if (subs.length === 0) return [{ path: prefix, command }];
  return subs.flatMap((c) => leaves(c, [...prefix, c.name()]));
}

const ctx: CommandContext = {
  io: { stdout: () => {}, stderr: () => {}, cwd: process.cwd() },
  exitCode: ExitCode.ok,
  verbosity: 'normal',
};
const commands = leaves(createProgram(ctx));

describe('one CLI: every command behaves alike', () => {
  it('finds the commands', () => {
    expect(commands.map((c) => c.path.join(' '))).toEqual(
      expect.arrayContaining(['run', 'check', 'init', 'presets', 'score', 'report', 'dataset validate']),
    );
  });

  it.each(commands.map((c) => [c.path.join(' '), c] as const))(
    '%s: has examples in --help and a --json flag',
    async (name, { path }) => {
      let out = '';
      const code = await main([...path, '--help'], {
        stdout: (t) => void (out += t),
        stderr: () => {},
        cwd: process.cwd(),
      });
      expect(code).toBe(0);
      expect(out, name).toMatch(/\nExamples:\n {2}(\$ )?sc-safety /);
      expect(out, name).toMatch(/--json/);
    },
  );

  it('-o is --out wherever a command writes somewhere', () => {
    for (const c of commands) {
      const out = c.command.options.find((o) => o.long === '--out');
      // judge check --out writes an extra report file next to stdout's; the rest name their output.
      if (out && c.path.join(' ') !== 'judge check') expect(out.short, c.path.join(' ')).toBe('-o');
    }
  });

  it('--quiet and --verbose are global', async () => {
    let out = '';
    await main(['--help'], { stdout: (t) => void (out += t), stderr: () => {}, cwd: process.cwd() });
    expect(out).toMatch(/-q, --quiet/);
    expect(out).toMatch(/-v, --verbose/);
  });

  it('--version --json lists core and adapter versions', async () => {
    let out = '';
    expect(
      await main(['--version', '--json'], { stdout: (t) => void (out += t), stderr: () => {}, cwd: process.cwd() }),
    ).toBe(0);
    const v = JSON.parse(out) as { cli: string; core: string; adapters: Record<string, string> };
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(v.cli).toBe(pkg.version);
    expect(v.core).toMatch(/^\d+\.\d+\.\d+/);
    expect(Object.keys(v.adapters)).toEqual(
      expect.arrayContaining(['@sc-safety/adapter-openai', '@sc-safety/adapter-anthropic']),
    );
    for (const version of Object.values(v.adapters)) expect(version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('one message for an unknown builtin dataset, listing the available ones, in run and dataset validate', async () => {
    const { mkdtemp, rm, writeFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const dir = await mkdtemp(path.join(tmpdir(), 'sc-cli-builtin-'));
    try {
      await writeFile(
        path.join(dir, 'run.yaml'),
        'dataset: builtin:nope\nmodels: [{id: m, adapter: openai, model: x, apiKey: k-0000}]\njudge: {adapter: openai, model: j, apiKey: k-0000}\n',
      );
      const messages: string[] = [];
      for (const argv of [
        ['run', '-c', 'run.yaml', '--dry-run'],
        ['dataset', 'validate', 'builtin:nope'],
      ]) {
        let err = '';
        expect(await main(argv, { stdout: () => {}, stderr: (t) => void (err += t), cwd: dir })).toBe(2);
        const line = err.split('\n').find((l) => l.includes('no builtin dataset'));
        expect(line, argv.join(' ')).toMatch(/no builtin dataset "builtin:nope"; available: builtin:.*builtin:sample/);
        messages.push(line!.slice(line!.indexOf('no builtin dataset')));
      }
      expect(messages[0]).toBe(messages[1]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('the run-config JSON Schema', () => {
  it(`ships as ${RUN_CONFIG_SCHEMA_FILE}, generated from the zod schema the loader validates with`, async () => {
    const shipped = readFileSync(new URL(`../${RUN_CONFIG_SCHEMA_FILE}`, import.meta.url), 'utf8');
    // On a mismatch: pnpm build && node packages/cli/scripts/write-run-config-schema.mjs
    expect(shipped).toBe(await runConfigSchemaText());
  });
});
