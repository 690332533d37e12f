import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

interface Pkg {
  name: string;
  version: string;
  private?: boolean;
  dependencies?: Record<string, string>;
  exports?: Record<string, unknown>;
  publishConfig?: { exports?: Record<string, unknown> };
}

/** An exports map without the workspace-only source condition. */
function withoutSourceCondition(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => k !== '@sc-safety/source')
      .map(([k, v]) => [k, withoutSourceCondition(v)]),
  );
}

function packages(): Array<{ dir: string; pkg: Pkg }> {
  return ['packages', 'apps', 'examples'].flatMap((group) => {
    const base = path.join(root, group);
    if (!existsSync(base)) return [];
    return readdirSync(base)
      .filter((d) => existsSync(path.join(base, d, 'package.json')))
      .map((d) => ({
        dir: `${group}/${d}`,
        pkg: JSON.parse(readFileSync(path.join(base, d, 'package.json'), 'utf8')) as Pkg,
      }));
  });
}

function changesetPackages(): Set<string> {
  const dir = path.join(root, '.changeset');
  const names = new Set<string>();
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.md') && f !== 'README.md')) {
    const front = /^---\n([\s\S]*?)\n---/.exec(readFileSync(path.join(dir, f), 'utf8'))?.[1] ?? '';
    for (const m of front.matchAll(/^"?([^":]+)"?:\s*(major|minor|patch)\s*$/gm)) names.add(m[1]!);
  }
  return names;
}

describe('workspace', () => {
  it('every published package has a pending changeset or a changelog', () => {
    const pending = changesetPackages();
    const missing = packages()
      .filter(({ pkg }) => !pkg.private)
      .filter(({ dir, pkg }) => !pending.has(pkg.name) && !existsSync(path.join(root, dir, 'CHANGELOG.md')))
      .map(({ pkg }) => pkg.name);
    expect(missing, 'add one with `pnpm changeset`').toEqual([]);
  });

  it('changesets are independent: no fixed or linked version groups', () => {
    const config = JSON.parse(readFileSync(path.join(root, '.changeset/config.json'), 'utf8')) as {
      fixed: unknown[];
      linked: unknown[];
    };
    expect(config.fixed).toEqual([]);
    expect(config.linked).toEqual([]);
  });

  it('the contract package stands alone: no runtime dependency at all, and none on the engine', () => {
    const spec = packages().find(({ pkg }) => pkg.name === '@sc-safety/spec')!.pkg;
    expect(spec.dependencies ?? {}).toEqual({});
    const lock = readFileSync(path.join(root, 'pnpm-lock.yaml'), 'utf8');
    const importer = /\n {2}packages\/spec:\n([\s\S]*?)(?=\n {2}\S)/.exec(lock)?.[1] ?? '';
    expect(importer).not.toMatch(/@sc-safety\/core|dependencies:/);
  });

  it('adapters depend on the contract, never on the engine or the results model', () => {
    for (const { pkg } of packages().filter(({ pkg }) => /adapter/.test(pkg.name))) {
      expect(Object.keys(pkg.dependencies ?? {}), pkg.name).not.toContain('@sc-safety/core');
      expect(Object.keys(pkg.dependencies ?? {}), pkg.name).not.toContain('@sc-safety/results');
    }
  });

  it('the results model depends on the contract only; core, the CLI and the report share it', () => {
    const byName = new Map(packages().map(({ pkg }) => [pkg.name, pkg]));
    expect(Object.keys(byName.get('@sc-safety/results')!.dependencies ?? {})).toEqual(['@sc-safety/spec']);
    for (const name of ['@sc-safety/core', '@sc-safety/cli', '@sc-safety/report']) {
      expect(Object.keys(byName.get(name)!.dependencies ?? {}), name).toContain('@sc-safety/results');
    }
  });

  it('every package entry lists its exports by name (no `export *`), so its API is visible', () => {
    const starred: string[] = [];
    let checked = 0;
    for (const { dir, pkg } of packages()) {
      for (const target of Object.values(pkg.exports ?? {})) {
        const source =
          typeof target === 'object' && target !== null
            ? (target as Record<string, unknown>)['@sc-safety/source']
            : undefined;
        if (typeof source !== 'string' || !source.endsWith('.ts')) continue;
        const text = readFileSync(path.join(root, dir, source), 'utf8');
        checked++;
        if (/^export (type )?\*/m.test(text)) starred.push(`${dir}/${source.replace(/^\.\//, '')}`);
      }
    }
    expect(checked).toBeGreaterThanOrEqual(12);
    expect(starred).toEqual([]);
  });

  it('every package exports ESM with types first', () => {
    for (const { dir, pkg } of packages().filter(({ pkg }) => pkg.exports)) {
      const main = pkg.exports!['.'] as Record<string, string> | undefined;
      if (!main || typeof main !== 'object') continue;
      const keys = Object.keys(main).filter((k) => !k.startsWith('@sc-safety/'));
      expect(keys[0], `${dir}: "types" must come first in exports`).toBe('types');
    }
  });

  it('published exports are the workspace exports without the source condition (docs/releasing.md)', () => {
    for (const { dir, pkg } of packages().filter(({ pkg }) => !pkg.private)) {
      expect(pkg.publishConfig?.exports, `${dir}: publishConfig.exports`).toEqual(withoutSourceCondition(pkg.exports));
    }
  });

  it('every published package ships the root LICENSE and has a README', () => {
    const license = readFileSync(path.join(root, 'LICENSE'), 'utf8');
    expect(license).toContain('Apache License');
    for (const { dir } of packages().filter(({ pkg }) => !pkg.private)) {
      expect(
        existsSync(path.join(root, dir, 'LICENSE')) &&
          readFileSync(path.join(root, dir, 'LICENSE'), 'utf8') === license,
        `${dir}/LICENSE`,
      ).toBe(true);
      expect(existsSync(path.join(root, dir, 'README.md')), `${dir}/README.md`).toBe(true);
    }
  });
});
