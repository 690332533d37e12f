import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AdapterResolutionError } from './adapter-errors.js';
import { rejectionOf } from '../__fixtures__/rejection.js';
import { adapterCandidates, isPathReference, resolveAdapter } from './resolve-adapter.js';
import { adapterModuleSource, writeAdapterPackage } from './__fixtures__/write-adapter.js';

let tmp: string;
let empty: string;

beforeEach(() => {
  tmp = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'sc-safety-resolve-')));
  empty = path.join(tmp, 'nothing-installed-here');
  mkdirSync(empty);
});

afterEach(() => {
  rmSync(tmp, { recursive: true, force: true });
});

const rejection = (promise: Promise<unknown>) => rejectionOf(promise, AdapterResolutionError);

describe('reading references', () => {
  it('tells paths from package names', () => {
    for (const ref of ['./a.mjs', '../x', '/abs/adapter', 'adapter.js', 'x.ts', 'C:\\a\\b.js', 'file:///a.mjs'])
      expect(isPathReference(ref), ref).toBe(true);
    for (const ref of ['openai', '@acme/sc-safety-adapter', 'sc-safety-adapter-foo'])
      expect(isPathReference(ref), ref).toBe(false);
  });

  it('maps short names through the table, then the two naming conventions', () => {
    expect(adapterCandidates('openai')).toEqual({ source: 'short-name', packages: ['@sc-safety/adapter-openai'] });
    expect(adapterCandidates('local')).toEqual({ source: 'short-name', packages: ['@sc-safety/adapter-local'] });
    expect(adapterCandidates('foo')).toEqual({
      source: 'short-name',
      packages: ['@sc-safety/adapter-foo', 'sc-safety-adapter-foo'],
    });
    expect(adapterCandidates('@acme/x')).toEqual({ source: 'package', packages: ['@acme/x'] });
    expect(adapterCandidates('package:my-adapter')).toEqual({ source: 'package', packages: ['my-adapter'] });
  });
});

describe('resolveAdapter by path', () => {
  it('imports a module relative to cwd, exported as default', async () => {
    writeFileSync(path.join(tmp, 'my-adapter.mjs'), adapterModuleSource({ name: 'mine', version: '0.3.0' }));
    const resolved = await resolveAdapter('./my-adapter.mjs', { cwd: tmp });
    expect(resolved.source).toBe('path');
    expect(resolved.definition.name).toBe('mine');
    expect(resolved.definition.version).toBe('0.3.0');
    expect(resolved.modulePath).toBe(path.join(tmp, 'my-adapter.mjs'));
  });

  it('accepts an `adapter` named export and an absolute path', async () => {
    const file = path.join(tmp, 'named.mjs');
    writeFileSync(file, adapterModuleSource({ name: 'named', exportAs: 'adapter' }));
    expect((await resolveAdapter(file, { cwd: empty })).definition.name).toBe('named');
  });

  it('reports a missing file with the resolved location', async () => {
    const error = await rejection(resolveAdapter('./missing.mjs', { cwd: tmp }));
    expect(error.code).toBe('adapter_not_found');
    expect(error.message).toContain(path.join(tmp, 'missing.mjs'));
  });

  it('reports a module without an adapter export, listing what it does export', async () => {
    writeFileSync(path.join(tmp, 'wrong.mjs'), 'export const something = 1;\n');
    const error = await rejection(resolveAdapter('./wrong.mjs', { cwd: tmp }));
    expect(error.code).toBe('adapter_invalid_definition');
    expect(error.message).toMatch(/export the definition as `default` or as `adapter` \(found exports: something\)/);
  });

  it('reports a module that throws while loading, with the cause', async () => {
    writeFileSync(path.join(tmp, 'broken.mjs'), 'throw new Error("boom at import");\n');
    const error = await rejection(resolveAdapter('./broken.mjs', { cwd: tmp }));
    expect(error.code).toBe('adapter_load_failed');
    expect(error.message).toContain('boom at import');
  });

  it('uses the given importer with the module file URL', async () => {
    const file = path.join(tmp, 'virtual.mjs');
    writeFileSync(file, '');
    const seen: string[] = [];
    const resolved = await resolveAdapter('./virtual.mjs', {
      cwd: tmp,
      importer: async (url) => {
        seen.push(url);
        return {
          default: {
            name: 'v',
            version: '1.0.0',
            specificationVersion: 'v1',
            configSchema: { '~standard': { version: 1, vendor: 'x', validate: (value: unknown) => ({ value }) } },
            create: () => ({}),
          },
        };
      },
    });
    expect(seen).toEqual([pathToFileURL(file).href]);
    expect(resolved.definition.name).toBe('v');
  });
});

