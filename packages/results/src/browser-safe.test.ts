import { readFileSync, readdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The web report bundles this package for the browser: its shipped code may import only its own
// files and the contract's types, and may use no Node global.
const SRC = path.dirname(fileURLToPath(import.meta.url));
const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const NODE_GLOBALS = /\b(process|Buffer|__dirname|__filename|require)\s*[.([]/;

function shippedFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const file = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === '__fixtures__' ? [] : shippedFiles(file);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [file] : [];
  });
}

/** Every module specifier a file imports or re-exports, static or dynamic. */
function specifiersOf(source: string): string[] {
  const found: string[] = [];
  for (const m of source.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'";]*?\bfrom\s*['"]([^'"]+)['"]/g))
    found.push(m[1]!);
  for (const m of source.matchAll(/(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g)) found.push(m[1]!);
  for (const m of source.matchAll(/\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push(m[1]!);
  return found;
}

/** Why a file is not browser-safe, or [] when it is. */
function browserProblems(source: string): string[] {
  const problems: string[] = [];
  for (const spec of specifiersOf(source)) {
    if (NODE_BUILTINS.has(spec)) problems.push(`imports the Node built-in ${spec}`);
    else if (!spec.startsWith('.') && spec !== '@sc-safety/spec')
      problems.push(`imports ${spec} (only relative files and @sc-safety/spec)`);
  }
  const code = source.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, '');
  const global = NODE_GLOBALS.exec(code);
  if (global) problems.push(`uses the Node global ${global[1]}`);
  return problems;
}

describe('@sc-safety/results is browser-safe', () => {
  it('its shipped files import no Node built-in, no package but the contract, and use no Node global', () => {
    const files = shippedFiles(SRC);
    expect(files.length).toBeGreaterThan(20);
    const problems = files.flatMap((f) =>
      browserProblems(readFileSync(f, 'utf8')).map((p) => `${path.relative(SRC, f)}: ${p}`),
    );
    expect(problems).toEqual([]);
  });

  it('the check has teeth: it flags Node imports, other packages and Node globals', () => {
    expect(browserProblems("import { readFileSync } from 'node:fs';")).toEqual(['imports the Node built-in node:fs']);
    expect(browserProblems("import path from 'path';")).toEqual(['imports the Node built-in path']);
    expect(browserProblems("export { x } from '@sc-safety/core';")).toEqual([
      'imports @sc-safety/core (only relative files and @sc-safety/spec)',
    ]);
    expect(browserProblems("const m = await import('node:crypto');")).toEqual([
      'imports the Node built-in node:crypto',
    ]);
    expect(browserProblems('const cwd = process.cwd();')).toEqual(['uses the Node global process']);
    expect(
      browserProblems("import type { BlockStage } from '@sc-safety/spec';\n// process.env is not read here"),
    ).toEqual([]);
  });

  it('depends on the contract only', () => {
    const pkg = JSON.parse(readFileSync(path.join(SRC, '../package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
    };
    expect(Object.keys(pkg.dependencies ?? {})).toEqual(['@sc-safety/spec']);
  });
});
