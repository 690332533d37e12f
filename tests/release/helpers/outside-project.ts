import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { REPO_ROOT, run } from './packages.js';
import type { Tarball } from './packages.js';

/**
 * The environment for npm and the installed tools: this process's, minus what `pnpm test`
 * adds for its own scripts (lifecycle and package fields, the pnpm agent), so npm in the
 * temporary project behaves as in a vendor's shell.
 */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(npm_(lifecycle|package|execpath|node_execpath|command|config_user_agent)|pnpm_|PNPM_)/i.test(k)) continue;
    if (k === 'NODE_OPTIONS' || k === 'VITEST' || k.startsWith('VITEST_')) continue;
    env[k] = v;
  }
  return { ...env, NO_COLOR: '1', ...extra };
}

/** `file:` specs for every `@sc-safety/*` tarball: what `npm install` takes until 0.1.0 is on the registry. */
export function tarballSpecs(tarballs: readonly Tarball[]): Record<string, string> {
  return Object.fromEntries(tarballs.map((t) => [t.pkg.name, `file:${t.file}`]));
}

/**
 * Points a project's `@sc-safety/*` dependencies at the tarballs: direct ones replaced, every
 * other one (a dependency of a dependency) through npm `overrides`. Nothing else changes: the
 * rest comes from the npm registry.
 */
export async function useTarballs(
  projectDir: string,
  tarballs: readonly Tarball[],
  extraOverrides: Record<string, string> = {},
): Promise<void> {
  const file = path.join(projectDir, 'package.json');
  const pkg = JSON.parse(await readFile(file, 'utf8')) as Record<string, Record<string, string> | undefined>;
  const specs = tarballSpecs(tarballs);
  for (const field of ['dependencies', 'devDependencies'] as const) {
    for (const name of Object.keys(pkg[field] ?? {})) if (specs[name]) pkg[field]![name] = specs[name];
  }
  pkg.overrides = { ...specs, ...extraOverrides };
  await writeFile(file, JSON.stringify(pkg, null, 2) + '\n');
}

/**
 * `npm install` as a user would, from the npm cache where it can (`--prefer-offline`).
 * `omitOptional` leaves out optional dependencies: for the CLI, node-llama-cpp's GPU builds
 * (hundreds of MB, unused here). Not for projects with vitest: its bundler's native binding is one.
 */
export async function npmInstall(
  projectDir: string,
  args: readonly string[] = [],
  options: { ignoreScripts?: boolean; omitOptional?: boolean } = {},
): Promise<void> {
  const flags = [
    ...(options.omitOptional ? ['--omit=optional'] : []),
    ...(options.ignoreScripts ? ['--ignore-scripts'] : []),
  ];
  await run('npm', ['install', ...args, '--no-audit', '--no-fund', '--prefer-offline', ...flags], {
    cwd: projectDir,
    env: cleanEnv(),
    maxBuffer: 64 * 1024 * 1024,
  });
}

/** The better-sqlite3 the workspace built: its version and its compiled addon. */
export function workspaceSqlite(): { version: string; addon: string } {
  const require = createRequire(path.join(REPO_ROOT, 'packages/core/package.json'));
  const pkgFile = require.resolve('better-sqlite3/package.json');
  const version = (require(pkgFile) as { version: string }).version;
  return { version, addon: path.join(path.dirname(pkgFile), 'build/Release/better_sqlite3.node') };
}

/**
 * better-sqlite3 comes from the registry like every dependency, pinned to the workspace's version,
 * installed without its install script; its compiled addon is then copied from the workspace's
 * identical build. Why: its install script downloads a prebuilt binary from GitHub (no route
 * from these machines) and then compiles SQLite from source, several minutes per run.
 */
export async function provideSqliteAddon(projectDir: string): Promise<void> {
  const { addon } = workspaceSqlite();
  const target = path.join(projectDir, 'node_modules/better-sqlite3/build/Release');
  await mkdir(target, { recursive: true });
  await copyFile(addon, path.join(target, 'better_sqlite3.node'));
}
