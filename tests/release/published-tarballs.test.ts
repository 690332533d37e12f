import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { publint } from 'publint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  packPublished,
  publishedPackages,
  REPO_ROOT,
  REPOSITORY,
  run,
  tarballFiles,
  tarballText,
} from './helpers/packages.js';
import type { Tarball } from './helpers/packages.js';

// Release hygiene, checked on what `changeset publish` would upload: the packed tarballs.
// publint (package.json against the packed files) and attw (types resolution) with the esm-only
// profile: the packages are ESM-only by design (docs/releasing.md), so node10 and require() from
// CommonJS resolutions are out of scope; ESM under node16 and bundler must resolve with types.
describe('published tarballs', () => {
  let dir: string;
  let tarballs: Tarball[];
  const manifests = new Map<string, Record<string, unknown>>();
  const files = new Map<string, string[]>();

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'sc-release-pack-'));
    tarballs = await packPublished(dir);
    for (const t of tarballs) {
      manifests.set(t.pkg.name, JSON.parse(await tarballText(t.file, 'package.json')) as Record<string, unknown>);
      files.set(t.pkg.name, await tarballFiles(t.file));
    }
  }, 120_000);

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('packs every published package', () => {
    expect(tarballs.map((t) => t.pkg.name).sort()).toEqual(
      publishedPackages()
        .map((p) => p.name)
        .sort(),
    );
    expect(tarballs.length).toBeGreaterThanOrEqual(10);
  });

  it('publishes no source-only export condition, no workspace range, nothing under src/ and no tests', () => {
    for (const t of tarballs) {
      const text = JSON.stringify(manifests.get(t.pkg.name));
      expect(text, t.pkg.name).not.toContain('@sc-safety/source');
      expect(text, t.pkg.name).not.toContain('workspace:');
      // The CLI's template/ is the source of `sc-safety adapter new`, tests and fake included.
      const shipped = files.get(t.pkg.name)!.filter((f) => !f.startsWith('template/'));
      expect(
        shipped.filter((f) => f.startsWith('src/') || /\.test\.|__fixtures__/.test(f)),
        t.pkg.name,
      ).toEqual([]);
    }
  });

  it('every export target is in the tarball', () => {
    for (const t of tarballs) {
      const exportsField = manifests.get(t.pkg.name)!.exports as Record<string, string | Record<string, string>>;
      for (const [subpath, target] of Object.entries(exportsField)) {
        for (const file of typeof target === 'string' ? [target] : Object.values(target)) {
          expect(files.get(t.pkg.name), `${t.pkg.name} ${subpath} → ${file}`).toContain(file.replace(/^\.\//, ''));
        }
      }
    }
  });

  it('carries the licence, a README, a version of its own and the repository links', () => {
    for (const t of tarballs) {
      const m = manifests.get(t.pkg.name)!;
      expect(files.get(t.pkg.name), t.pkg.name).toEqual(
        expect.arrayContaining(['LICENSE', 'README.md', 'package.json']),
      );
      expect(m.license, t.pkg.name).toBe('Apache-2.0');
      expect(m.version, t.pkg.name).toBe(t.pkg.version);
      expect(m.version, t.pkg.name).not.toBe('0.0.0');
      expect(m.repository, t.pkg.name).toEqual({
        type: 'git',
        url: `git+https://${REPOSITORY}.git`,
        directory: t.pkg.dir,
      });
      expect(m.homepage, t.pkg.name).toBe(`https://${REPOSITORY}/tree/main/${t.pkg.dir}#readme`);
      expect(m.bugs, t.pkg.name).toEqual({ url: `https://${REPOSITORY}/issues` });
      expect(existsSync(path.join(REPO_ROOT, t.pkg.dir, 'CHANGELOG.md')), `${t.pkg.dir}/CHANGELOG.md`).toBe(true);
    }
  });

  it('publint finds nothing, not even a suggestion', async () => {
    for (const t of tarballs) {
      const data = await readFile(t.file);
      const result = await publint({
        pack: { tarball: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer },
        level: 'suggestion',
        strict: true,
      });
      expect(result.messages, t.pkg.name).toEqual([]);
    }
  });

  it('publint flags an export whose file the tarball lacks (the check has teeth)', async () => {
    const spec = tarballs.find((t) => t.pkg.name === '@sc-safety/spec')!;
    const unpacked = path.join(dir, 'spec-unpacked');
    await mkdir(unpacked, { recursive: true });
    await run('tar', ['-xzf', spec.file, '-C', unpacked]);
    // What shipping the source condition's target would mean: a path into src/, which is not packed.
    const manifest = {
      ...manifests.get('@sc-safety/spec')!,
      exports: { '.': { types: './dist/index.d.ts', import: './src/index.ts' } },
    };
    await writeFile(path.join(unpacked, 'package/package.json'), JSON.stringify(manifest));
    const result = await publint({ pkgDir: path.join(unpacked, 'package'), pack: false, level: 'error' });
    expect(result.messages.map((m) => m.code)).toContain('FILE_DOES_NOT_EXIST');
  });

  it('attw --profile esm-only: types resolve for ESM under node16 and bundlers', async () => {
    const attw = path.join(REPO_ROOT, 'node_modules/.bin/attw');
    const results = await Promise.all(
      tarballs.map(async (t) => {
        try {
          await run(attw, [t.file, '--profile', 'esm-only', '--format', 'ascii'], { maxBuffer: 16 * 1024 * 1024 });
          return { name: t.pkg.name, ok: true, output: '' };
        } catch (error) {
          const e = error as { stdout?: string; stderr?: string };
          return { name: t.pkg.name, ok: false, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
        }
      }),
    );
    expect(results.filter((r) => !r.ok)).toEqual([]);
  }, 240_000);

  it('the CLI tarball ships the adapter template `sc-safety adapter new` copies', () => {
    const cli = files.get('@sc-safety/cli')!;
    expect(cli).toEqual(
      expect.arrayContaining([
        'template/adapter/template.json',
        'template/adapter/src/conformance.test.ts',
        'template/adapter/src/__fixtures__/acme-fake-server.ts',
        'template/adapter/tsconfig.json',
      ]),
    );
  });
});
