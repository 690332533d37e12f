import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const srcRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const RELATIVE_IMPORT = /from\s+'(\.{1,2}\/[^']+)\.js'/g;

/**
 * Transpiles `entry` (a path under packages/core/src) and every module it reaches through relative
 * imports into `outDir`, keeping the layout, and links `better-sqlite3` beside them, so a plain
 * `node` child process can import the real store code. Node 20 cannot run TypeScript itself and
 * the workspace has no TS loader; a stale `dist/` would test old code.
 * Returns the path of the compiled entry.
 */
export function compileForChild(entry: string, outDir: string): string {
  const pending = [path.resolve(srcRoot, entry)];
  const done = new Set<string>();
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (done.has(file)) continue;
    done.add(file);
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(RELATIVE_IMPORT)) pending.push(path.resolve(path.dirname(file), `${match[1]}.ts`));
    const { outputText } = ts.transpileModule(source, {
      fileName: file,
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true, esModuleInterop: true },
    });
    const out = path.join(outDir, path.relative(srcRoot, file)).replace(/\.ts$/, '.js');
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, outputText);
  }
  // Bare imports resolve through node_modules next to the compiled files.
  const require = createRequire(path.join(srcRoot, 'index.ts'));
  const sqliteDir = path.dirname(require.resolve('better-sqlite3/package.json'));
  mkdirSync(path.join(outDir, 'node_modules'), { recursive: true });
  symlinkSync(sqliteDir, path.join(outDir, 'node_modules', 'better-sqlite3'), 'dir');
  writeFileSync(path.join(outDir, 'package.json'), JSON.stringify({ type: 'module' }));
  return path.join(outDir, path.relative(srcRoot, path.resolve(srcRoot, entry))).replace(/\.ts$/, '.js');
}
