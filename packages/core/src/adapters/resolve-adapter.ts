import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AdapterDefinitionV1 } from '@sc-safety/spec';
import { AdapterResolutionError } from './adapter-errors.js';
import { assertAdapterDefinition } from './check-adapter.js';
import { importModule } from './import-module.js';
import { DEFAULT_CONDITIONS, isPackageName, resolvePackage, type ResolvedPackage } from './resolve-package.js';

/** Short names of the adapters maintained with sc-safety. */
export const BUILTIN_ADAPTERS: Readonly<Record<string, string>> = {
  openai: '@sc-safety/adapter-openai',
  anthropic: '@sc-safety/adapter-anthropic',
  http: '@sc-safety/adapter-http',
  local: '@sc-safety/adapter-local',
};

/** How the reference was interpreted. */
export type AdapterSource = 'short-name' | 'package' | 'path';

export interface ResolvedAdapter {
  definition: AdapterDefinitionV1;
  /** The package it came from, or the absolute module path for `path` references. */
  packageName: string;
  source: AdapterSource;
  /** Absolute path of the imported module. */
  modulePath: string;
}

export interface ResolveAdapterOptions {
  /** The user's project directory: packages are looked up in its `node_modules` (and its parents'). */
  cwd: string;
  /** Imports a module given its file URL (default: dynamic `import()`); for loaders and tests. */
  importer?: (url: string) => Promise<unknown>;
  /**
   * Directories searched after `cwd`. Defaults to this package's own location, so adapters
   * installed alongside the engine (e.g. by the CLI) are found without being in the user's project.
   */
  fallbackPaths?: readonly string[];
  /** Export conditions to resolve with (default `node`, `import`; `default` always applies). */
  conditions?: readonly string[];
}

const OWN_DIRECTORY = path.dirname(fileURLToPath(import.meta.url));
const MODULE_EXTENSION = /\.(?:[cm]?js|[cm]?ts)$/i;

/** Whether a reference names a module file rather than a package. */
export function isPathReference(ref: string): boolean {
  return (
    ref.startsWith('.') ||
    ref.startsWith('/') ||
    ref.startsWith('file:') ||
    /^[A-Za-z]:[\\/]/.test(ref) ||
    ref.startsWith('\\\\') ||
    MODULE_EXTENSION.test(ref)
  );
}

/** The package names tried for a reference, in order, and how the reference was read. */
export function adapterCandidates(ref: string): { source: Exclude<AdapterSource, 'path'>; packages: string[] } {
  const builtin = BUILTIN_ADAPTERS[ref];
  if (builtin !== undefined) return { source: 'short-name', packages: [builtin] };
  // `package:` forces an unscoped name to be taken literally instead of as a short name.
  if (ref.startsWith('package:')) return { source: 'package', packages: [ref.slice('package:'.length)] };
  if (ref.startsWith('@') || ref.includes('/') || ref.startsWith('sc-safety-adapter-'))
    return { source: 'package', packages: [ref] };
  return { source: 'short-name', packages: [`@sc-safety/adapter-${ref}`, `sc-safety-adapter-${ref}`] };
}

/** Where an adapter reference leads, found without importing (or running) anything. */
export interface LocatedAdapter {
  /** The package it comes from, or the absolute module path for `path` references. */
  packageName: string;
  source: AdapterSource;
  /** Absolute path of the module that importing it would run. */
  modulePath: string;
}

/**
 * Finds the module an adapter reference names, reading only package manifests: nothing is
 * imported, so nothing of it runs (what `run --dry-run` shows). Same rules as {@link resolveAdapter}.
 *
 * @throws AdapterResolutionError when it cannot be found.
 */
