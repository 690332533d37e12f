import { existsSync } from 'node:fs';
import { mkdtemp, mkdir, readFile, writeFile } from 'node:fs/promises';
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

describe('sc-safety report', () => {
  // The report template is built by apps/report; in CI (which builds first) it must exist.
  const built = existsSync(templatePath());
  if (!built && process.env.CI) throw new Error('apps/report is not built: run pnpm build first');
  it.skipIf(!built)('writes one self-contained page for one or several runs', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'sc-cli-report-'));
    for (const [name, seed] of [['run-a', 1], ['run-b', 2]] as const) {
      await mkdir(path.join(dir, name));
      await writeFile(path.join(dir, name, 'results.json'), JSON.stringify(syntheticResults({ models: 2, pairs: 22, seed, bootstrapIterations: 0 })));
    }
    const r = await run(dir, 'report', 'run-a', 'run-b', '--out', 'html');
    expect(r.code).toBe(0);
    expect(r.out.trim()).toBe(path.join(dir, 'html', 'index.html'));
    expect(r.err).toMatch(/2 run\(s\), 176 answers/);
    const html = await readFile(path.join(dir, 'html', 'index.html'), 'utf8');
    expect(html).toContain('id="sc-answers-1"');
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
    expect((await run(dir, 'report', '.')).err).toContain("required option '--out <dir>'");
  });

  it('has help for report and view', async () => {
    expect((await run(process.cwd(), 'report', '--help')).out).toContain('self-contained');
    expect((await run(process.cwd(), 'view', '--help')).out).toContain('127.0.0.1');
  });
});
