// Loads the CLI's CommonJS bundles (dist/cli.cjs, dist/vendor/*.cjs: scripts/bundle-bin.mjs) with a
// V8 code cache. Shipped as written, like sc-safety.cjs.
//
// Why: before its first request, `sc-safety run` spent about a tenth of its start-up compiling the
// bundle's code (bench `first-request`), and Node 20 has no `module.enableCompileCache`. A
// `vm.Script` takes the code V8 compiled on an earlier run (`cachedData`), as v8-compile-cache does
// for CommonJS. The cache lives in the user's cache directory, one file per bundle, Node build and
// command, named after the bundle's content hash (written by the build into dist/bundle.json) and
// its size and mtime, so a rebuilt, edited or reinstalled bundle never meets an old cache. A cache
// V8 rejects (another V8, other flags), one that cannot be read, or one that cannot be written is
// ignored: the bundle compiles as it would without one, and the cache is written again (replacing
// the caches of other builds of that bundle, for the same Node and command).
//
// When a cache is written: at the process's first outgoing connection, else at exit. A cache holds
// the code compiled so far; one written at exit also holds all a run compiled after its first
// request (the store, the judge, the exports), which every later run would read and deserialize
// before its first request. Taken at the first connection it holds the start-up's code: the time
// from spawn to `sc-safety run`'s first request, the two alternating, 15 runs each, two sittings
// (bench/README.md, issue 19): 297.8 / 303.9 ms median against 307.6 / 322.4 ms, with 1.42 MB of
// cache instead of 1.74 MB. What runs later compiles as it is first called.
'use strict';

const { isAscii } = require('node:buffer');
const diagnostics = require('node:diagnostics_channel');
const { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } = require('node:fs');
const Module = require('node:module');
const os = require('node:os');
const path = require('node:path');
const vm = require('node:vm');

/**
 * Where the code caches go: `SC_SAFETY_CODE_CACHE_DIR` if set (`off` turns the cache off), else the
 * platform's user cache directory (XDG_CACHE_HOME or ~/.cache, ~/Library/Caches, %LOCALAPPDATA%).
 * @param {Record<string, string | undefined>} env
 * @returns {string | undefined}
 */
function codeCacheDir(env = process.env) {
  const own = env.SC_SAFETY_CODE_CACHE_DIR;
  if (own !== undefined && own !== '') return own === 'off' ? undefined : own;
  const home = os.homedir();
  let base;
  if (process.platform === 'win32') base = env.LOCALAPPDATA || (home && path.join(home, 'AppData', 'Local'));
  else if (process.platform === 'darwin') base = home && path.join(home, 'Library', 'Caches');
  else base = env.XDG_CACHE_HOME || (home && path.join(home, '.cache'));
  return base ? path.join(base, 'sc-safety', 'code-cache') : undefined;
}

/**
 * The `import()` the bundle's code uses (`IMPORT_HOOK` in `@sc-safety/core/import-module`): for
 * the report and for adapters outside the bundle. Node 20 cannot run an `import()` written in a
 * script compiled from a V8 code cache ("A dynamic import callback was not specified"), so the
 * bundle calls this function, compiled by Node's module loader like any module of ours; a bare
 * specifier resolves from this package, as it would from the bundle beside it.
 */
const IMPORT_HOOK = Symbol.for('sc-safety.import');
globalThis[IMPORT_HOOK] ??= (specifier) => import(specifier);

/**
 * How the build writes a bundle (scripts/bundle-bin.mjs): its code inside this function head, on
 * the same first line (so every line keeps its number: stack traces, source map), and `\n})` at
 * the end. The file is then the script to compile as it stands; a bundle without the head (a plain
 * CommonJS file) is wrapped here, which copies the whole text once more before V8 compiles it.
 */
const WRAPPER_HEAD = "(function (exports, require, module, __filename, __dirname) { 'use strict'; ";
const WRAPPER_TAIL = '\n})';

/** Bundles loaded without a usable cache: their caches are written by {@link writeCodeCaches}. */
const pending = [];
/** Node's channel for each client socket a process opens (`net.connect` and the like). */
const FIRST_CONNECTION = 'net.client.socket';
/** Whether pending caches wait for an outgoing connection (the next one after a bundle is loaded). */
let awaitingConnection = false;

/** Writes the pending caches once the first outgoing connection is under way (see the top). */
function onFirstConnection() {
  diagnostics.unsubscribe(FIRST_CONNECTION, onFirstConnection);
  awaitingConnection = false;
  // After the connect call has returned: the request is not held up by the writing.
  setImmediate(writeCodeCaches).unref();
}
/** What {@link loadBundle} returned for each file: a bundle runs once per process. */
const loaded = new Map();
/** The built bundles (dist/) and their content hashes (dist/bundle.json), and how to cache them. */
const DIST = path.join(__dirname, '../dist');
const settings = { cacheDir: undefined, variant: 'main', hashes: undefined };

/**
 * Runs a CommonJS bundle and returns its `module.exports`, compiled from the code cache when one
 * matches. A bundle is run once per process (later calls return the same exports).
 * @param {string} file the bundle
 * @param {{ hash: string, cacheDir?: string, variant?: string }} options `hash`: the bundle's content
 *   hash (dist/bundle.json); `cacheDir`: where caches live (none: no cache); `variant`: a name for
 *   the code path that fills the cache (the command), so each command keeps the code it runs.
 * @returns {{ exports: unknown, cache: 'used' | 'rejected' | 'missing' | 'off' }}
 */