describe('resolveAdapter by package', () => {
  it('finds an ESM-only package in the project node_modules, from a nested cwd', async () => {
    const project = path.join(tmp, 'project');
    writeAdapterPackage(project, '@acme/sc-safety-adapter', { name: 'acme', version: '2.1.0' });
    const nested = path.join(project, 'configs', 'runs');
    mkdirSync(nested, { recursive: true });
    const resolved = await resolveAdapter('@acme/sc-safety-adapter', { cwd: nested, fallbackPaths: [] });
    expect(resolved).toMatchObject({ packageName: '@acme/sc-safety-adapter', source: 'package' });
    expect(resolved.definition.name).toBe('acme');
    expect(resolved.modulePath).toBe(
      path.join(project, 'node_modules', '@acme', 'sc-safety-adapter', 'dist', 'index.js'),
    );
  });

  it('resolves a short name to @sc-safety/adapter-x first, then sc-safety-adapter-x', async () => {
    writeAdapterPackage(tmp, 'sc-safety-adapter-foo', { name: 'foo-community' });
    const community = await resolveAdapter('foo', { cwd: tmp, fallbackPaths: [] });
    expect(community).toMatchObject({ packageName: 'sc-safety-adapter-foo', source: 'short-name' });

    writeAdapterPackage(tmp, '@sc-safety/adapter-foo', { name: 'foo-official' });
    const official = await resolveAdapter('foo', { cwd: tmp, fallbackPaths: [] });
    expect(official).toMatchObject({ packageName: '@sc-safety/adapter-foo', source: 'short-name' });
    expect(official.definition.name).toBe('foo-official');
  });

  it('prefers the project copy and falls back to the engine-side location', async () => {
    const engineSide = path.join(tmp, 'engine');
    writeAdapterPackage(engineSide, '@sc-safety/adapter-openai', { name: 'openai', version: '9.9.9' });
    const fromFallback = await resolveAdapter('openai', { cwd: empty, fallbackPaths: [engineSide] });
    expect(fromFallback.definition.version).toBe('9.9.9');

    const project = path.join(tmp, 'project');
    writeAdapterPackage(project, '@sc-safety/adapter-openai', { name: 'openai', version: '1.2.3' });
    const fromProject = await resolveAdapter('openai', { cwd: project, fallbackPaths: [engineSide] });
    expect(fromProject.definition.version).toBe('1.2.3');
  });

  it('says what to install when a short name is not found', async () => {
    const error = await rejection(resolveAdapter('foo', { cwd: empty, fallbackPaths: [] }));
    expect(error.code).toBe('adapter_not_found');
    expect(error.message).toBe(
      'Adapter "foo" not found: tried @sc-safety/adapter-foo and sc-safety-adapter-foo. ' +
        'Install it with: pnpm add @sc-safety/adapter-foo (or npm i @sc-safety/adapter-foo), or give a path to the adapter module. ' +
        `(Looked in node_modules from ${empty} upward.)`,
    );
  });

  it('says what to install when a package name is not found', async () => {
    const error = await rejection(resolveAdapter('@acme/nope', { cwd: empty, fallbackPaths: [] }));
    expect(error.message).toMatch(
      /^Adapter package "@acme\/nope" not found\. Install it with: pnpm add @acme\/nope \(or npm i @acme\/nope\)/,
    );
  });

  it('does not call an installed but unbuilt package "not found"', async () => {
    const dir = writeAdapterPackage(tmp, '@acme/unbuilt', { name: 'unbuilt' });
    rmSync(path.join(dir, 'dist'), { recursive: true });
    const error = await rejection(resolveAdapter('@acme/unbuilt', { cwd: tmp, fallbackPaths: [] }));
    expect(error.code).toBe('adapter_load_failed');
    expect(error.message).toMatch(/was found but cannot be loaded: .*does not exist\. Is it built\?/);
  });

  it('refuses an adapter built for an unknown specification version', async () => {
    writeAdapterPackage(tmp, '@acme/x', { name: 'acme', version: '2.0.0', specificationVersion: 'v9' });
    const error = await rejection(resolveAdapter('@acme/x', { cwd: tmp, fallbackPaths: [] }));
    expect(error.code).toBe('adapter_unsupported_specification');
    expect(error.message).toBe(
      'Adapter package "@acme/x" (acme@2.0.0) implements adapter specification "v9", but this sc-safety engine supports: v1. ' +
        'Upgrade @sc-safety/core or use an adapter release built for v1.',
    );
  });

  it('rejects references that cannot be package names', async () => {
    const error = await rejection(resolveAdapter('Not A Name', { cwd: empty, fallbackPaths: [] }));
    expect(error.message).toMatch(/is not a valid package name/);
    await expect(resolveAdapter('  ', { cwd: empty })).rejects.toThrow(/empty/);
  });
});
