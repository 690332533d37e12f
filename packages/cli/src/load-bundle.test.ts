// Tests of bin/load-bundle.cjs (the executable's bundle loader, shipped as written beside
// bin/sc-safety.cjs). Each load runs in a fresh process, as the executable does: a bundle runs once
// per process, and its code cache is written at exit.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const LOADER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../bin/load-bundle.cjs');

/** Loads `file` in a new Node process with the loader, writes its caches, and prints what it got. */
function load(file: string, options: { hash?: string; cacheDir?: string; variant?: string }) {
  const script = `
    const { loadBundle, writeCodeCaches } = require(${JSON.stringify(LOADER)});
    const r = loadBundle(${JSON.stringify(file)}, ${JSON.stringify({ hash: 'f00d', ...options })});
    writeCodeCaches();
    console.log(JSON.stringify({ cache: r.cache, exports: r.exports }));`;
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as { cache: string; exports: Record<string, unknown> };
}

describe('load-bundle.cjs', () => {
  let dir: string;
  let bundle: string;
  let cacheDir: string;
  const cacheFiles = () => readdirSync(cacheDir).sort();

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'sc-safety-load-bundle-'));
    bundle = path.join(dir, 'cli.cjs');
    cacheDir = path.join(dir, 'cache');
    writeFileSync(
      bundle,
      [
        'exports.answer = 42;',
        'exports.file = path();',
        'function path() { return require("node:path").basename(__filename); }',
        // The bundle runs as strict code, as the ES modules it was made from did.
        'exports.strict = (function () { return this === undefined; })();',
      ].join('\n'),
    );
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('runs the bundle, writes its code cache once, then compiles from it', () => {
    const expected = { answer: 42, file: 'cli.cjs', strict: true };
    expect(load(bundle, { cacheDir })).toEqual({ cache: 'missing', exports: expected });
    const [file, ...others] = cacheFiles();
    expect(others).toEqual([]);
    expect(file).toMatch(new RegExp(`^cli-f00d-\\d+-\\d+-${process.version}-${process.arch}-main\\.bin$`));
    expect(load(bundle, { cacheDir })).toEqual({ cache: 'used', exports: expected });
    // Another variant (command) keeps a cache of its own.
    expect(load(bundle, { cacheDir, variant: 'run' })).toEqual({ cache: 'missing', exports: expected });
    expect(cacheFiles()).toEqual([file, file!.replace(/-main\.bin$/, '-run.bin')]);
  });

  it('reads a bundle with non-ASCII text as UTF-8, and an all-ASCII one as the same text', () => {
    writeFileSync(bundle, 'exports.text = "中文 \\u4e2d";');
    expect(load(bundle, {}).exports).toEqual({ text: '中文 中' });
    const ascii = path.join(dir, 'ascii.cjs');
    writeFileSync(ascii, 'exports.text = "\\u4e2d\\u6587 ok";');
    expect(load(ascii, {}).exports).toEqual({ text: '中文 ok' });
  });

  it("compiles a bundle written inside the loader's wrapper as it stands, lines and all", () => {
    // Asked of another process: requiring the loader here would set its global import hook in this worker.
    const { WRAPPER_HEAD, WRAPPER_TAIL } = JSON.parse(
      spawnSync(
        process.execPath,
        [
          '-e',
          `const { WRAPPER_HEAD, WRAPPER_TAIL } = require(${JSON.stringify(LOADER)}); console.log(JSON.stringify({ WRAPPER_HEAD, WRAPPER_TAIL }))`,
        ],
        { encoding: 'utf8' },
      ).stdout,
    ) as Record<string, string>;
    const code = [
      'exports.answer = 42;',
      '',
      'exports.line = Number(/:(\\d+):\\d+\\)?$/m.exec(new Error().stack.split("\\n")[1])[1]);',
    ];
    writeFileSync(bundle, code.join('\n'));
    const wrapped = path.join(dir, 'wrapped.cjs');
    writeFileSync(wrapped, `${WRAPPER_HEAD}${code.join('\n')}${WRAPPER_TAIL}`);
    expect(load(bundle, {}).exports).toEqual({ answer: 42, line: 3 });
    expect(load(wrapped, { cacheDir })).toEqual({ cache: 'missing', exports: { answer: 42, line: 3 } });
    expect(load(wrapped, { cacheDir })).toEqual({ cache: 'used', exports: { answer: 42, line: 3 } });
  });

  it('writes a missing cache at the first outgoing connection, not only at exit', () => {
    // The process connects to itself, lists the cache directory a turn later, and exits without
    // calling writeCodeCaches (as the executable does at exit).
    const script = (connect: boolean) => `
      const net = require('node:net');
      const { readdirSync } = require('node:fs');
      const { loadBundle } = require(${JSON.stringify(LOADER)});
      const list = () => { try { return readdirSync(${JSON.stringify(cacheDir)}); } catch { return []; } };
      const r = loadBundle(${JSON.stringify(bundle)}, { hash: 'f00d', cacheDir: ${JSON.stringify(cacheDir)}, variant: 'run' });
      const server = net.createServer((s) => s.end()).listen(0, '127.0.0.1', () => {
        const done = () => setTimeout(() => { console.log(JSON.stringify({ cache: r.cache, files: list() })); server.close(); }, 50);
        if (${connect}) net.connect(server.address().port, '127.0.0.1').on('close', done).resume();
        else done();
      });`;
    const run = (connect: boolean) => {
      const r = spawnSync(process.execPath, ['-e', script(connect)], { encoding: 'utf8' });
      expect(r.stderr).toBe('');
      return JSON.parse(r.stdout) as { cache: string; files: string[] };
    };
    expect(run(false)).toEqual({ cache: 'missing', files: [] });
    const connected = run(true);
    expect(connected.cache).toBe('missing');
    expect(connected.files).toHaveLength(1);
    expect(connected.files[0]).toMatch(/-run\.bin$/);
    expect(run(true)).toEqual({ cache: 'used', files: connected.files });
  });

  it('ignores a damaged cache and writes a good one in its place', () => {
    load(bundle, { cacheDir });
    const [file] = cacheFiles();
    writeFileSync(path.join(cacheDir, file!), 'not a code cache');
    expect(load(bundle, { cacheDir })).toMatchObject({ cache: 'rejected', exports: { answer: 42 } });
    expect(readFileSync(path.join(cacheDir, file!), 'utf8')).not.toBe('not a code cache');
    expect(load(bundle, { cacheDir })).toMatchObject({ cache: 'used', exports: { answer: 42 } });
  });

  it('never uses the cache of another build of the bundle, and deletes it', () => {
    load(bundle, { cacheDir });
    load(bundle, { cacheDir, variant: 'run' });
    const [oldMain, oldRun] = cacheFiles();
    writeFileSync(path.join(cacheDir, 'other-f00d-1-2-v0.0.0-x-main.bin'), 'another bundle, another Node');
    writeFileSync(bundle, 'exports.answer = 43;');
    expect(load(bundle, { cacheDir })).toEqual({ cache: 'missing', exports: { answer: 43 } });
    const [newMain] = cacheFiles().filter((f) => f.startsWith('cli-') && f.endsWith('-main.bin'));
    expect(newMain).not.toBe(oldMain);
    // The old build's cache for the same command is gone; other commands' and other bundles' stay.
    expect(cacheFiles()).toEqual([newMain, oldRun, 'other-f00d-1-2-v0.0.0-x-main.bin'].sort());
    expect(load(bundle, { cacheDir, hash: 'beef' })).toEqual({ cache: 'missing', exports: { answer: 43 } });
    expect(cacheFiles()).not.toContain(newMain);
  });

  it('runs without a cache when none is kept or the directory cannot be written', () => {
    expect(load(bundle, {})).toMatchObject({ cache: 'off', exports: { answer: 42 } });
    writeFileSync(cacheDir, 'a file where the cache directory would be');
    expect(load(bundle, { cacheDir })).toMatchObject({ cache: 'missing', exports: { answer: 42 } });
    expect(load(bundle, { cacheDir })).toMatchObject({ cache: 'missing', exports: { answer: 42 } });
  });

  it('finds the cache directory from the environment', () => {
    const script = (env: Record<string, string>) =>
      spawnSync(
        process.execPath,
        ['-e', `console.log(require(${JSON.stringify(LOADER)}).codeCacheDir(${JSON.stringify(env)}) ?? 'none')`],
        { encoding: 'utf8' },
      ).stdout.trim();
    expect(script({ SC_SAFETY_CODE_CACHE_DIR: '/somewhere/else' })).toBe('/somewhere/else');
    expect(script({ SC_SAFETY_CODE_CACHE_DIR: 'off' })).toBe('none');
    if (process.platform === 'linux') {
      expect(script({ XDG_CACHE_HOME: '/xdg' })).toBe(path.join('/xdg', 'sc-safety', 'code-cache'));
      expect(script({})).toBe(path.join(os.homedir(), '.cache', 'sc-safety', 'code-cache'));
    }
  });
});
