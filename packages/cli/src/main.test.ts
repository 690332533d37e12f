import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMMAND_GROUPS, createProgram, main } from './main.js';
import { ExitCode, type CommandContext } from './io.js';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: (s) => (out += s), stderr: (s) => (err += s), cwd: process.cwd() });
  return { code, out, err };
}

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

describe('sc-safety', () => {
  it('prints the package version', async () => {
    for (const flag of ['--version', '-V']) {
      expect(await run(flag)).toEqual({ code: 0, out: `${pkg.version}\n`, err: '' });
    }
  });

  it('has --help on every command', async () => {
    for (const argv of [[], ['dataset'], ['dataset', 'validate'], ['dataset', 'stats'], ['dataset', 'list']]) {
      const r = await run(...argv, '--help');
      expect(r.code, argv.join(' ')).toBe(0);
      expect(r.out).toMatch(/^Usage: sc-safety/);
    }
    expect((await run('--help')).out).toContain('dataset');
    expect((await run('dataset', 'validate', '--help')).out).toContain('Exit status: 0 when valid');
    expect((await run('help', 'dataset')).out).toContain('validate');
  });

  it('exits 2 with a clear message on an unknown command', async () => {
    const r = await run('frobnicate');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain("error: unknown command 'frobnicate'");
    const typo = await run('dataset', 'validat', 'x.jsonl');
    expect(typo.code).toBe(2);
    expect(typo.err).toContain('(Did you mean validate?)');
  });

  it('exits 2 on bad flags and missing arguments', async () => {
    const flag = await run('dataset', 'stats', 'x.jsonl', '--jsn');
    expect(flag.code).toBe(2);
    expect(flag.err).toContain("error: unknown option '--jsn'");
    const missing = await run('dataset', 'validate');
    expect(missing.code).toBe(2);
    expect(missing.err).toContain("error: missing required argument 'dataset'");
  });

  it('shows help on stderr and exits 2 when no command is given', async () => {
    const r = await run();
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^Usage: sc-safety/);
  });

  describe('building only the command being run', () => {
    const ctx: CommandContext = {
      io: { stdout: () => {}, stderr: () => {}, cwd: process.cwd() },
      exitCode: ExitCode.ok,
      verbosity: 'normal',
    };
    const names = (only?: string) =>
      createProgram(ctx, only)
        .commands.map((c) => c.name())
        .filter((n) => n !== 'help');

    it('lists every top-level command in the groups table, in the order of --help', () => {
      expect(names()).toEqual(COMMAND_GROUPS.flatMap((g) => g.commands));
    });

    it.each(COMMAND_GROUPS.flatMap((g) => g.commands.map((name) => [name, g.commands] as const)))(
      '%s builds its own group only',
      (name, commands) => {
        expect(names(name)).toEqual(commands);
      },
    );

    it('builds everything for anything else (global flags, help, a typo)', () => {
      for (const first of ['-q', 'help', 'frobnicate', undefined]) expect(names(first)).toEqual(names());
    });
  });
});
