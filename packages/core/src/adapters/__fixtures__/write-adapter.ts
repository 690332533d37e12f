import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Source of an ES module exporting an adapter definition, for tests that write adapters to disk. */
export function adapterModuleSource(options: {
  name: string;
  version?: string;
  specificationVersion?: string;
  exportAs?: 'default' | 'adapter';
}): string {
  const def = `{
  name: ${JSON.stringify(options.name)},
  version: ${JSON.stringify(options.version ?? '1.0.0')},
  specificationVersion: ${JSON.stringify(options.specificationVersion ?? 'v1')},
  configSchema: { '~standard': { version: 1, vendor: 'test', validate: (value) => ({ value }) } },
  create() { throw new Error('not used in resolution tests'); },
}`;
  return options.exportAs === 'adapter' ? `export const adapter = ${def};\n` : `export default ${def};\n`;
}

/** Writes `node_modules/<name>` under `root` as an ESM-only package whose `exports` have only `import`. */
export function writeAdapterPackage(
  root: string,
  packageName: string,
  adapter: Parameters<typeof adapterModuleSource>[0],
): string {
  const dir = path.join(root, 'node_modules', ...packageName.split('/'));
  mkdirSync(path.join(dir, 'dist'), { recursive: true });
  writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({ name: packageName, version: adapter.version ?? '1.0.0', type: 'module', exports: { '.': { types: './dist/index.d.ts', import: './dist/index.js' } } }),
  );
  writeFileSync(path.join(dir, 'dist', 'index.js'), adapterModuleSource(adapter));
  return dir;
}
