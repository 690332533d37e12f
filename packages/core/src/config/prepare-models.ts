import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AdapterDefinitionV1 } from '@sc-safety/spec';
import { AdapterConfigError } from '../adapters/adapter-errors.js';
import { assertAdapterDefinition } from '../adapters/check-adapter.js';
import {
  isPathReference,
  locateAdapter,
  resolveAdapter,
  type AdapterSource,
  type ResolvedAdapter,
} from '../adapters/resolve-adapter.js';
import { displayPath } from './display-path.js';
import { RunConfigError, type RunConfigProblem } from './run-config-error.js';
import { redactSecrets } from './secret-fields.js';
import type { ModelEntry, RunConfig } from './types.js';
import { validateAdapterConfig } from './validate-adapter-config.js';
import { adapterConfigOf, type ModelRole } from './model-fields.js';

/** A model entry with its adapter loaded and its adapter-specific part validated. */
export interface PreparedModel {
  role: ModelRole;
  /** Where the entry sits in the config: `models[0]`, `judge`, `judges[1]`. */
  path: string;
  entry: ModelEntry;
  definition: AdapterDefinitionV1;
  /** The adapter package, or the absolute module path for a path reference. */
  packageName: string;
  /** What the adapter's `configSchema` returned; pass it to `definition.create`. */
  adapterConfig: unknown;
}

export interface PreparedModels {
  targets: PreparedModel[];
  /** The single judge, the panel in config order, or empty when the config has no judge. */
  judges: PreparedModel[];
  /** The adaptive follow-ups' attacker (`followups.attacker`), when the run has one. */
  attacker?: PreparedModel;
}

export interface PrepareModelsOptions {
  /**
   * The user's project directory: adapter packages are looked up in its `node_modules` first,
   * then from the config's directory, then beside the engine. Default: the config's `baseDir`.
   * Path references are always relative to the config's `baseDir`.
   */
  cwd?: string;
  /** Secret values to keep out of messages (from `loadRunConfig`). */
  secrets?: readonly string[];
  /**
   * Adapter definitions by reference, used before anything is looked up on disk (tests,
   * embedding). They are checked like any imported definition.
   */
  adapters?: Readonly<Record<string, unknown>>;
  /** Imports a module given its file URL (default: dynamic `import()`). */
  importer?: (url: string) => Promise<unknown>;
  /**
   * More directories whose `node_modules` are searched for adapter packages, after `cwd` and the
   * config's directory and before the engine's own location (e.g. a CLI's plugin folder).
   */
  searchDirs?: readonly string[];
  /**
   * Prepare only these target ids (e.g. from `--models`); judges are always prepared. Problem
   * paths keep each entry's index in the file.
   */
  only?: readonly string[];
}

const OWN_DIRECTORY = path.dirname(fileURLToPath(import.meta.url));

/** Every entry of a config that names a model, with its config path. */
export function listModelEntries(config: RunConfig): { role: ModelRole; path: string; entry: ModelEntry }[] {
  const list: { role: ModelRole; path: string; entry: ModelEntry }[] = config.models.map((entry, i) => ({
    role: 'target',
    path: `models[${i}]`,
    entry,
  }));
  if (config.judge !== undefined) list.push({ role: 'judge', path: 'judge', entry: config.judge });
  config.judges?.forEach((entry, i) => list.push({ role: 'judge', path: `judges[${i}]`, entry }));
  if (config.followups !== undefined)
    list.push({ role: 'attacker', path: 'followups.attacker', entry: config.followups.attacker });
  return list;
}

/**
 * Loads the adapter of every target and judge and validates the adapter-specific part of each
 * entry (see `adapterConfigOf`) with the adapter's `configSchema`. Problems are reported with the
 * entry's path (`models[1].temperature: …`, `judge.adapter: …`), all at once.
 *
 * @throws RunConfigError listing every problem; secret values never appear in it.
 */
export async function prepareModels(config: RunConfig, options: PrepareModelsOptions = {}): Promise<PreparedModels> {
  const only = options.only === undefined ? undefined : new Set(options.only);
  const entries = listModelEntries(config).filter(
    (e) => e.role !== 'target' || only === undefined || only.has(e.entry.id),
  );
  const prepared = await prepareModelEntries(entries, config, options);
  const attacker = prepared.find((p) => p.role === 'attacker');
  return {
    targets: prepared.filter((p) => p.role === 'target'),
    judges: prepared.filter((p) => p.role === 'judge'),
    ...(attacker ? { attacker } : {}),
  };
}

/**
 * {@link prepareModels} for any list of entries (e.g. an `attacker:` entry of a follow-ups
 * config): loads each adapter and validates each entry's adapter part. `context.baseDir` resolves
 * path references; `context.file` names the config in errors.
 *
 * @throws RunConfigError listing every problem; secret values never appear in it.
 */
