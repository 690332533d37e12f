import { existsSync } from 'node:fs';
import { mkdtemp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { syntheticResults, templatePath } from '@sc-safety/report';
import { main } from '../main.js';

async function run(cwd: string, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: (s) => (out += s), stderr: (s) => (err += s), cwd });
  return { code, out, err };
}

/** Fails (instead of hanging the suite) when `promise` has not settled after `ms`. */
async function settleWithin<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const guard = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not settle within ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([promise, guard]);
  } finally {
    clearTimeout(timer);
  }
}

async function runDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'sc-cli-report-'));
  await mkdir(path.join(dir, 'run-a'));
  await writeFile(
    path.join(dir, 'run-a', 'results.json'),
    JSON.stringify(syntheticResults({ models: 2, pairs: 22, seed: 1, bootstrapIterations: 0 })),
  );
  return dir;
}

describe('sc-safety report', () => {
  // The report template is built by apps/report; in CI (which builds first) it must exist.
  const built = existsSync(templatePath());
  if (!built && process.env.CI) throw new Error('apps/report is not built: run pnpm build first');
  it.skipIf(!built)('writes one self-contained page for one or several runs', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'sc-cli-report-'));
    for (const [name, seed] of [
      ['run-a', 1],
      ['run-b', 2],
    ] as const) {
      await mkdir(path.join(dir, name));
      await writeFile(
        path.join(dir, name, 'results.json'),
        JSON.stringify(syntheticResults({ models: 2, pairs: 22, seed, bootstrapIterations: 0 })),
      );
    }
    const r = await run(dir, 'report', 'run-a', 'run-b', '--out', 'html');
    expect(r.code).toBe(0);
    expect(r.out.trim()).toBe(path.join(dir, 'html', 'index.html'));
    expect(r.err).toMatch(/2 run\(s\), 176 answers/);
    const html = await readFile(path.join(dir, 'html', 'index.html'), 'utf8');
    expect(html).toContain('id="sc-answers-1-0"');
    expect(html).toContain("default-src 'none'");
    const onFile = await run(dir, 'report', 'run-a', '--out', path.join('html', 'index.html'));
    expect(onFile.code).toBe(2);
    expect(onFile.err).toContain('--out must be a writable directory');
  });

  it('exits 2 naming the problem when a run is missing or not a results file', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'sc-cli-report-'));
    await writeFile(path.join(dir, 'results.json'), '{"format":"other"}');
    const missing = await run(dir, 'report', 'nope', '--out', 'x');
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('nope: no such file or directory');
    const bad = await run(dir, 'view', '.');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('not a usable results file');
    // Without --out the report goes to <run-dir>/report; a bad run is still refused first.
    expect((await run(dir, 'report', '.')).err).toContain('not a usable results file');
  });

  it('fails fast with exit 2 naming --out when the directory cannot be created under a regular file', async () => {
    const dir = await runDir();
    await writeFile(path.join(dir, 'plain-file'), 'x');
    const out = path.join('plain-file', 'sub', 'html');
    const r = await settleWithin(
      run(dir, 'report', 'run-a', '--out', out),
      10_000,
      'sc-safety report --out <under a file>',
    );
    expect(r.code).toBe(2);
    expect(r.err).toContain(`--out ${path.join(dir, out)}: `);
    expect(r.err).toContain('--out must be a writable directory');
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(r.out).toBe('');
  }, 15_000);

  // procfs answers ENOENT for a child of a directory that exists, which Node's recursive mkdir retries forever.
  it.skipIf(!existsSync('/proc/self'))(
    'fails fast with exit 2 naming --out for a place that cannot be created (/proc/…)',
    async () => {
      const dir = await runDir();
      for (const out of ['/proc/sc-safety-x', '/proc/sc-safety-x/deeper/html']) {
        const r = await settleWithin(
          run(dir, 'report', 'run-a', '--out', out),
          10_000,
          `sc-safety report --out ${out}`,
        );
        expect(r.code, out).toBe(2);
        expect(r.err, out).toContain(`--out ${out}: cannot create /proc/sc-safety-x`);
        expect(r.err, out).toContain('--out must be a writable directory');
      }
    },
    25_000,
  );

  it('leaves no empty --out directory behind when the runs are not usable', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'sc-cli-report-'));
    const r = await run(dir, 'report', 'nope', '--out', path.join('made', 'html'));
    expect(r.code).toBe(2);
    expect(existsSync(path.join(dir, 'made'))).toBe(false);
  });

  it('view exits 2 with a one-line hint when --port is already taken on 127.0.0.1', async () => {
    const dir = await runDir();
    const busy: Server = createServer();
    await new Promise<void>((resolve, reject) => {
      busy.once('error', reject);
      busy.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = busy.address() as AddressInfo;
    try {
      const r = await settleWithin(
        run(dir, 'view', 'run-a', '--port', String(port)),
        10_000,
        'sc-safety view --port <busy>',
      );
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err).toBe(
        `sc-safety view: port ${port} on 127.0.0.1 is already in use: pick another with --port <n>, or --port 0 for any free port\n`,
      );
    } finally {
      await new Promise<void>((resolve) => busy.close(() => resolve()));
    }
  }, 15_000);

  it('has help for report and view', async () => {
    expect((await run(process.cwd(), 'report', '--help')).out).toContain('self-contained');
    expect((await run(process.cwd(), 'view', '--help')).out).toContain('127.0.0.1');
  });
});
