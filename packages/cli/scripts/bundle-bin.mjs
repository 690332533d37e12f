// Bundles the CLI's program (src/start.ts → dist/cli.cjs) with esbuild, after tsc has emitted dist/
// (the library entry `dist/index.js`, the unbundled `dist/bin.js` and the types stay tsc's).
//
// Why: `sc-safety run` loaded about 500 ES and 120 CommonJS modules before its first request, and
// resolving, reading and compiling them one by one was most of its start-up (bench `first-request`:
// 2.5× the bare openai SDK script). One bundle of the CLI, core, results, spec, the bundled adapters
// and their pure-JS dependencies (commander, yaml, zod, openai) loads the same code from one file.
//
// Why CommonJS: the executable (bin/sc-safety.cjs, through bin/load-bundle.cjs) compiles the bundle
// with a V8 code cache, which Node 20 offers only for scripts (`vm.Script`'s `cachedData`), not for
// ES modules. A script has no lazy chunks: what a command does not use is still read, but the code
// cache spares compiling it, and esbuild runs each bundled module only when it is first imported.
// Two big dependencies that only some adapters use are bundles of their own, loaded (with their
// own code cache) when that adapter is: `undici` (adapter-http) and `@anthropic-ai/sdk`
// (dist/vendor/*.cjs). So are the two files of undici that adapter-utils' transport loads on its
// first call (dist/vendor/undici-parts.cjs). dist/bundle.json records each bundle's content hash,
// which names its cache.
//
// What is not bundled, and why:
// - `@sc-safety/report` (its page template and worker files sit beside its modules) and
//   `@sc-safety/adapter-local` (node-llama-cpp, native): imported from the installed packages.
// - `better-sqlite3` (native): required from the installed package that depends on it, as the
//   unbundled code does.
// Code that locates files from its own module (`import.meta.url`: core's data/, package.json files,
// the CLI's template/ and schema/) is given the URL of the module tsc emitted for the same source,
// in the installed package, so every path means what it meant before.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { asciiRegexLiterals } from './ascii-regex-literals.mjs';

const cliDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const repoDir = path.resolve(cliDir, '../..');
const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));
const cliManifest = readJson(path.join(cliDir, 'package.json'));

/** Imported from the installed packages, never bundled (see above). */
const EXTERNAL_PACKAGES = ['@sc-safety/report', '@sc-safety/adapter-local', 'node-llama-cpp'];
/** CommonJS packages with native parts, required from the installed package that imports them. */
const REQUIRED_FROM_OWNER = ['better-sqlite3'];
/** Dependencies bundled on their own (dist/vendor/<name>.cjs), by the workspace package that depends on them. */
const VENDOR_BUNDLES = { undici: '@sc-safety/adapter-http', '@anthropic-ai/sdk': '@sc-safety/adapter-anthropic' };
/** The undici files adapter-utils' transport loads on its first call (`UNDICI_PART_FILES`, src/undici-parts.ts). */
const UNDICI_PARTS = 'vendor/undici-parts';
/** Adapters the bundle carries; the CLI uses them in place of the identical installed version. */
const BUNDLED_ADAPTERS = ['@sc-safety/adapter-openai', '@sc-safety/adapter-anthropic', '@sc-safety/adapter-http'];

