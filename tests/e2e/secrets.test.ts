import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import type { CliOutput } from './helpers/cli.js';
import { cleanUp } from './helpers/run-dir.js';
import { configYaml, scriptedJudge, scriptedModel, SIX_ITEMS, writeDataset } from './helpers/script.js';
import { createAnthropicFakeServer, createFakeServerBase, createOpenAIFakeServer } from './helpers/workspace.js';
import type { FakeServer } from './helpers/workspace.js';
import type { ResultsFile } from './helpers/workspace.js';

/** Distinctive keys: one literal in the config, the others through ${ENV}. */
const LITERAL_KEY = 'sk-E2E-LITERAL-5ecr3t-7d1f0a9b';
const ENV_KEY = 'sk-ant-E2E-ENV-5ecr3t-c0ffee42';
const LEAK_KEY = 'sk-E2E-ECHOED-5ecr3t-b16b00b5';
const JUDGE_KEY = 'sk-E2E-JUDGE-5ecr3t-0ddba11e';
const SECRETS = [LITERAL_KEY, ENV_KEY, LEAK_KEY, JUDGE_KEY];

/** A vendor that echoes the caller's full key back in its error bodies, as some badly behaved proxies do. */
async function echoingServer(status: number): Promise<FakeServer> {
  return createFakeServerBase({
    basePath: '/v1',
    intercept: (ctx) => {
      const key = (ctx.request.headers.authorization ?? '').replace(/^Bearer\s+/i, '');
      ctx.request.scenario = status === 401 ? 'auth' : 'server-error';
      ctx.sendJson(
        status,
        {
          error: {
            message: `Incorrect API key provided: ${key}. Your key ${key} was rejected.`,
            type: 'invalid_request_error',
            code: status === 401 ? 'invalid_api_key' : 'server_error',
          },
        },
        { 'x-should-retry': 'false' },
      );
      return true;
    },
    respond: () => {},
  });
}

