import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** Conditions used when reading a package's `exports`, as Node's ESM loader would for `import`. */
export const DEFAULT_CONDITIONS: readonly string[] = ['node', 'import'];

/** A package found on disk and the file its entry point resolves to. */
export interface ResolvedPackage {
  /** The package's directory (inside some `node_modules`). */
  directory: string;
  /** Absolute path of the entry file. */
  file: string;
  /** `version` from its package.json, when present. */
  version: string | undefined;
}

/**
 * Splits a bare specifier into package name and subpath: `@acme/x/sub` → `@acme/x` + `./sub`.
 */
export function splitSpecifier(specifier: string): { name: string; subpath: string } {
  const parts = specifier.split('/');
  const nameLength = specifier.startsWith('@') ? 2 : 1;
  const name = parts.slice(0, nameLength).join('/');
  const rest = parts.slice(nameLength).join('/');
  return { name, subpath: rest.length === 0 ? '.' : `./${rest}` };
}

/** Whether a string is a syntactically valid npm package name (scoped or not). */
export function isPackageName(name: string): boolean {
  return /^(?:@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/i.test(name) && name.length <= 214;
}

/** Finds `node_modules/<name>` walking up from `fromDirectory`, like Node does. */
export function findPackageDirectory(name: string, fromDirectory: string): string | undefined {
  let dir = path.resolve(fromDirectory);
  for (;;) {
    if (path.basename(dir) !== 'node_modules') {
      const candidate = path.join(dir, 'node_modules', name);
      if (existsSync(path.join(candidate, 'package.json'))) return candidate;
    }
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * Resolves a bare specifier to a file the way Node's ESM loader does for `import` — but from any
 * directory, which `import()` cannot do (it always resolves from the calling module, and
 * `createRequire().resolve` misses ESM-only packages whose `exports` have no `require`/`default`).
 * Returns `undefined` when no directory in `fromDirectories` can see the package; throws when the
 * package exists but does not export the subpath or its entry file is missing.
 */
export function resolvePackage(
  specifier: string,
  fromDirectories: readonly string[],
  conditions: readonly string[] = DEFAULT_CONDITIONS,
): ResolvedPackage | undefined {
  const { name, subpath } = splitSpecifier(specifier);
  for (const from of fromDirectories) {
    const directory = findPackageDirectory(name, from);
    if (directory === undefined) continue;
    const manifest = readManifest(directory);
    const file = resolveEntry(directory, manifest, subpath, conditions);
    if (file === undefined) {
      throw new Error(
        `Package "${name}" at ${directory} does not export "${subpath}" for import (conditions: ${[...conditions, 'default'].join(', ')}).`,
      );
    }
    if (!isFile(file))
      throw new Error(`Package "${name}" at ${directory} points to ${file}, which does not exist. Is it built?`);
    return { directory, file, version: typeof manifest.version === 'string' ? manifest.version : undefined };
  }
  return undefined;
}

interface Manifest {
  version?: unknown;
  main?: unknown;
  exports?: unknown;
}

function readManifest(directory: string): Manifest {
  const text = readFileSync(path.join(directory, 'package.json'), 'utf8');
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Manifest) : {};
  } catch (error) {
    throw new Error(`Cannot read ${path.join(directory, 'package.json')}: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

function resolveEntry(
  directory: string,
  manifest: Manifest,
  subpath: string,
  conditions: readonly string[],
): string | undefined {
  if (manifest.exports !== undefined && manifest.exports !== null) {
    const target = resolveExports(manifest.exports, subpath, conditions);
    return target === undefined ? undefined : path.join(directory, target);
  }
  if (subpath !== '.') {
    const file = path.join(directory, subpath);
    return [file, `${file}.js`, path.join(file, 'index.js')].find(isFile) ?? file;
  }
  // Legacy packages without `exports`: Node's ESM loader tries main, main.js, main/index.js, index.js.
  const main =
    typeof manifest.main === 'string' && manifest.main.length > 0 ? path.join(directory, manifest.main) : undefined;
  const candidates = main === undefined ? [] : [main, `${main}.js`, path.join(main, 'index.js')];
  candidates.push(path.join(directory, 'index.js'));
  return candidates.find(isFile) ?? candidates[0];
}

function resolveExports(exports: unknown, subpath: string, conditions: readonly string[]): string | undefined {
  const isSubpathMap =
    typeof exports === 'object' &&
    exports !== null &&
    !Array.isArray(exports) &&
    Object.keys(exports).some((k) => k.startsWith('.'));
  if (!isSubpathMap) return subpath === '.' ? resolveTarget(exports, conditions, undefined) : undefined;
  const map = exports as Record<string, unknown>;
  if (Object.hasOwn(map, subpath) && !subpath.includes('*')) return resolveTarget(map[subpath], conditions, undefined);
  // Pattern keys ("./*"): the longest matching prefix wins, as in Node.
  let best: { key: string; match: string } | undefined;
  for (const key of Object.keys(map)) {
    const star = key.indexOf('*');
    if (star === -1) continue;
    const prefix = key.slice(0, star);
    const suffix = key.slice(star + 1);
    if (subpath.startsWith(prefix) && subpath.endsWith(suffix) && subpath.length >= key.length - 1) {
      if (best === undefined || prefix.length > best.key.indexOf('*')) {
        best = { key, match: subpath.slice(prefix.length, subpath.length - suffix.length) };
      }
    }
  }
  return best === undefined ? undefined : resolveTarget(map[best.key], conditions, best.match);
}

function resolveTarget(target: unknown, conditions: readonly string[], match: string | undefined): string | undefined {
  if (typeof target === 'string') {
    if (!target.startsWith('./')) return undefined;
    return match === undefined ? target : target.replaceAll('*', match);
  }
  if (Array.isArray(target)) {
    for (const item of target) {
      const resolved = resolveTarget(item, conditions, match);
      if (resolved !== undefined) return resolved;
    }
    return undefined;
  }
  if (typeof target === 'object' && target !== null) {
    for (const [condition, value] of Object.entries(target)) {
      if (condition !== 'default' && !conditions.includes(condition)) continue;
      const resolved = resolveTarget(value, conditions, match);
      if (resolved !== undefined) return resolved;
    }
  }
  return undefined;
}