export function locateAdapter(ref: string, options: Omit<ResolveAdapterOptions, 'importer'>): LocatedAdapter {
  const trimmed = ref.trim();
  if (trimmed.length === 0) {
    throw new AdapterResolutionError(
      'adapter_not_found',
      'Adapter reference is empty: give a short name (e.g. "openai"), a package name, or a path.',
    );
  }
  if (isPathReference(trimmed)) {
    const file = trimmed.startsWith('file:') ? fileURLToPath(trimmed) : path.resolve(options.cwd, trimmed);
    if (!existsSync(file)) {
      throw new AdapterResolutionError(
        'adapter_not_found',
        `Adapter module "${trimmed}" not found: ${file} does not exist (paths are resolved against ${path.resolve(options.cwd)}).`,
      );
    }
    return { packageName: file, source: 'path', modulePath: file };
  }

  const { source, packages } = adapterCandidates(trimmed);
  for (const name of packages) {
    if (!isPackageName(name)) {
      throw new AdapterResolutionError(
        'adapter_not_found',
        `Adapter "${trimmed}" is not a valid package name ("${name}"). Give a short name such as "openai", a package name, or a path to the adapter module.`,
      );
    }
  }
  const searchFrom = [path.resolve(options.cwd), ...(options.fallbackPaths ?? [OWN_DIRECTORY])];
  const conditions = options.conditions ?? DEFAULT_CONDITIONS;
  for (const name of packages) {
    let found: ResolvedPackage | undefined;
    try {
      found = resolvePackage(name, searchFrom, conditions);
    } catch (error) {
      throw new AdapterResolutionError(
        'adapter_load_failed',
        `Adapter package "${name}" was found but cannot be loaded: ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    }
    if (found !== undefined) return { packageName: name, source, modulePath: found.file };
  }
  throw notFound(trimmed, packages, source, options.cwd);
}

/**
 * Turns an adapter reference from a run config into a checked adapter definition:
 * - a short name (`openai`, or any `x` → `@sc-safety/adapter-x`, then `sc-safety-adapter-x`);
 * - a package name (`@acme/sc-safety-adapter`, `package:my-adapter`), imported as-is;
 * - a path (starts with `.` or `/`, or ends in `.js`/`.mjs`/`.ts`), resolved against `cwd`.
 * Packages are looked up from `cwd` first, then from the fallback paths. The module must export the
 * definition as `default` or `adapter`; its contract version is checked before it is returned.
 * Importing the module runs its code with the user's rights: a config naming an adapter is code.
 */
export async function resolveAdapter(ref: string, options: ResolveAdapterOptions): Promise<ResolvedAdapter> {
  const located = locateAdapter(ref, options);
  const importer = options.importer ?? importModule;
  const label = located.source === 'path' ? located.modulePath : located.packageName;
  const definition = await importDefinition(located.modulePath, label, importer);
  assertAdapterDefinition(definition, label);
  return { definition, ...located };
}

async function importDefinition(
  file: string,
  label: string,
  importer: (url: string) => Promise<unknown>,
): Promise<unknown> {
  let mod: unknown;
  try {
    mod = await importer(pathToFileURL(file).href);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const hint = /\.[cm]?ts$/i.test(file)
      ? ' TypeScript adapter modules need a TypeScript-aware runtime (e.g. run through tsx) or a compiled .js file.'
      : '';
    throw new AdapterResolutionError(
      'adapter_load_failed',
      `Adapter "${label}" was found at ${file} but failed to load: ${reason}.${hint}`,
      {
        cause: error,
      },
    );
  }
  return pickExport(mod, label);
}

function looksLikeAdapter(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'create' in value;
}

function pickExport(mod: unknown, label: string): unknown {
  if (typeof mod !== 'object' || mod === null) return mod;
  const ns = mod as { default?: unknown; adapter?: unknown };
  let candidate = looksLikeAdapter(ns.default)
    ? ns.default
    : looksLikeAdapter(ns.adapter)
      ? ns.adapter
      : (ns.default ?? ns.adapter);
  // A CommonJS module compiled from `export default` arrives as { default: { default: definition } }.
  if (!looksLikeAdapter(candidate) && typeof candidate === 'object' && candidate !== null) {
    const inner = candidate as { default?: unknown; adapter?: unknown };
    if (looksLikeAdapter(inner.default)) candidate = inner.default;
    else if (looksLikeAdapter(inner.adapter)) candidate = inner.adapter;
  }
  if (candidate === undefined) {
    const names = Object.keys(ns);
    throw new AdapterResolutionError(
      'adapter_invalid_definition',
      `Adapter "${label}" has no adapter export: export the definition as \`default\` or as \`adapter\`` +
        `${names.length > 0 ? ` (found exports: ${names.join(', ')})` : ''}.`,
    );
  }
  return candidate;
}

function notFound(
  ref: string,
  packages: string[],
  source: Exclude<AdapterSource, 'path'>,
  cwd: string,
): AdapterResolutionError {
  const first = packages[0] ?? ref;
  const tried =
    packages.length > 1 ? `${packages.slice(0, -1).join(', ')} and ${packages[packages.length - 1] ?? ''}` : first;
  const install = `Install it with: pnpm add ${first} (or npm i ${first})`;
  const message =
    source === 'package'
      ? `Adapter package "${first}" not found. ${install}, or give a path to the adapter module.`
      : `Adapter "${ref}" not found: tried ${tried}. ${install}, or give a path to the adapter module.`;
  return new AdapterResolutionError(
    'adapter_not_found',
    `${message} (Looked in node_modules from ${path.resolve(cwd)} upward.)`,
  );
}