/** Every workspace package by name: its directory and manifest. */
const workspace = new Map();
for (const group of ['packages', 'apps']) {
  for (const entry of readdirSync(path.join(repoDir, group), { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const dir = path.join(repoDir, group, entry.name);
    try {
      const manifest = readJson(path.join(dir, 'package.json'));
      workspace.set(manifest.name, { dir, manifest });
    } catch {
      // Not a package.
    }
  }
}

/**
 * How to reach each workspace package from the CLI at run time: the package that depends on it,
 * first found walking the dependencies breadth-first from the CLI (pnpm installs are strict: a
 * package resolves only its own dependencies).
 */
const parentOf = { [cliManifest.name]: null };
for (const queue = [cliManifest.name]; queue.length > 0; ) {
  const name = queue.shift();
  for (const dep of Object.keys(workspace.get(name).manifest.dependencies ?? {})) {
    if (workspace.has(dep) && !(dep in parentOf)) {
      parentOf[dep] = name;
      queue.push(dep);
    }
  }
}

/** The workspace package holding a file, or undefined for files outside it (node_modules). */
function ownerOf(file) {
  if (file.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
  for (const [name, { dir }] of workspace) if (file.startsWith(dir + path.sep)) return name;
  return undefined;
}

const ENTRY = path.join(cliDir, 'src/start.ts');
const RUNTIME = 'sc-safety-bundle:runtime';
const runtimeSource = `
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
const PARENT = ${JSON.stringify(parentOf)};
const manifests = new Map();
/** The installed package.json of a workspace package, found through the package that depends on it. */
function manifestFile(name) {
  let file = manifests.get(name);
  if (file === undefined) {
    const parent = PARENT[name];
    // The CLI itself: this bundle is its dist/cli.cjs (resolving the CLI by its own name is one
    // package lookup more before the first request, 2-3 ms measured alone).
    if (parent === null) file = path.join(__dirname, '../package.json');
    else file = createRequire(parent === undefined ? import.meta.url : manifestFile(parent)).resolve(name + '/package.json');
    manifests.set(name, file);
  }
  return file;
}
/** The URL of a file of an installed workspace package (what import.meta.url was in that file). */
export function packageFileUrl(name, file) {
  return pathToFileURL(path.join(path.dirname(manifestFile(name)), file)).href;
}
/** require() as the installed workspace package would call it. */
export function packageRequire(name) {
  return createRequire(manifestFile(name));
}
/** The version of each adapter the bundle carries, as built. */
export const BUNDLED_ADAPTER_VERSIONS = ${JSON.stringify(
  Object.fromEntries(BUNDLED_ADAPTERS.map((name) => [name, workspace.get(name).manifest.version])),
)};
`;

/** @type {import('esbuild').Plugin} */
const workspacePlugin = {
  name: 'sc-safety-workspace',
  setup(b) {
    b.onResolve({ filter: /^sc-safety-bundle:runtime$/ }, () => ({ path: RUNTIME, namespace: 'sc-safety' }));
    b.onLoad({ filter: /.*/, namespace: 'sc-safety' }, ({ path: file, pluginData }) => {
      const [owner, id] = [JSON.stringify(pluginData?.owner), JSON.stringify(pluginData?.id)];
      return file === RUNTIME
        ? { contents: runtimeSource, loader: 'js', resolveDir: cliDir }
        : {
            // Required on first use, not when the bundle starts: better-sqlite3 (and the `bindings`
            // lookup of its native file) is only needed once the store opens, after the run's first
            // request (bench `first-request`). Its one use here is `new Database(…)`.
            contents: [
              `import { packageRequire } from ${JSON.stringify(RUNTIME)};`,
              'let loaded;',
              `const load = () => (loaded ??= packageRequire(${owner})(${id}));`,
              'export default new Proxy(function () {}, {',
              '  construct: (_, args) => Reflect.construct(load(), args),',
              '  apply: (_, self, args) => Reflect.apply(load(), self, args),',
              '  get: (_, key) => load()[key],',
              '});',
            ].join('\n'),
            loader: 'js',
            resolveDir: cliDir,
          };
    });
    const required = new RegExp(`^(?:${REQUIRED_FROM_OWNER.join('|')})$`);
    b.onResolve({ filter: required }, (args) => {
      const owner = ownerOf(args.importer);
      if (owner === undefined) return undefined;
      return { path: `${owner}:${args.path}`, namespace: 'sc-safety', pluginData: { owner, id: args.path } };
    });
    // Workspace sources that use import.meta.url get the URL of tsc's output for the same file, and
    // non-ASCII characters in their regular-expression literals are escaped (asciiRegexLiterals).
    b.onLoad({ filter: /\.ts$/ }, (args) => {
      const owner = ownerOf(args.path);
      if (owner === undefined) return undefined;
      const read = readFileSync(args.path, 'utf8');
      const source = asciiRegexLiterals(read, args.path);
      if (!source.includes('import.meta.url')) return source === read ? undefined : { contents: source, loader: 'ts' };
      const pkgDir = workspace.get(owner).dir;
      const emitted = path
        .relative(pkgDir, args.path)
        .replace(/^src[\\/]/, 'dist/')
        .replace(/\.ts$/, '.js')
        .split(path.sep)
        .join('/');
      const url = `__scPackageFileUrl(${JSON.stringify(owner)}, ${JSON.stringify(emitted)})`;
      return {
        // On the first line, so every other line keeps its number in the source map.
        contents: `import { packageFileUrl as __scPackageFileUrl } from ${JSON.stringify(RUNTIME)}; ${source.replace(/\bimport\.meta\.url\b/g, url)}`,
        loader: 'ts',
      };
    });
  },
};

/**
 * zod's namespaces (`z.locales`, `z.core.locales`) re-export every locale's error messages, about a
 * third of zod's code, which the bundle would otherwise compile before the first request. Nothing
 * here calls `z.config(z.locales.xx())`: zod's messages are its default, English (`schemas.js`
 * imports `locales/en.js` itself), so the index is narrowed to that one and every message stays the same.
 * @type {import('esbuild').Plugin}
 */
const zodEnglishOnlyPlugin = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) => {
      if (!/[\\/]node_modules[\\/]zod[\\/]v4[\\/](classic|core)$/.test(args.resolveDir)) return undefined;
      return { path: path.join(args.resolveDir, '../locales/en.js'), namespace: 'zod-locales' };
    });
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.path)};\n`,
      loader: 'js',
      resolveDir: path.dirname(args.path),
    }));
  },
};

/**
 * commander requires `node:child_process` when it loads, for subcommands that are programs of their
 * own, which this CLI has none of: about 6 ms of `sc-safety run`'s start-up (a CPU profile up to
 * its first request). The bundle gives commander a stand-in that requires the module on first use.
 * @type {import('esbuild').Plugin}
 */
const commanderLazyChildProcessPlugin = {
  name: 'commander-lazy-child-process',
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) => {
      if (!/[\\/]node_modules[\\/]commander[\\/]lib[\\/]command\.js$/.test(args.importer)) return undefined;
      return { path: 'child_process', namespace: 'commander-lazy-child-process' };
    });
    b.onLoad({ filter: /.*/, namespace: 'commander-lazy-child-process' }, () => ({
      contents: "module.exports = new Proxy({}, { get: (_, name) => require('node:child_process')[name] });\n",
      loader: 'js',
    }));
  },
};

/** In the program's bundle: the executable's loader, found beside it (`__dirname` is dist/). */
const REQUIRE_LOADER = "const bundles = require(require('node:path').join(__dirname, '../bin/load-bundle.cjs'));";

/** A vendor bundle's file name under dist/ (without `.cjs`). */
const vendorName = (pkg) => `vendor/${pkg.replace(/^@/, '').replace(/\//g, '-')}`;

/**
 * In the program's bundle, a vendor package is a module that loads its bundle on first import and
 * re-exports what it exports (the names are read from the built vendor bundle: esbuild needs them
 * to bind named imports). The bundle is found beside the program's (`__dirname` is dist/).
 * @param {Map<string, string[]>} exportNames
 * @returns {import('esbuild').Plugin}
 */
const vendorPlugin = (exportNames) => ({
  name: 'sc-safety-vendor',
  setup(b) {
    const filter = new RegExp(
      `^(?:${Object.keys(VENDOR_BUNDLES)
        .map((n) => n.replace(/[/.]/g, '\\$&'))
        .join('|')})$`,
    );
    b.onResolve({ filter }, (args) => ({ path: args.path, namespace: 'sc-safety-vendor' }));
    b.onLoad({ filter: /.*/, namespace: 'sc-safety-vendor' }, (args) => {
      const names = exportNames.get(args.path).filter((n) => /^[A-Za-z_$][\w$]*$/.test(n) && n !== 'default');
      return {
        contents: [
          REQUIRE_LOADER,
          `const m = bundles.loadDistBundle(${JSON.stringify(vendorName(args.path))});`,
          // An ES module's default export, else (CommonJS) its module.exports, as Node's import gives them.
          'export default m.__esModule ? m.default : m;',
          names.length > 0 ? `export const { ${names.join(', ')} } = m;` : '',
        ].join('\n'),
        loader: 'js',
        resolveDir: cliDir,
      };
    });
  },
});

/**
 * adapter-utils' `loadUndiciParts` requires two files of the installed undici, compiled from source
 * on the run's first call: about 17 ms before the first request (bench `first-request`, a CPU
 * profile). In the program's bundle its module is replaced by one that loads the vendor bundle of
 * the same files (built below from the same list), which has a code cache like every bundle.
 * @type {import('esbuild').Plugin}
 */
const undiciPartsPlugin = {
  name: 'sc-safety-undici-parts',
  setup(b) {
    const utilsSrc = path.join(workspace.get('@sc-safety/adapter-utils').dir, 'src');
    b.onResolve({ filter: /^\.\/undici-parts\.js$/ }, (args) =>
      path.dirname(args.importer) === utilsSrc
        ? { path: UNDICI_PARTS, namespace: 'sc-safety-undici-parts' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'sc-safety-undici-parts' }, () => ({
      contents: [
        REQUIRE_LOADER,
        `export const loadUndiciParts = () => bundles.loadDistBundle(${JSON.stringify(UNDICI_PARTS)});`,
      ].join('\n'),
      loader: 'js',
      resolveDir: cliDir,
    }));
  },
};

/** The executable's bundle loader (bin/load-bundle.cjs): the wrapper it compiles bundles in. */
const loader = createRequire(import.meta.url)(path.join(cliDir, 'bin/load-bundle.cjs'));

/**
 * Writes a built bundle inside the loader's function wrapper (`WRAPPER_HEAD` on its first line,
 * `WRAPPER_TAIL` at the end), so the loader compiles the file's text as read instead of copying
 * 1.6 MB once more into a wrapped string before the first request (bench `first-request`).
 * @param {string} file
 */
function wrapBundle(file) {
  const code = readFileSync(file, 'latin1');
  writeFileSync(file, `${loader.WRAPPER_HEAD}${code}${loader.WRAPPER_TAIL}`, 'latin1');
}

const outdir = path.join(cliDir, 'dist');
for (const stale of ['chunks', 'vendor', 'cli.cjs', 'cli.cjs.map', 'cli.cjs.LEGAL.txt', 'bundle.json'])
  rmSync(path.join(outdir, stale), { recursive: true, force: true });
/** Options every bundle shares. */
const common = {
  absWorkingDir: cliDir,
  outdir,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20.19',
  outExtension: { '.js': '.cjs' },
  sourcemap: true,
  minifyWhitespace: true,
  minifySyntax: true,
  // License comments (`/*! … */`) go to `<bundle>.LEGAL.txt` beside the bundle: kept, and out of the
  // code, whose one non-ASCII letter would make V8 read the whole bundle as two-byte text.
  legalComments: 'external',
  logLevel: 'warning',
};
const exportNames = new Map();
for (const [pkg, owner] of Object.entries(VENDOR_BUNDLES)) {
  await build({
    ...common,
    stdin: {
      // `import`, not `require`: a package with both builds gives its ES one, as the adapters import it.
      contents: `export * from ${JSON.stringify(pkg)}; export { default } from ${JSON.stringify(pkg)};`,
      resolveDir: workspace.get(owner).dir,
      sourcefile: `${pkg}.js`,
    },
    outfile: path.join(outdir, `${vendorName(pkg)}.cjs`),
    outdir: undefined,
    outExtension: undefined,
  });
  wrapBundle(path.join(outdir, `${vendorName(pkg)}.cjs`));
  exportNames.set(
    pkg,
    Object.keys(loader.loadBundle(path.join(outdir, `${vendorName(pkg)}.cjs`), { hash: '' }).exports),
  );
}
{
  const utils = workspace.get('@sc-safety/adapter-utils').dir;
  const { UNDICI_PART_FILES } = await import(pathToFileURL(path.join(utils, 'dist/undici-parts.js')).href);
  await build({
    ...common,
    stdin: {
      contents: `module.exports = { ${Object.entries(UNDICI_PART_FILES)
        .map(([name, file]) => `${name}: require(${JSON.stringify(file)})`)
        .join(', ')} };`,
      resolveDir: utils,
      sourcefile: 'undici-parts.js',
    },
    outfile: path.join(outdir, `${UNDICI_PARTS}.cjs`),
    outdir: undefined,
    outExtension: undefined,
  });
  wrapBundle(path.join(outdir, `${UNDICI_PARTS}.cjs`));
}
await build({
  ...common,
  entryPoints: { cli: ENTRY },
  // Workspace packages from their TypeScript sources (the condition their exports map them with).
  conditions: ['@sc-safety/source'],
  external: EXTERNAL_PACKAGES,
  // Code that asks for its own URL gets the bundle's (workspace sources get theirs: workspacePlugin).
  define: { 'import.meta.url': '__scBundleUrl' },
  banner: { js: "var __scBundleUrl = require('node:url').pathToFileURL(__filename).href;" },
  plugins: [
    workspacePlugin,
    zodEnglishOnlyPlugin,
    commanderLazyChildProcessPlugin,
    undiciPartsPlugin,
    vendorPlugin(exportNames),
  ],
});

wrapBundle(path.join(outdir, 'cli.cjs'));

/** Each bundle's content hash: bin/load-bundle.cjs names the bundle's code cache after it. */
const hashes = {};
for (const name of ['cli', UNDICI_PARTS, ...Object.keys(VENDOR_BUNDLES).map(vendorName)])
  hashes[name] = createHash('sha256')
    .update(readFileSync(path.join(outdir, `${name}.cjs`)))
    .digest('hex');
writeFileSync(path.join(outdir, 'bundle.json'), `${JSON.stringify(hashes, null, 2)}\n`);
