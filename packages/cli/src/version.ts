import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * This package's version. package.json sits one level above both `src/version.ts` and
 * `dist/version.js`; reading it (instead of importing JSON) keeps it out of the emitted tree.
 */
export function cliVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: unknown };
  return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
}

/** Versions of the CLI and of every package it runs with (`sc-safety --version --json`). */
export interface VersionInfo {
  cli: string;
  core: string;
  spec: string;
  adapters: Record<string, string>;
  node: string;
}

const ADAPTER_PACKAGES = [
  '@sc-safety/adapter-openai',
  '@sc-safety/adapter-anthropic',
  '@sc-safety/adapter-http',
  '@sc-safety/adapter-local',
] as const;

/** The installed version of a package the CLI depends on (its package.json), or `unknown`. */
function installedVersion(name: string, from: string = import.meta.url): string {
  try {
    const file = createRequire(from).resolve(`${name}/package.json`);
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : 'unknown';
  } catch {
    return 'unknown';
  }
}

function specVersion(): string {
  try {
    return installedVersion('@sc-safety/spec', createRequire(import.meta.url).resolve('@sc-safety/core/package.json'));
  } catch {
    return 'unknown';
  }
}

/** Every version, read from package.json files only: nothing is imported, so it stays fast. */
export async function versionInfo(): Promise<VersionInfo> {
  const adapters: Record<string, string> = {};
  for (const name of ADAPTER_PACKAGES) adapters[name] = installedVersion(name);
  return {
    cli: cliVersion(),
    core: installedVersion('@sc-safety/core'),
    // The contract version the engine implements: core's own dependency.
    spec: specVersion(),
    adapters,
    node: process.versions.node,
  };
}