describe('sc-safety run: API keys never leave the config', () => {
  let dir: string;
  let servers: Record<string, FakeServer>;
  let run: CliOutput;
  let dryRun: CliOutput;
  let badConfig: CliOutput;
  let rescore: CliOutput;
  /** results.json as the run wrote it (`score` rewrites it from the store afterwards). */
  let runResults: string;
  const runDir = () => path.join(dir, 'out', 'run');

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'sc-e2e-secrets-'));
    process.env.E2E_ENV_KEY = ENV_KEY;
    process.env.E2E_LEAK_KEY = LEAK_KEY;
    servers = {
      ds: await createOpenAIFakeServer({ vendor: 'deepseek', apiKey: LITERAL_KEY }),
      cl: await createAnthropicFakeServer({ apiKey: ENV_KEY }),
      leaky401: await echoingServer(401),
      leaky503: await echoingServer(503),
      judge: await createOpenAIFakeServer({ vendor: 'openai', apiKey: JUDGE_KEY }),
    };
    servers.ds!.setHandler(scriptedModel('ds', {}));
    servers.cl!.setHandler(scriptedModel('cl', {}));
    servers.judge!.setHandler(scriptedJudge('A'));
    await writeDataset(dir, SIX_ITEMS.slice(0, 3));
    const models = [
      {
        id: 'ds',
        adapter: 'openai',
        preset: 'deepseek',
        model: 'deepseek-chat',
        baseURL: servers.ds!.baseURL,
        apiKey: LITERAL_KEY,
      },
      { id: 'cl', adapter: 'anthropic', model: 'claude-e2e', baseURL: servers.cl!.url, apiKey: '${E2E_ENV_KEY}' },
      {
        id: 'leaky-auth',
        adapter: 'openai',
        model: 'gpt-leaky',
        baseURL: servers.leaky401!.baseURL,
        apiKey: '${E2E_LEAK_KEY}',
        maxRetries: 1,
      },
      {
        id: 'leaky-5xx',
        adapter: 'openai',
        model: 'gpt-leaky',
        baseURL: servers.leaky503!.baseURL,
        apiKey: LITERAL_KEY,
        maxRetries: 1,
      },
    ];
    const judge = {
      id: 'judge',
      adapter: 'openai',
      model: 'gpt-judge',
      baseURL: servers.judge!.baseURL,
      apiKey: JUDGE_KEY,
    };
    await writeFile(path.join(dir, 'run.yaml'), configYaml({ dataset: './items.jsonl', models, judge }));
    // An invalid config whose offending value is a secret (expanded from the environment).
    await writeFile(
      path.join(dir, 'bad.yaml'),
      configYaml({
        dataset: './items.jsonl',
        models: [{ ...models[0], concurrency: '${E2E_LEAK_KEY}' }, models[2]!],
        judge,
      }),
    );
    await mkdir(path.join(dir, 'out'), { recursive: true });

    run = await runCli(['run', '-c', path.join(dir, 'run.yaml'), '--out', runDir(), '--json'], dir);
    runResults = await readFile(path.join(runDir(), 'results.json'), 'utf8');
    dryRun = await runCli(['run', '-c', path.join(dir, 'run.yaml'), '--out', runDir(), '--dry-run', '--json'], dir);
    badConfig = await runCli(['run', '-c', path.join(dir, 'bad.yaml'), '--out', path.join(dir, 'out', 'bad')], dir);
    rescore = await runCli(['score', runDir()], dir);
  }, 60_000);

  afterAll(async () => {
    delete process.env.E2E_ENV_KEY;
    delete process.env.E2E_LEAK_KEY;
    await cleanUp(dir, Object.values(servers ?? {}));
  });

  const leaks = (text: string | Buffer) =>
    SECRETS.filter((s) => (typeof text === 'string' ? text.includes(s) : text.includes(Buffer.from(s))));

  it('the keys did reach the vendors, and the echoing vendors did send them back', () => {
    expect(servers.ds!.requests[0]?.headers.authorization).toBe(`Bearer ${LITERAL_KEY}`);
    expect(servers.cl!.requests[0]?.headers.authorization).toBe(`Bearer ${ENV_KEY}`);
    expect(servers.leaky401!.requests.map((r) => r.headers.authorization)).toContain(`Bearer ${LEAK_KEY}`);
    expect(servers.leaky503!.requests.length).toBe(2 * 3); // three items' round 1, each tried twice
  });

  it('the run finished and recorded the echoed failures (redacted)', async () => {
    // Finished, results written, but a lane stopped and answers are missing: exit 3.
    expect(run.code, run.stderr).toBe(3);
    expect(leaks(runResults)).toEqual([]);
    const results = JSON.parse(runResults) as ResultsFile;
    const errors = results.answers.filter((a) => a.error).map((a) => a.error!);
    expect(errors.some((e) => e.kind === 'auth' && e.message.includes('Incorrect API key provided'))).toBe(true);
    expect(errors.some((e) => e.kind === 'transient' && e.message.includes('Incorrect API key provided'))).toBe(true);
    expect(results.manifest.stops.map((s) => s.id)).toEqual(['leaky-auth']);
    expect(results.manifest.stops[0]!.message).toContain('Incorrect API key provided');
    expect(
      results.answers.filter((a) => a.model === 'ds' || a.model === 'cl').every((a) => a.outcome === 'scored'),
    ).toBe(true);
  });

  it('no key in the store (database and write-ahead log), the exports, or any other file of the run directory', async () => {
    const files = await readdir(runDir());
    expect(files).toEqual(expect.arrayContaining(['store.sqlite', 'results.json', 'answers.csv', 'summary.txt']));
    for (const f of files) expect(leaks(await readFile(path.join(runDir(), f))), f).toEqual([]);
    // The store holds the echoed error bodies' messages in its failure log: they are there, redacted.
    const store = await readFile(path.join(runDir(), 'store.sqlite'));
    expect(store.includes(Buffer.from('Incorrect API key provided'))).toBe(true);
    if (existsSync(path.join(runDir(), 'store.sqlite-wal')))
      expect(leaks(await readFile(path.join(runDir(), 'store.sqlite-wal')))).toEqual([]);
  });

  it('no key in anything printed: the run, its stops and progress, a dry run, a rescore', () => {
    expect(run.stderr).toContain('leaky-auth stopped (auth)');
    const expected: Record<string, number> = { run: 3, dryRun: 0, rescore: 3 };
    for (const [name, out] of Object.entries({ run, dryRun, rescore })) {
      expect(out.code, `${name}: ${out.stderr}`).toBe(expected[name]);
      expect(leaks(out.stdout), `${name} stdout`).toEqual([]);
      expect(leaks(out.stderr), `${name} stderr`).toEqual([]);
    }
  });

  it('no key in a config error about a value that is a key', () => {
    expect(badConfig.code).toBe(2);
    expect(badConfig.stderr).toMatch(/concurrency/);
    expect(leaks(badConfig.stderr)).toEqual([]);
    expect(leaks(badConfig.stdout)).toEqual([]);
  });
});
