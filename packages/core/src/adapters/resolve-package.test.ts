import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isPackageName, resolvePackage, splitSpecifier } from './resolve-package.js';

let tmp: string;

beforeEach(() => {
  tmp = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'sc-safety-pkg-')));
});

afterEach(() => {
  rmSync(tmp, { recursive: true, force: true });
});

function writePackage(name: string, manifest: Record<string, unknown>, files: string[]): string {
  const dir = path.join(tmp, 'node_modules', ...name.split('/'));
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0', ...manifest }));
  for (const file of files) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), 'export default 1;\n');
  }
  return dir;
}

describe('splitSpecifier / isPackageName', () => {
  it('separates name and subpath', () => {
    expect(splitSpecifier('@acme/x')).toEqual({ name: '@acme/x', subpath: '.' });
    expect(splitSpecifier('@acme/x/sub/y')).toEqual({ name: '@acme/x', subpath: './sub/y' });
    expect(splitSpecifier('plain/sub')).toEqual({ name: 'plain', subpath: './sub' });
  });

  it('accepts npm names only', () => {
    expect(isPackageName('@sc-safety/adapter-openai')).toBe(true);
    expect(isPackageName('sc-safety-adapter-foo')).toBe(true);
    expect(isPackageName('has space')).toBe(false);
    expect(isPackageName('@scope')).toBe(false);
  });
});

describe('resolvePackage', () => {
  it('follows conditional exports in key order, skipping unknown conditions', () => {
    const dir = writePackage(
      'cond',
      {
        exports: {
          '.': { '@sc-safety/source': './src/index.ts', types: './x.d.ts', require: './cjs.cjs', import: './esm.js' },
        },
      },
      ['esm.js'],
    );
    expect(resolvePackage('cond', [tmp])?.file).toBe(path.join(dir, 'esm.js'));
  });

  it('honours extra conditions such as the source condition', () => {
    const dir = writePackage(
      'src-cond',
      { exports: { '.': { '@sc-safety/source': './src/index.ts', import: './dist/index.js' } } },
      ['src/index.ts', 'dist/index.js'],
    );
    expect(resolvePackage('src-cond', [tmp], ['@sc-safety/source', 'import'])?.file).toBe(
      path.join(dir, 'src', 'index.ts'),
    );
  });

  it('handles string exports, subpath patterns and legacy main', () => {
    const str = writePackage('str', { exports: './main.js' }, ['main.js']);
    expect(resolvePackage('str', [tmp])?.file).toBe(path.join(str, 'main.js'));
    const pat = writePackage('pat', { exports: { '.': './i.js', './adapters/*': { default: './lib/*.js' } } }, [
      'i.js',
      'lib/foo.js',
    ]);
    expect(resolvePackage('pat/adapters/foo', [tmp])?.file).toBe(path.join(pat, 'lib', 'foo.js'));
    const legacy = writePackage('legacy', { main: 'lib/entry' }, ['lib/entry.js']);
    expect(resolvePackage('legacy', [tmp])).toMatchObject({
      file: path.join(legacy, 'lib', 'entry.js'),
      version: '1.0.0',
    });
  });

  it('returns undefined when the package is not visible, and throws when it exports nothing usable', () => {
    expect(resolvePackage('absent', [tmp])).toBeUndefined();
    writePackage('cjs-only', { exports: { require: './index.cjs' } }, ['index.cjs']);
    expect(() => resolvePackage('cjs-only', [tmp])).toThrow(/does not export "\." for import/);
  });

  it('resolves real workspace packages from the engine source location (pnpm symlinks)', () => {
    const here = path.dirname(fileURLToPath(import.meta.url));
    const spec = resolvePackage('@sc-safety/spec', [here], ['@sc-safety/source', 'import']);
    expect(spec?.file.endsWith(path.join('spec', 'src', 'index.ts'))).toBe(true);
  });
});
