import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** What a new adapter is generated from. */
export interface AdapterTemplate {
  /** Holds `src/` and the tsconfig files of the example adapter. */
  dir: string;
  /** The example's tool versions (typescript, vitest, @types/node). */
  devDependencies: Record<string, string>;
  engines: Record<string, string>;
  /** The installed `@sc-safety/spec`, `@sc-safety/adapter-utils` and `@sc-safety/testkit` versions, for `^` ranges. */
  specVersion: string;
  adapterUtilsVersion: string;
  testkitVersion: string;
}

interface PackageJson {
  version: string;
  engines?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

/**
 * Finds the template: `template/adapter` in a built or installed CLI (copied there from
 * examples/adapter-acme by scripts/copy-adapter-template.mjs), else the example itself when the
 * CLI runs from its sources in the repository (tests).
 */
export function loadAdapterTemplate(): AdapterTemplate {
  const built = fileURLToPath(new URL('../../template/adapter/', import.meta.url));
  const example = fileURLToPath(new URL('../../../../examples/adapter-acme/', import.meta.url));
  let dir: string;
  let tools: { engines?: Record<string, string>; devDependencies?: Record<string, string> };
  if (existsSync(path.join(built, 'template.json'))) {
    dir = built;
    tools = readJson(path.join(built, 'template.json'));
  } else if (existsSync(path.join(example, 'package.json'))) {
    dir = example;
    tools = readJson<PackageJson>(path.join(example, 'package.json'));
  } else {
    throw new Error(`the adapter template is missing from ${built}: reinstall @sc-safety/cli`);
  }
  const require = createRequire(import.meta.url);
  const testkitFile = require.resolve('@sc-safety/testkit/package.json');
  // The testkit depends on both: the versions it was released with are the ones that go together.
  const specFile = createRequire(testkitFile).resolve('@sc-safety/spec/package.json');
  const adapterUtilsFile = createRequire(testkitFile).resolve('@sc-safety/adapter-utils/package.json');
  return {
    dir,
    devDependencies: Object.fromEntries(
      Object.entries(tools.devDependencies ?? {}).filter(([name]) => !name.startsWith('@sc-safety/')),
    ),
    engines: tools.engines ?? { node: '>=20.19' },
    specVersion: readJson<PackageJson>(specFile).version,
    adapterUtilsVersion: readJson<PackageJson>(adapterUtilsFile).version,
    testkitVersion: readJson<PackageJson>(testkitFile).version,
  };
}
