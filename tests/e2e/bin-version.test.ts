import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI_BIN, CLI_BUILT, REPO_ROOT } from './helpers/cli.js';
import { prerequisite } from '../support/prerequisite.js';

const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'packages/cli/package.json'), 'utf8')) as { version: string };

describe.runIf(prerequisite(CLI_BUILT, 'the built CLI (packages/cli/dist)', 'run pnpm build first'))(
  'the built sc-safety bin',
  () => {
    it('prints the version on the fast path (--version, -V) and through the program', () => {
      for (const argv of [['--version'], ['-V']]) {
        const r = spawnSync(process.execPath, [CLI_BIN, ...argv], { encoding: 'utf8' });
        expect({ code: r.status, out: r.stdout, err: r.stderr }).toEqual({ code: 0, out: `${pkg.version}\n`, err: '' });
      }
      // Not the fast path (another argument): commander prints the version itself.
      const through = spawnSync(process.execPath, [CLI_BIN, '--version', 'run'], { encoding: 'utf8' });
      expect(through.stdout).toBe(`${pkg.version}\n`);
    });

    it('runs commands through the program', () => {
      const r = spawnSync(process.execPath, [CLI_BIN, 'no-such-command'], { encoding: 'utf8' });
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/unknown command/);
    });

    it('imports modules outside the bundle (the report, an adapter by path) with and without a code cache', () => {
      const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'sc-safety-code-cache-'));
      const work = mkdtempSync(path.join(os.tmpdir(), 'sc-safety-bin-import-'));
      try {
        const cli = (cache: string, ...argv: string[]) => {
          const env = { ...process.env, SC_SAFETY_CODE_CACHE_DIR: cache };
          const r = spawnSync(process.execPath, [CLI_BIN, ...argv], { encoding: 'utf8', env, cwd: work });
          return { code: r.status, out: r.stdout, err: r.stderr };
        };
        // `report` imports @sc-safety/report before it reads the run directory; the second run with
        // the same cache directory compiles the bundle from the cache the first one wrote.
        for (const cache of ['off', cacheDir, cacheDir]) {
          const r = cli(cache, 'report', path.join(work, 'not-a-run'));
          expect(r.err).toMatch(/cannot read it/);
          expect(r.err).not.toMatch(/Warning|dynamic import/);
          expect(r.code).toBe(2);
        }
        // `check` imports the example adapter by path, then probes an endpoint that is not there.
        const acme = path.join(REPO_ROOT, 'examples/adapter-acme/dist/index.js');
        writeFileSync(
          path.join(work, 'run.yaml'),
          [
            'dataset: builtin:sample',
            'models:',
            `  - { id: a, adapter: ${JSON.stringify(acme)}, model: acme-1, baseURL: "http://127.0.0.1:9", apiKey: acme-e2e-key-0000 }`,
            'judge: { id: j, adapter: openai, model: j, baseURL: "http://127.0.0.1:9/v1", apiKey: sk-e2e-bin-0000 }',
            '',
          ].join('\n'),
        );
        for (const cache of ['off', cacheDir, cacheDir]) {
          const r = cli(cache, 'check', '-c', 'run.yaml');
          expect(`${r.out}${r.err}`).toMatch(/model a \[models\[0\]\]: transient: Acme/);
          expect(`${r.out}${r.err}`).not.toMatch(/failed to load|dynamic import/);
        }
        // The program's cache per command, and `check`'s of the undici files its judge's probe loads.
        expect(readdirSync(cacheDir).sort()).toEqual([
          expect.stringMatching(/^cli-.*-check\.bin$/),
          expect.stringMatching(/^cli-.*-report\.bin$/),
          expect.stringMatching(/^undici-parts-.*-check\.bin$/),
        ]);
      } finally {
        rmSync(cacheDir, { recursive: true, force: true });
        rmSync(work, { recursive: true, force: true });
      }
    });

    it('keeps a code cache of the bundle per command, and prints the same with it', () => {
      const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'sc-safety-code-cache-'));
      try {
        const env = { ...process.env, SC_SAFETY_CODE_CACHE_DIR: cacheDir };
        const cli = (...argv: string[]) => {
          const r = spawnSync(process.execPath, [CLI_BIN, ...argv], { encoding: 'utf8', env });
          return { code: r.status, out: r.stdout, err: r.stderr };
        };
        const first = [cli('no-such-command'), cli('run', '--help')];
        const files = readdirSync(cacheDir).sort();
        expect(files).toHaveLength(2);
        expect(files[0]).toMatch(/^cli-[0-9a-f]{16}-.*-main\.bin$/);
        expect(files[1]).toMatch(/^cli-[0-9a-f]{16}-.*-run\.bin$/);
        expect([cli('no-such-command'), cli('run', '--help')]).toEqual(first);
        expect(first[1]).toMatchObject({ code: 0, out: expect.stringMatching(/^Usage: sc-safety run/) });
        expect(readdirSync(cacheDir).sort()).toEqual(files);
      } finally {
        rmSync(cacheDir, { recursive: true, force: true });
      }
    });
  },
);