function loadBundle(file, options) {
  const done = loaded.get(file);
  if (done !== undefined) return done;
  const bytes = readFileSync(file);
  // An all-ASCII file (the build escapes what esbuild leaves: scripts/bundle-bin.mjs) becomes a
  // one-byte string: read as latin1, the same text, in half the time and memory of UTF-8 decoding,
  // and V8 parses it faster. Anything else is read as UTF-8.
  const text = bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
  const source = text.startsWith(WRAPPER_HEAD) ? text : `${WRAPPER_HEAD}${text}${WRAPPER_TAIL}`;
  let cacheFile;
  let cachedData;
  if (options.cacheDir !== undefined) {
    const { size, mtimeMs } = statSync(file);
    const build = [options.hash.slice(0, 16), size, Math.trunc(mtimeMs)].join('-');
    const name = path.basename(file, '.cjs');
    const runtime = [process.version, process.arch, options.variant ?? 'main'].join('-');
    cacheFile = path.join(options.cacheDir, `${name}-${build}-${runtime}.bin`.replace(/[^\w.-]/g, '_'));
    try {
      cachedData = readFileSync(cacheFile);
    } catch {
      // No cache yet (or unreadable): compile from source.
    }
  }
  const script = new vm.Script(source, {
    filename: file,
    ...(cachedData ? { cachedData } : {}),
  });
  const cache =
    cacheFile === undefined
      ? 'off'
      : cachedData === undefined
        ? 'missing'
        : script.cachedDataRejected
          ? 'rejected'
          : 'used';
  if (cache === 'missing' || cache === 'rejected') {
    pending.push({ script, cacheFile });
    if (!awaitingConnection) {
      awaitingConnection = true;
      diagnostics.subscribe(FIRST_CONNECTION, onFirstConnection);
    }
  }
  const mod = { exports: {} };
  const result = { exports: mod.exports, cache };
  loaded.set(file, result);
  script.runInThisContext()(mod.exports, Module.createRequire(file), mod, file, path.dirname(file));
  result.exports = mod.exports;
  return result;
}
/**
 * Sets where {@link loadDistBundle} keeps code caches, and the variant (the command being run).
 * @param {{ cacheDir?: string, variant?: string }} options
 */
function configureCodeCache(options) {
  settings.cacheDir = options.cacheDir;
  settings.variant = options.variant ?? 'main';
}

/**
 * The exports of one of the CLI's built bundles: `cli` (the program) or `vendor/<package>` (a
 * dependency the program loads only when a command needs it).
 * @param {string} name
 */
function loadDistBundle(name) {
  settings.hashes ??= JSON.parse(readFileSync(path.join(DIST, 'bundle.json'), 'utf8'));
  const hash = settings.hashes[name];
  if (typeof hash !== 'string')
    throw new Error(`sc-safety: dist/bundle.json names no bundle "${name}"; rebuild the CLI`);
  const file = path.join(DIST, `${name}.cjs`);
  return loadBundle(file, { hash, cacheDir: settings.cacheDir, variant: settings.variant }).exports;
}

/**
 * Writes the code cache of every bundle loaded without a usable one, with the code compiled so far:
 * called at the first outgoing connection after such a bundle loads, and at exit (sc-safety.cjs) for
 * commands that open none. Each file is written to a temporary name and renamed, so a concurrent
 * run reads a whole cache or none. Failures are ignored: the cache only saves time.
 */
function writeCodeCaches() {
  for (const { script, cacheFile } of pending.splice(0)) {
    const temp = `${cacheFile}.${process.pid}.tmp`;
    try {
      const data = script.createCachedData();
      // Private to the user: V8 runs what a code cache holds.
      mkdirSync(path.dirname(cacheFile), { recursive: true, mode: 0o700 });
      writeFileSync(temp, data, { mode: 0o600 });
      renameSync(temp, cacheFile);
      removeOtherBuilds(cacheFile);
    } catch {
      try {
        unlinkSync(temp);
      } catch {
        // Nothing was written.
      }
    }
  }
}

/**
 * Deletes the caches of other builds of the same bundle for the same Node and command (an upgraded
 * or rebuilt CLI leaves them behind): `<name>-<hash>-<size>-<mtime>-<node>-<arch>-<variant>.bin`.
 * @param {string} cacheFile the cache just written
 */
function removeOtherBuilds(cacheFile) {
  const dir = path.dirname(cacheFile);
  const own = path.basename(cacheFile);
  const [, name, runtime] = /^(.+)-[0-9a-f]+-\d+-\d+-(v[^-]+-[^-]+-[^-]+)\.bin$/.exec(own) ?? [];
  if (name === undefined) return;
  for (const other of readdirSync(dir)) {
    if (other === own || !other.startsWith(`${name}-`) || !other.endsWith(`-${runtime}.bin`)) continue;
    if (!/^[0-9a-f]+-\d+-\d+$/.test(other.slice(name.length + 1, -(runtime.length + 5)))) continue;
    try {
      unlinkSync(path.join(dir, other));
    } catch {
      // Gone already (another run cleaned up), or not ours to delete.
    }
  }
}

module.exports = {
  WRAPPER_HEAD,
  WRAPPER_TAIL,
  codeCacheDir,
  configureCodeCache,
  loadBundle,
  loadDistBundle,
  writeCodeCaches,
};