export async function prepareModelEntries(
  entries: ReadonlyArray<{ role: ModelRole; path: string; entry: ModelEntry }>,
  context: { baseDir: string; file?: string },
  options: PrepareModelsOptions = {},
): Promise<PreparedModel[]> {
  const cwd = options.cwd ?? context.baseDir;
  const cache = new Map<string, Promise<{ definition: AdapterDefinitionV1; packageName: string }>>();
  const load = (ref: string): Promise<{ definition: AdapterDefinitionV1; packageName: string }> => {
    let pending = cache.get(ref);
    if (pending === undefined) {
      pending = loadAdapter(ref, context.baseDir, cwd, options);
      cache.set(ref, pending);
    }
    return pending;
  };

  const problems: RunConfigProblem[] = [];
  const settled = await Promise.all(
    entries.map(async ({ role, path: at, entry }): Promise<PreparedModel | undefined> => {
      let loaded: { definition: AdapterDefinitionV1; packageName: string };
      try {
        loaded = await load(entry.adapter);
      } catch (error) {
        problems.push({ path: `${at}.adapter`, message: messageOf(error) });
        return undefined;
      }
      try {
        const adapterConfig = await validateAdapterConfig(loaded.definition, adapterConfigOf(entry), { path: at });
        return { role, path: at, entry, definition: loaded.definition, packageName: loaded.packageName, adapterConfig };
      } catch (error) {
        if (error instanceof AdapterConfigError) problems.push(...error.problems);
        else problems.push({ path: at, message: messageOf(error) });
        return undefined;
      }
    }),
  );

  if (problems.length > 0) {
    const order = new Map(entries.map((e, i) => [e.path, i]));
    const entryIndex = (p: RunConfigProblem): number => order.get(/^[^.]*/.exec(p.path)?.[0] ?? '') ?? entries.length;
    const secrets = options.secrets ?? [];
    const safe = problems
      .map((p, i) => ({ p: { ...p, message: redactSecrets(p.message, secrets) }, i }))
      .sort((a, b) => entryIndex(a.p) - entryIndex(b.p) || a.i - b.i)
      .map(({ p }) => p);
    throw new RunConfigError(
      safe,
      context.file === undefined ? {} : { file: displayPath(context.file, options.cwd ?? process.cwd()) },
    );
  }
  return settled.filter((p): p is PreparedModel => p !== undefined);
}

/** Where `resolveAdapter` looks for a reference: path references from the config's directory, packages from `cwd` then the fallbacks. */
function searchOptions(
  ref: string,
  baseDir: string,
  cwd: string,
  options: PrepareModelsOptions,
): { cwd: string; fallbackPaths?: string[] } {
  if (isPathReference(ref)) return { cwd: baseDir };
  const fallbackPaths = [...new Set([baseDir, ...(options.searchDirs ?? []), OWN_DIRECTORY])].filter(
    (dir) => dir !== cwd,
  );
  return { cwd, fallbackPaths };
}

async function loadAdapter(
  ref: string,
  baseDir: string,
  cwd: string,
  options: PrepareModelsOptions,
): Promise<{ definition: AdapterDefinitionV1; packageName: string }> {
  if (options.adapters !== undefined && Object.hasOwn(options.adapters, ref)) {
    const definition = options.adapters[ref];
    assertAdapterDefinition(definition, ref);
    return { definition, packageName: ref };
  }
  const importer = options.importer === undefined ? {} : { importer: options.importer };
  const resolved: ResolvedAdapter = await resolveAdapter(ref, {
    ...searchOptions(ref, baseDir, cwd, options),
    ...importer,
  });
  // resolveAdapter has already run assertAdapterDefinition on what it imported.
  return { definition: resolved.definition, packageName: resolved.packageName };
}

/** One adapter module a run would load, found without loading it. */
export interface AdapterModulePlan {
  /** Where the entry sits in the config: `models[0]`, `judge`, `judges[1]`. */
  path: string;
  /** The entry's id. */
  id: string;
  /** The `adapter` value as written. */
  ref: string;
  /** How the reference was read; `provided` for a definition passed in by the embedding program. */
  source: AdapterSource | 'provided';
  /** The package, or the module path for a path reference. */
  packageName: string;
  /** The file importing it would run; undefined for a provided definition (nothing is loaded). */
  modulePath?: string;
}

/**
 * The adapter modules {@link prepareModels} would import for `config`, and from where, without
 * importing any: an adapter module is code that runs with the user's rights, so `run --dry-run`
 * shows this list and stops.
 *
 * @throws RunConfigError listing every reference that leads nowhere.
 */
export function locateModelAdapters(config: RunConfig, options: PrepareModelsOptions = {}): AdapterModulePlan[] {
  const cwd = options.cwd ?? config.baseDir;
  const only = options.only === undefined ? undefined : new Set(options.only);
  const problems: RunConfigProblem[] = [];
  const plans: AdapterModulePlan[] = [];
  for (const { role, path: at, entry } of listModelEntries(config)) {
    if (role === 'target' && only !== undefined && !only.has(entry.id)) continue;
    const ref = entry.adapter;
    if (options.adapters !== undefined && Object.hasOwn(options.adapters, ref)) {
      plans.push({ path: at, id: entry.id, ref, source: 'provided', packageName: ref });
      continue;
    }
    try {
      const located = locateAdapter(ref, searchOptions(ref, config.baseDir, cwd, options));
      plans.push({
        path: at,
        id: entry.id,
        ref,
        source: located.source,
        packageName: located.packageName,
        modulePath: located.modulePath,
      });
    } catch (error) {
      problems.push({ path: `${at}.adapter`, message: redactSecrets(messageOf(error), options.secrets ?? []) });
    }
  }
  if (problems.length > 0) {
    throw new RunConfigError(
      problems,
      config.file === undefined ? {} : { file: displayPath(config.file, options.cwd ?? process.cwd()) },
    );
  }
  return plans;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
