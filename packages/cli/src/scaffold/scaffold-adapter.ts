import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { adapterNames, AdapterNameError, renameVendor } from './adapter-names.js';
import { changesetConfig, changesetReadme, gitignore, packageJson, readme } from './adapter-package-files.js';
import { loadAdapterTemplate } from './adapter-template.js';

export interface ScaffoldAdapterOptions {
  /** The adapter's short name, e.g. `my-vendor`. */
  name: string;
  /** Where to write the package (default `sc-safety-adapter-<name>` in `cwd`). */
  dir?: string;
  /** The npm package name (default `sc-safety-adapter-<name>`, which run configs can also call `<name>`). */
  packageName?: string;
  cwd: string;
}

export interface ScaffoldAdapterResult {
  dir: string;
  packageName: string;
  /** Written files, relative to `dir`, sorted. */
  files: string[];
}

const PACKAGE_NAME = /^(?:@[a-z0-9][a-z0-9._-]*\/)?[a-z0-9][a-z0-9._-]*$/;

/**
 * Writes a new adapter package: the example adapter's sources renamed for `name`, a package.json,
 * README, tsconfig files and a changeset config. The package is assembled in a temporary sibling
 * directory and renamed into place, so a failure never leaves half a package behind; an existing
 * non-empty directory is refused, never overwritten.
 */
export function scaffoldAdapter(options: ScaffoldAdapterOptions): ScaffoldAdapterResult {
  const names = adapterNames(options.name);
  const packageName = options.packageName ?? `sc-safety-adapter-${names.kebab}`;
  if (!PACKAGE_NAME.test(packageName) || packageName.length > 214) {
    throw new AdapterNameError(
      `invalid package name ${JSON.stringify(packageName)}: use an npm name such as "@acme/sc-safety-adapter"`,
    );
  }
  const dir = path.resolve(options.cwd, options.dir ?? `sc-safety-adapter-${names.kebab}`);
  if (existsSync(dir) && (!statSync(dir).isDirectory() || readdirSync(dir).length > 0)) {
    throw new AdapterNameError(`${dir} already exists and is not empty: choose another directory with --dir`);
  }
  const template = loadAdapterTemplate();
  const pkg = { names, packageName, template };
  const files = new Map<string, string>([
    ['package.json', packageJson(pkg)],
    ['README.md', readme(pkg)],
    ['.gitignore', gitignore()],
    ['.changeset/config.json', changesetConfig()],
    ['.changeset/README.md', changesetReadme()],
  ]);
  for (const file of ['tsconfig.json', 'tsconfig.build.json', 'vitest.config.ts'])
    files.set(file, readFileSync(path.join(template.dir, file), 'utf8'));
  for (const file of listFiles(path.join(template.dir, 'src'))) {
    files.set(
      renameVendor(path.posix.join('src', file), names),
      renameVendor(readFileSync(path.join(template.dir, 'src', file), 'utf8'), names),
    );
  }

  const staging = `${dir}.tmp-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  try {
    for (const [file, text] of files) {
      mkdirSync(path.dirname(path.join(staging, file)), { recursive: true });
      writeFileSync(path.join(staging, file), text);
    }
    if (existsSync(dir)) rmSync(dir, { recursive: true }); // empty, checked above
    renameSync(staging, dir);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  return { dir, packageName, files: [...files.keys()].sort() };
}

/** Files under `dir`, relative, with `/` separators. */
function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const rel = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    return entry.isDirectory() ? listFiles(path.join(dir, entry.name), rel) : [rel];
  });
}
