import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../main.js';
import { adapterNames, renameVendor } from './adapter-names.js';
import { scaffoldAdapter } from './scaffold-adapter.js';

describe('adapterNames / renameVendor', () => {
  it('derives the spellings and renames every form of the template vendor', () => {
    const names = adapterNames('my-vendor2');
    expect(names).toEqual({ kebab: 'my-vendor2', pascal: 'MyVendor2', upper: 'MY_VENDOR2' });
    expect(renameVendor('ACME_API_KEY createAcmeFakeServer src/acme-wire.ts', names)).toBe(
      'MY_VENDOR2_API_KEY createMyVendor2FakeServer src/my-vendor2-wire.ts',
    );
  });

  it('refuses names that cannot be a file name, an identifier part and a variable part at once', () => {
    for (const bad of ['', 'My', '1x', 'a--b', 'a_b', '-a', 'a-', 'a'.repeat(41)])
      expect(() => adapterNames(bad), bad).toThrow(/invalid adapter name/);
  });
});

describe('scaffoldAdapter', () => {
  let dir: string;
  beforeEach(() => void (dir = mkdtempSync(path.join(tmpdir(), 'sc-scaffold-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a package with no trace of the template vendor and ranges on the installed contract', () => {
    const result = scaffoldAdapter({ name: 'zeta', cwd: dir });
    expect(result.dir).toBe(path.join(dir, 'sc-safety-adapter-zeta'));
    expect(result.files).toEqual(
      expect.arrayContaining([
        'package.json',
        'README.md',
        '.gitignore',
        '.changeset/config.json',
        'tsconfig.json',
        'tsconfig.build.json',
        'vitest.config.ts',
        'src/index.ts',
        'src/zeta-wire.ts',
        'src/conformance.test.ts',
        'src/__fixtures__/zeta-fake-server.ts',
      ]),
    );
    for (const file of result.files)
      expect(readFileSync(path.join(result.dir, file), 'utf8'), file).not.toMatch(/acme/i);
    const pkg = JSON.parse(readFileSync(path.join(result.dir, 'package.json'), 'utf8')) as Record<
      string,
      Record<string, string>
    >;
    const spec = JSON.parse(readFileSync(path.join(import.meta.dirname, '../../../spec/package.json'), 'utf8')) as {
      version: string;
    };
    const utils = JSON.parse(
      readFileSync(path.join(import.meta.dirname, '../../../adapter-utils/package.json'), 'utf8'),
    ) as { version: string };
    expect(pkg.dependencies).toEqual({
      '@sc-safety/adapter-utils': `^${utils.version}`,
      '@sc-safety/spec': `^${spec.version}`,
    });
    expect(Object.keys(pkg.devDependencies!)).toEqual(
      expect.arrayContaining(['@sc-safety/testkit', 'typescript', 'vitest', '@types/node', '@changesets/cli']),
    );
    expect(Object.values(pkg.devDependencies!).join(' ')).not.toMatch(/workspace:/);
    // The fake runs on the testkit's /fake entry, which does not load vitest.
    expect(readFileSync(path.join(result.dir, 'src/__fixtures__/zeta-fake-server.ts'), 'utf8')).toContain(
      "from '@sc-safety/testkit/fake'",
    );
    expect(readFileSync(path.join(result.dir, 'tsconfig.json'), 'utf8')).not.toContain('extends');
  });

  it('refuses a non-empty directory and leaves it as it was', () => {
    mkdirSync(path.join(dir, 'taken'));
    writeFileSync(path.join(dir, 'taken', 'keep.txt'), 'mine');
    expect(() => scaffoldAdapter({ name: 'zeta', cwd: dir, dir: 'taken' })).toThrow(/already exists and is not empty/);
    expect(readFileSync(path.join(dir, 'taken', 'keep.txt'), 'utf8')).toBe('mine');
  });

  it('sc-safety adapter new: exit 2 with the rule for a bad name, nothing written', async () => {
    let stderr = '';
    const code = await main(['adapter', 'new', 'Bad_Name'], {
      cwd: dir,
      stdout: () => {},
      stderr: (t) => void (stderr += t),
    });
    expect(code).toBe(2);
    expect(stderr).toMatch(/invalid adapter name "Bad_Name": use lowercase letters/);
    expect(existsSync(path.join(dir, 'sc-safety-adapter-Bad_Name'))).toBe(false);
  });

  it('sc-safety adapter new --package --dir: writes there under that name', async () => {
    let stdout = '';
    const code = await main(['adapter', 'new', 'zeta', '--dir', 'out', '--package', '@zeta/sc-safety-adapter'], {
      cwd: dir,
      stdout: (t) => void (stdout += t),
      stderr: () => {},
    });
    expect(code).toBe(0);
    expect(JSON.parse(readFileSync(path.join(dir, 'out/package.json'), 'utf8'))).toMatchObject({
      name: '@zeta/sc-safety-adapter',
      version: '0.1.0',
    });
    expect(stdout).toContain('npm test');
  });
});
