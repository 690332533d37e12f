import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importAdapter } from './bundled-adapters.js';

const require = createRequire(import.meta.url);
const openaiManifest = require.resolve('@sc-safety/adapter-openai/package.json');
const openaiEntry = path.join(path.dirname(openaiManifest), 'dist/index.js');
const openaiVersion = (require(openaiManifest) as { version: string }).version;

describe('importAdapter', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'sc-bundled-adapters-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  // The first test imports the adapter (and the openai SDK): slow on a loaded machine.
  it('gives the CLI’s own copy of an adapter it depends on, of the installed version', {
    timeout: 60_000,
  }, async () => {
    const mod = (await importAdapter(pathToFileURL(openaiEntry).href)) as {
      adapter: { name: string; version: string };
    };
    expect(mod.adapter.name).toBe('openai');
    expect(mod.adapter.version).toBe(openaiVersion);
    // The same module the package name imports (in the built CLI: the bundled one).
    expect(mod).toBe(await import('@sc-safety/adapter-openai'));
  });

  it('recognises the installed adapter through a symlink (pnpm’s node_modules)', async () => {
    const link = path.join(dir, 'adapter-openai');
    await symlink(path.dirname(openaiManifest), link, 'dir');
    const mod = await importAdapter(pathToFileURL(path.join(link, 'dist/index.js')).href);
    expect(mod).toBe(await import('@sc-safety/adapter-openai'));
  });

  it('imports any other module from where it was found', async () => {
    const file = path.join(dir, 'my-adapter.mjs');
    await writeFile(file, "export const adapter = { name: 'mine', version: '9.9.9', create() {} };\n");
    const mod = (await importAdapter(pathToFileURL(file).href)) as { adapter: { name: string } };
    expect(mod.adapter.name).toBe('mine');
  });
});
