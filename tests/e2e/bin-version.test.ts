import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
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
  },
);
