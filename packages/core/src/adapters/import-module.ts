/**
 * Where a host that runs core's code inside a `vm.Script` puts its own `import()`: the CLI, whose
 * bundle is compiled from a V8 code cache (`packages/cli/bin/load-bundle.cjs`). On Node 20 a script
 * compiled from cached data cannot run a dynamic `import()` written in it ("A dynamic import
 * callback was not specified"), so the CLI's loader installs a function compiled by Node's own
 * module loader under this key.
 */
export const IMPORT_HOOK = Symbol.for('sc-safety.import');

/**
 * `import(specifier)` for modules found at run time (adapters by path or package, the report):
 * through the host's {@link IMPORT_HOOK} when one is installed, else `direct()` (by default
 * `import(specifier)` from here). A caller importing a bare package name passes its own
 * `() => import('name')`, so that without a hook the name resolves from the caller's package; the
 * CLI's hook resolves from the CLI's package.
 */
export function importModule<T = unknown>(
  specifier: string,
  direct: () => Promise<T> = () => import(specifier) as Promise<T>,
): Promise<T> {
  const hook = (globalThis as Record<symbol, unknown>)[IMPORT_HOOK];
  return typeof hook === 'function' ? (hook as (s: string) => Promise<T>)(specifier) : direct();
}
