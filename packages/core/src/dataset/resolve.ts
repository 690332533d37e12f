import { readdir } from 'node:fs/promises';
import { basename, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The prefix that names a dataset shipped in this package's `data/` folder. */
export const BUILTIN_PREFIX = 'builtin:';
const BUILTIN_NAME = /^[a-z0-9][a-z0-9_-]*$/i;

/** Options shared by everything that turns a dataset reference into a file. */
export interface ResolveOptions {
  /** Where `builtin:NAME` datasets live; defaults to this package's `data/` folder. */
  builtinDir?: string;
  /** Base for relative paths; defaults to `process.cwd()`. */
  cwd?: string;
}

/** A dataset that ships with the package. */
export interface BuiltinDataset {
  name: string;
  /** `builtin:NAME`, usable wherever a path is. */
  ref: string;
  path: string;
}

/**
 * The package's `data/` folder. It sits at the package root, two levels above both
 * `src/dataset/resolve.ts` and `dist/dataset/resolve.js`, so one relative URL serves both.
 */
export function builtinDataDir(): string {
  return fileURLToPath(new URL('../../data/', import.meta.url));
}

/** Whether `ref` names a builtin dataset (`builtin:sample`). */
export function isBuiltinRef(ref: string): boolean {
  return ref.startsWith(BUILTIN_PREFIX);
}

/**
 * The absolute file a dataset reference points at: `builtin:NAME` → `<data dir>/NAME.jsonl`,
 * anything else is a path resolved against `cwd`. Does not check that the file exists.
 */
export function resolveDatasetPath(ref: string, options: ResolveOptions = {}): string {
  if (isBuiltinRef(ref)) {
    const name = ref.slice(BUILTIN_PREFIX.length);
    // The name becomes part of a path: refuse separators and dots so it cannot leave the folder.
    if (!BUILTIN_NAME.test(name)) {
      throw new TypeError(
        `invalid builtin dataset name "${name}"; use letters, digits, "-" and "_" (e.g. builtin:sample)`,
      );
    }
    return join(options.builtinDir ?? builtinDataDir(), `${name}.jsonl`);
  }
  return resolve(options.cwd ?? process.cwd(), ref);
}

/** The datasets shipped in the data folder, sorted by name (none if the folder is missing). */
export async function listBuiltinDatasets(options: Pick<ResolveOptions, 'builtinDir'> = {}): Promise<BuiltinDataset[]> {
  const dir = options.builtinDir ?? builtinDataDir();
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  return names
    .filter((f) => extname(f) === '.jsonl' && BUILTIN_NAME.test(basename(f, '.jsonl')))
    .sort()
    .map((f) => {
      const name = basename(f, '.jsonl');
      return { name, ref: `${BUILTIN_PREFIX}${name}`, path: join(dir, f) };
    });
}

/**
 * How a dataset file is named in messages: the path as the user typed it, or for a builtin the
 * path relative to the working directory when it lies below it (clickable in editors and
 * terminals), else the absolute path.
 */
export function displayName(ref: string, path: string, options: ResolveOptions = {}): string {
  if (!isBuiltinRef(ref)) return ref;
  const rel = relative(options.cwd ?? process.cwd(), path);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel) ? rel : path;
}

/**
 * The one message for a `builtin:NAME` that does not exist, listing the sets that do: every reader
 * of builtin sets (datasets, contrast sets, judge-check sets) says the same.
 */
export async function unknownBuiltinMessage(
  ref: string,
  options: Pick<ResolveOptions, 'builtinDir'> = {},
): Promise<string> {
  const known = (await listBuiltinDatasets(options)).map((d) => d.ref);
  return `no builtin dataset "${ref}"; ${known.length > 0 ? `available: ${known.join(', ')}` : 'no builtin datasets are installed'}`;
}
