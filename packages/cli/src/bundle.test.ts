// The CLI's bundles as the build writes them (scripts/bundle-bin.mjs): all ASCII, so the
// executable's loader reads them as latin1 (bin/load-bundle.cjs), with their regular expressions
// meaning what their sources say, and already inside the loader's function wrapper.
import { isAscii } from 'node:buffer';
import { existsSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));
const BUNDLE = path.join(here, '../dist/cli.cjs');
// A build script in JavaScript: imported by path, so TypeScript does not look for its types.
const ESCAPER = path.join(here, '../scripts/ascii-regex-literals.mjs');

async function asciiRegexLiterals(source: string): Promise<string> {
  const module = (await import(ESCAPER)) as { asciiRegexLiterals: (source: string, file: string) => string };
  return module.asciiRegexLiterals(source, 'example.ts');
}

/** The regular expression a literal's text makes. */
const regex = (literal: string) => new Function(`return ${literal};`)() as RegExp;

describe('asciiRegexLiterals', () => {
  it('escapes non-ASCII characters in regular expressions only, line by line', async () => {
    const source = [
      'const a = /(?:我|作为(?:一个)?)[^。！？\\n]{0,10}/;',
      "const b = '中文';",
      'const c = x / 2 / y; // 除法',
      'const d = /[😀]/u;',
      'const e = `模板 ${/是/.source}`;',
    ].join('\n');
    expect((await asciiRegexLiterals(source)).split('\n')).toEqual([
      'const a = /(?:\\u6211|\\u4f5c\\u4e3a(?:\\u4e00\\u4e2a)?)[^\\u3002\\uff01\\uff1f\\n]{0,10}/;',
      "const b = '中文';",
      'const c = x / 2 / y; // 除法',
      'const d = /[\\ud83d\\ude00]/u;',
      'const e = `模板 ${/\\u662f/.source}`;',
    ]);
  });

  it('keeps what each pattern matches, with and without the u flag', async () => {
    const cases: Array<[string, string[]]> = [
      [
        '/^(?:我|作为(?:一个)?AI)[^。！？]{0,3}(?:不能|无法)/',
        ['我不能', '作为一个AI，我无法', '作为AI不能', '他不能', '我。不能'],
      ],
      ['/^类别：(.*) \\[([^\\]\\n]*)\\]$/m', ['类别：传统安全 [a]', '类别:传统安全 [a]']],
      ['/^[😀]$/u', ['😀', '\ud83d', '\ude00']],
      ['/^[😀]$/', ['😀', '\ud83d', '\ude00']],
      ['/(\\d+)(ms|µs)/', ['5µs', '5us']],
    ];
    for (const [literal, inputs] of cases) {
      const escaped = await asciiRegexLiterals(literal);
      expect(isAscii(Buffer.from(escaped)), escaped).toBe(true);
      for (const input of inputs)
        expect([literal, input, regex(escaped).exec(input)?.[0]]).toEqual([
          literal,
          input,
          regex(literal).exec(input)?.[0],
        ]);
    }
  });
});

const DIST = path.dirname(BUNDLE);
const LOADER = path.join(here, '../bin/load-bundle.cjs');
/** Every bundle the build wrote, by name (dist/bundle.json: the program and its vendor bundles). */
function builtBundles(): string[] {
  const manifest = path.join(DIST, 'bundle.json');
  expect(existsSync(manifest), `${manifest} is missing: run pnpm build`).toBe(true);
  return Object.keys(JSON.parse(readFileSync(manifest, 'utf8')) as Record<string, string>);
}

/**
 * Runs `code` in a new Node process with the executable's loader as `loader`, and returns what it
 * passed to `print`. Not in this process: the loader sets a global import hook
 * (bin/load-bundle.cjs) that the other tests of this worker must not inherit.
 */
function inLoaderProcess<T = unknown>(code: string): T {
  const script = `const loader = require(${JSON.stringify(LOADER)}); const print = (v) => console.log(JSON.stringify(v)); ${code}`;
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as T;
}

describe('the built bundles', () => {
  it('are all ASCII', () => {
    const names = builtBundles();
    expect(names).toEqual(expect.arrayContaining(['cli', 'vendor/undici-parts', 'vendor/undici']));
    for (const name of names) {
      const bytes = readFileSync(path.join(DIST, `${name}.cjs`));
      const offending = bytes.toString('utf8').match(/.{0,40}[\u0080-\uffff]/)?.[0];
      expect(offending, `${name}: a non-ASCII character the build did not escape`).toBeUndefined();
      expect(isAscii(bytes), name).toBe(true);
    }
  });

  it("are written inside the loader's function wrapper, to be compiled as read", () => {
    const { WRAPPER_HEAD, WRAPPER_TAIL } = inLoaderProcess<Record<string, string>>(
      'const { WRAPPER_HEAD, WRAPPER_TAIL } = loader; print({ WRAPPER_HEAD, WRAPPER_TAIL });',
    );
    for (const name of builtBundles()) {
      const text = readFileSync(path.join(DIST, `${name}.cjs`), 'latin1');
      expect(text.startsWith(WRAPPER_HEAD!), name).toBe(true);
      expect(text.endsWith(WRAPPER_TAIL!), name).toBe(true);
    }
  });

  it("keep the vendor bundles' license comments in a file beside them", () => {
    const legal = path.join(DIST, 'vendor/undici.cjs.LEGAL.txt');
    expect(existsSync(legal), legal).toBe(true);
    expect(readFileSync(legal, 'utf8')).toMatch(/MIT License/);
  });

  it("carry undici's agent and request API as a bundle of their own, not required from node_modules", () => {
    const program = readFileSync(BUNDLE, 'utf8');
    expect(program).not.toMatch(/undici\/lib\//);
    expect(program).toContain('loadDistBundle("vendor/undici-parts")');
    const parts = inLoaderProcess(`
      const { exports } = loader.loadBundle(${JSON.stringify(path.join(DIST, 'vendor/undici-parts.cjs'))}, { hash: '' });
      const agent = new exports.Agent();
      print({ names: Object.keys(exports).sort(), request: typeof exports.request, dispatch: typeof agent.dispatch });
      agent.close();`);
    expect(parts).toEqual({ names: ['Agent', 'request'], request: 'function', dispatch: 'function' });
  });
});
