import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { core } from '../e2e/helpers/workspace.js';
import type { FakeServer, RecordedRequest, ResultsFile } from '../e2e/helpers/workspace.js';
import { cleanEnv, npmInstall, provideSqliteAddon, useTarballs, workspaceSqlite } from './helpers/outside-project.js';
import { packPublished, REPO_ROOT, run } from './helpers/packages.js';
import type { Tarball } from './helpers/packages.js';

const KEY = 'zeta-test-key-4c1d9e';

/** The generated fake's module, loaded from the generated package (its imports resolve there). */
interface ZetaFixture {
  createZetaFakeServer(options: { apiKey?: string }): Promise<FakeServer>;
  extractZetaMessages(body: unknown): Array<{ role: 'system' | 'user' | 'assistant'; content: string }>;
}

// Issue 18's "done when": a vendor with only Node and npm scaffolds, tests and packs an adapter,
// and a user installs it next to the published CLI and runs it. Everything here happens in a
// temporary directory outside the workspace, from `pnpm pack` tarballs and the npm registry:
// no workspace link, no file of the repository on the module path.
describe('outside the workspace, from packed tarballs', () => {
  let root: string;
  let tarballs: Tarball[];
  const user = () => path.join(root, 'user');
  const vendor = () => path.join(root, 'vendor', 'zeta');
  const acme = () => path.join(root, 'acme');
  const cli = () => path.join(user(), 'node_modules/.bin/sc-safety');
  const timings: Record<string, number> = {};
  const step = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const start = Date.now();
    try {
      return await fn();
    } finally {
      timings[name] = Date.now() - start;
    }
  };
  let acmeTest: { stdout: string };
  let vendorTest: { stdout: string };
  let packed: string;
  let results: ResultsFile;
  let server: FakeServer;
  let runOutput: { stdout: string; stderr: string };

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'sc-release-vendor-'));
    expect(path.relative(REPO_ROOT, root).startsWith('..')).toBe(true);
    tarballs = await step('pack', () => packPublished(path.join(root, 'tarballs')));

    // The acme example, copied out of the repository as a vendor would copy it.
    await mkdir(acme());
    for (const f of ['src', 'package.json', 'tsconfig.json', 'tsconfig.build.json', 'vitest.config.ts', 'README.md'])
      await cp(path.join(REPO_ROOT, 'examples/adapter-acme', f), path.join(acme(), f), { recursive: true });
    await useTarballs(acme(), tarballs);
    // The user: an empty project with the CLI.
    await mkdir(user());
    await writeFile(
      path.join(user(), 'package.json'),
      JSON.stringify({ name: 'user', private: true, dependencies: { '@sc-safety/cli': '0.1.0' } }),
    );
    await useTarballs(user(), tarballs, { 'better-sqlite3': workspaceSqlite().version });

    // The acme example and the user-then-vendor path are independent: side by side.
    // allSettled: a failure on one side must not remove the directory under the other.
    const [acmeSide, vendorSide] = await Promise.allSettled([
      step('acme: install, typecheck, test', async () => {
        await npmInstall(acme());
        await run('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: acme(), env: cleanEnv() });
        return run('npx', ['vitest', 'run'], { cwd: acme(), env: cleanEnv(), maxBuffer: 16 * 1024 * 1024 });
      }),
      (async () => {
        await step('install CLI', () => npmInstall(user(), [], { ignoreScripts: true, omitOptional: true }));
        // The vendor: `npx sc-safety adapter new zeta`, then npm install / typecheck / test / pack.
        await mkdir(path.join(root, 'vendor'));
        await run(cli(), ['adapter', 'new', 'zeta', '--dir', vendor()], {
          cwd: path.join(root, 'vendor'),
          env: cleanEnv(),
        });
        await useTarballs(vendor(), tarballs);
        return step('vendor: install, typecheck, test, pack', async () => {
          await npmInstall(vendor());
          await run('npm', ['run', 'typecheck'], { cwd: vendor(), env: cleanEnv() });
          const test = await run('npx', ['vitest', 'run'], {
            cwd: vendor(),
            env: cleanEnv(),
            maxBuffer: 16 * 1024 * 1024,
          });
          const pack = await run('npm', ['pack', '--json'], {
            cwd: vendor(),
            env: cleanEnv(),
            maxBuffer: 16 * 1024 * 1024,
          });
          packed = path.join(vendor(), (JSON.parse(pack.stdout) as Array<{ filename: string }>)[0]!.filename);
          return test;
        });
      })(),
    ]);
    for (const side of [acmeSide, vendorSide]) if (side.status === 'rejected') throw side.reason;
    acmeTest = (acmeSide as PromiseFulfilledResult<{ stdout: string }>).value;
    vendorTest = (vendorSide as PromiseFulfilledResult<{ stdout: string }>).value;

    // The user installs the vendor's tarball next to the CLI and runs the benchmark with it.
    await step('install adapter', () => npmInstall(user(), [packed], { ignoreScripts: true, omitOptional: true }));
    await provideSqliteAddon(user());
    const fixture = (await import(
      pathToFileURL(path.join(vendor(), 'src/__fixtures__/zeta-fake-server.ts')).href
    )) as ZetaFixture;
    server = await fixture.createZetaFakeServer({ apiKey: KEY });
    server.setHandler((request: RecordedRequest) => {
      const task = core.extractJudgeTask(fixture.extractZetaMessages(request.body));
      if (task)
        return {
          kind: 'text',
          text: core.renderVerdict(task.nonce, 2, '回答拒绝了不安全的请求。', { format: task.format }),
        };
      return { kind: 'text', text: '这个请求我不能帮忙，但可以介绍相关的安全知识。' };
    });
    await writeFile(
      path.join(user(), 'run.yaml'),
      [
        'dataset: builtin:smoke',
        'output: runs/zeta',
        'models:',
        '  - id: zeta',
        '    adapter: "sc-safety-adapter-zeta"      # by package name',
        '    model: zeta-chat-2',
        `    baseURL: "${server.baseURL}"`,
        'judge:',
        '  id: zeta-judge',
        '  adapter: zeta                         # by short name: sc-safety-adapter-zeta',
        '  model: zeta-judge-1',
        `  baseURL: "${server.baseURL}"`,
        '',
      ].join('\n'),
    );
    runOutput = await step('sc-safety run', () =>
      run(cli(), ['run', '-c', 'run.yaml'], {
        cwd: user(),
        env: cleanEnv({ ZETA_API_KEY: KEY }),
        maxBuffer: 16 * 1024 * 1024,
      }),
    );
    results = JSON.parse(await readFile(path.join(user(), 'runs/zeta/results.json'), 'utf8')) as ResultsFile;
  }, 900_000);

  afterAll(async () => {
    await server?.close();
    console.info(`release vendor flow timings (ms): ${JSON.stringify(timings)}`);
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('the generated adapter passes its conformance suite and unit tests as generated', () => {
    expect(vendorTest.stdout).toMatch(/Test Files\s+\d+ passed/);
    expect(vendorTest.stdout).not.toMatch(/failed/);
    expect(vendorTest.stdout).toContain('conformance.test.ts');
  });

  it('packs dist only: no sources, tests or fixtures', async () => {
    const files = (await run('tar', ['-tzf', packed])).stdout.split('\n').filter(Boolean);
    expect(files).toContain('package/dist/index.js');
    expect(files).toContain('package/dist/index.d.ts');
    expect(files.filter((f) => /\/src\/|\.test\.|__fixtures__/.test(f))).toEqual([]);
  });

  it('the acme example, copied out, type-checks and passes its tests with its own config', () => {
    expect(acmeTest.stdout).toMatch(/Test Files\s+\d+ passed/);
    expect(acmeTest.stdout).not.toMatch(/failed/);
  });

  it('no workspace link: every @sc-safety package in the projects is a real directory from a tarball', async () => {
    for (const project of [user(), vendor(), acme()]) {
      const scope = path.join(project, 'node_modules/@sc-safety');
      for (const name of await readdir(scope)) {
        const { stdout } = await run('readlink', ['-f', path.join(scope, name)]);
        expect(path.relative(REPO_ROOT, stdout.trim()).startsWith('..'), `${project}: @sc-safety/${name}`).toBe(true);
      }
    }
  });

  it('sc-safety run loads the generated package by name and short name, and records it', () => {
    expect(runOutput.stdout).toContain('run directory:');
    expect(core.validateResultsFile(results)).toEqual([]);
    expect(results.manifest.status).toBe('complete');
    const adapters = results.manifest.adapters as Array<{ name: string; version: string; packageName?: string }>;
    expect(adapters).toEqual([
      expect.objectContaining({ name: 'zeta', version: '0.1.0', packageName: 'sc-safety-adapter-zeta' }),
    ]);
    expect(results.answers.length).toBe(12); // builtin:smoke: 6 pairs × 2 rounds
    expect(results.answers.every((a) => a.outcome === 'scored' && a.score === 2)).toBe(true);
    // Every call reached the fake with the key from ZETA_API_KEY, the generated default variable:
    // 12 answers, 12 judgments, and the preflight's two probes (the model and the judge, one each).
    expect(server.requests.length).toBe(26);
    expect(server.requests.every((r) => r.headers['x-zeta-key'] === KEY && r.scenario === 'text')).toBe(true);
  });
});
