// Copies the Acme example adapter (examples/adapter-acme) into template/adapter, the
// template `sc-safety adapter new` renames. One source: the example the repo tests is the
// code every scaffolded adapter starts from.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const cliDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const example = path.resolve(cliDir, '../../examples/adapter-acme');
// Outside dist/: the package's `files` leave tests out of dist/, and the template's tests must ship.
const target = path.join(cliDir, 'template/adapter');

rmSync(target, { recursive: true, force: true });
mkdirSync(target, { recursive: true });
cpSync(path.join(example, 'src'), path.join(target, 'src'), { recursive: true });
for (const file of ['tsconfig.json', 'tsconfig.build.json', 'vitest.config.ts'])
  cpSync(path.join(example, file), path.join(target, file));
// Only what a generated package.json takes from the example: its tool versions.
const pkg = JSON.parse(readFileSync(path.join(example, 'package.json'), 'utf8'));
const devDependencies = Object.fromEntries(
  Object.entries(pkg.devDependencies).filter(([name]) => !name.startsWith('@sc-safety/')),
);
writeFileSync(
  path.join(target, 'template.json'),
  JSON.stringify({ engines: pkg.engines, devDependencies }, null, 2) + '\n',
);
