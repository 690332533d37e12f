import { readFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { importModule } from '@sc-safety/core/import-module';

/**
 * The adapters the CLI depends on, imported by package name: in the built CLI (one esbuild bundle,
 * see scripts/bundle-bin.mjs) this is the copy bundled with it, which shares the bundle's zod and
 * loads as one chunk instead of ~250 separate modules (openai alone is 154).
 */
const OWN_ADAPTERS: Readonly<Record<string, () => Promise<unknown>>> = {
  '@sc-safety/adapter-openai': () => import('@sc-safety/adapter-openai'),
  '@sc-safety/adapter-anthropic': () => import('@sc-safety/adapter-anthropic'),
  '@sc-safety/adapter-http': () => import('@sc-safety/adapter-http'),
};

interface Manifest {
  version?: string;
  exports?: { '.'?: { import?: string } };
}

/** The entry file and version of the CLI's own installed dependency `name`, if it is installed. */
function ownDependency(name: string): { entry: string; version: string | undefined } | undefined {
  try {
    const file = createRequire(import.meta.url).resolve(`${name}/package.json`);
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
    const entry = manifest.exports?.['.']?.import;
    return entry === undefined
      ? undefined
      : { entry: realpathSync(path.resolve(path.dirname(file), entry)), version: manifest.version };
  } catch {
    return undefined;
  }
}

function versionOf(mod: unknown): unknown {
  const ns = mod as { adapter?: { version?: unknown }; default?: { version?: unknown } } | null;
  return ns?.adapter?.version ?? ns?.default?.version;
}

/**
 * Imports an adapter module found by the run's adapter lookup (`runBenchmark`'s `adapterImporter`).
 * When the lookup found one of the CLI's own adapter dependencies and the CLI carries that same
 * version, the CLI's copy is used: the same code, loaded faster. Anything else (an adapter in the
 * user's project, another version, a path) is imported from where it was found.
 */
export async function importAdapter(url: string): Promise<unknown> {
  let file: string;
  try {
    // The lookup may give a path through a symlink (pnpm's node_modules); resolve() gives the real one.
    file = realpathSync(url.startsWith('file:') ? fileURLToPath(url) : url);
  } catch {
    return importModule(url);
  }
  for (const [name, load] of Object.entries(OWN_ADAPTERS)) {
    const own = ownDependency(name);
    if (own === undefined || own.entry !== file) continue;
    const mod = await load();
    if (versionOf(mod) === own.version) return mod;
    break;
  }
  return importModule(url);
}
