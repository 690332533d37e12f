import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import type { CliOutput } from './helpers/cli.js';
import { readResults, cleanUp } from './helpers/run-dir.js';
import { configYaml, scriptedJudge, scriptedModel, SIX_ITEMS, writeDataset } from './helpers/script.js';
import { core, createFakeServerBase, createOpenAIFakeServer } from './helpers/workspace.js';
import type { FakeServer, ResultsFile } from './helpers/workspace.js';

/** Keys the hostile vendors echo back encoded; `+` and `/` so URL and base64 forms differ from the raw key. */
const HOSTILE_KEY = 'sk-E2E+hostile/5ecr3t=c0ffee42';
const STOPPED_KEY = 'sk-E2E+stopped/5ecr3t=deadbeef';
const JUDGE_KEY = 'sk-E2E-JUDGE-hostile-0ddba11e';
const GOOD_KEY = 'sk-E2E-GOOD-hostile-b16b00b5';

/** Terminal control sequences a hostile endpoint or proxy might send: clear screen, OSC 0 title, OSC 8 link, C1 CSI. */
const CONTROLS = '\x1b[2J\x1b]0;pwned\x07\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\\x9b31m';
/** Anything a terminal acts on: C0 but LF and TAB, a CR not before LF, DEL, C1. */
const ACTIVE = { test: (text: string): boolean => core.hasUnsafeControls(text) };

/** A small seeded generator: each hostile reply carries different random bytes. */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x9e3779b9) >>> 0;
    return s / 2 ** 32;
  };
}

/** A vendor whose errors carry control sequences, random bytes, and the caller's key base64- and URL-encoded. */
async function hostileServer(status: 400 | 401, random: () => number): Promise<FakeServer> {
  return createFakeServerBase({
    basePath: '/v1',
    intercept: (ctx) => {
      const key = (ctx.request.headers.authorization ?? '').replace(/^Bearer\s+/i, '');
      const bytes = Array.from({ length: 48 }, () => String.fromCharCode(Math.floor(random() * 256))).join('');
      const message =
        `rejected ${CONTROLS} noise:${bytes} ` +
        `echo b64=${Buffer.from(`user:${key}`).toString('base64')} url=${encodeURIComponent(key)} form=${new URLSearchParams({ k: key }).toString()}`;
      ctx.request.scenario = status === 401 ? 'auth' : 'bad-request';
      ctx.sendJson(
        status,
        { error: { message, type: 'invalid_request_error', code: status === 401 ? 'invalid_api_key' : 'bad_request' } },
        { 'x-should-retry': 'false' },
      );
      return true;
    },
    respond: () => {},
  });
}

describe('hostile vendors and careless users (issue 16)', () => {
  let dir: string;
  const servers: Record<string, FakeServer> = {};
  const entry = (id: string, server: FakeServer, apiKey: string) => ({
    id,
    adapter: 'openai',
    model: `gpt-${id}`,
    baseURL: server.baseURL,
    apiKey,
    maxRetries: 0,
  });
  const judge = () => ({
    id: 'judge',
    adapter: 'openai',
    model: 'gpt-judge',
    baseURL: servers.judge!.baseURL,
    apiKey: JUDGE_KEY,
  });
  let hostile: CliOutput;
  let report: CliOutput;
  const hostileDir = () => path.join(dir, 'hostile');

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'sc-e2e-hostile-'));
    const random = seeded(0x1616);
    servers.good = await createOpenAIFakeServer({ vendor: 'openai', apiKey: GOOD_KEY });
    servers.good.setHandler(scriptedModel('good', {}));
    servers.judge = await createOpenAIFakeServer({ vendor: 'openai', apiKey: JUDGE_KEY });
    servers.judge.setHandler(scriptedJudge('A'));
    servers.bad = await hostileServer(400, random);
    servers.stopped = await hostileServer(401, random);
    await writeDataset(dir, SIX_ITEMS);
    const models = [
      entry('good', servers.good, GOOD_KEY),
      entry('bad', servers.bad, HOSTILE_KEY),
      entry('stopped', servers.stopped, STOPPED_KEY),
    ];
    await writeFile(path.join(dir, 'hostile.yaml'), configYaml({ dataset: './items.jsonl', models, judge: judge() }));
    await writeFile(
      path.join(dir, 'good.yaml'),
      configYaml({ dataset: './items.jsonl', models: [models[0]!], judge: judge() }),
    );
    hostile = await runCli(['run', '-c', 'hostile.yaml', '--out', 'hostile'], dir);
    report = await runCli(['report', 'hostile', '--out', 'hostile/report'], dir);
  }, 60_000);

  afterAll(() => cleanUp(dir, Object.values(servers)));

  it('exits 3 when a lane stopped and answers are missing, after writing every result', async () => {
    expect(hostile.code, hostile.stderr).toBe(3);
    expect(hostile.stderr).toMatch(/incomplete: model stopped stopped \(auth\)/);
    expect(hostile.stderr).toMatch(/incomplete: bad: 12 of 12 answers missing/);
    const results = await readResults(hostileDir());
    // `bad` has nothing scored (0% coverage): the run is failed, never complete.
    expect(results.manifest.status).toBe('failed');
    expect(results.answers.filter((a) => a.model === 'good').every((a) => a.outcome === 'scored')).toBe(true);
    for (const f of ['answers.csv', 'summary.txt']) expect(existsSync(path.join(hostileDir(), f))).toBe(true);
  });

  it('never puts a control character from vendor text on the terminal, in summary.txt or in answers.csv', async () => {
    expect(hostile.stderr).toContain('\\x1b[2J'); // shown, not acted on
    for (const [name, text] of Object.entries({
      stdout: hostile.stdout,
      stderr: hostile.stderr,
      summary: await readFile(path.join(hostileDir(), 'summary.txt'), 'utf8'),
      csv: await readFile(path.join(hostileDir(), 'answers.csv'), 'utf8'),
      reportStdout: report.stdout + report.stderr,
    })) {
      expect(ACTIVE.test(text), name).toBe(false);
    }
  });

  it('keeps the vendor’s exact text in results.json (escaped by JSON), keys redacted', async () => {
    const raw = await readFile(path.join(hostileDir(), 'results.json'), 'utf8');
    expect(ACTIVE.test(raw)).toBe(false);
    const results = JSON.parse(raw) as ResultsFile;
    const message = results.answers.find((a) => a.model === 'bad')!.error!.message;
    expect(message).toContain(CONTROLS);
    expect(message).toContain('[REDACTED]');
  });

  it('no form of a key (raw, base64, URL-encoded) in the exports, the store, the report or anything printed', async () => {
    expect(report.code, report.stderr).toBe(0);
    const forms = [HOSTILE_KEY, STOPPED_KEY, JUDGE_KEY, GOOD_KEY].flatMap((k) => [...core.secretForms(k)]);
    expect(forms).toContain(encodeURIComponent(HOSTILE_KEY));
    const files = [...(await readdir(hostileDir())).filter((f) => f !== 'report'), 'report/index.html'];
    expect(files).toEqual(expect.arrayContaining(['store.sqlite', 'results.json', 'answers.csv', 'summary.txt']));
    for (const f of files) {
      const bytes = await readFile(path.join(hostileDir(), f));
      expect(
        forms.filter((form) => bytes.includes(Buffer.from(form))),
        f,
      ).toEqual([]);
    }
    for (const text of [hostile.stdout, hostile.stderr])
      expect(forms.filter((form) => text.includes(form))).toEqual([]);
    // The vendors did echo the keys, encoded.
    expect(servers.bad!.requests.length).toBeGreaterThan(0);
  });

  it('a --limit run whose requested answers all exist is complete, and exits 0', async () => {
    const out = await runCli(['run', '-c', 'good.yaml', '--out', 'limited', '--limit', '2', '--json'], dir);
    expect(out.code, out.stderr).toBe(0);
    const results = await readResults(dir, 'limited');
    expect(results.manifest.status).toBe('complete');
    expect(results.manifest.dataset).toMatchObject({ items: 6, itemsRun: 2 });
    const passing = await runCli(['score', 'limited', '--fail-under', '0', '--min-coverage', '100'], dir);
    expect(passing.code, passing.stderr).toBe(0);
  });

  it('--fail-under counts a ranked model with no score as failing; --min-coverage fails low coverage (exit 3)', async () => {
    const out = await runCli(['score', 'hostile', '--fail-under', '1', '--min-coverage', '99'], dir);
    expect(out.code, out.stderr).toBe(3);
    expect(out.stderr).toMatch(/incomplete: bad: no score, so it cannot pass --fail-under 1/);
    expect(out.stderr).toMatch(/incomplete: stopped: nothing scored \(coverage 0%\)/);
  });

  it('a 0-byte store is refused with exit 2 naming it and --fresh; --fresh moves it aside and runs; store check reports', async () => {
    const runDir = path.join(dir, 'zero');
    await runCli(['run', '-c', 'good.yaml', '--out', 'zero', '--limit', '1'], dir);
    await writeFile(path.join(runDir, 'store.sqlite'), '');
    await rm(path.join(runDir, 'store.sqlite-wal'), { force: true });
    const refused = await runCli(['run', '-c', 'good.yaml', '--out', 'zero', '--limit', '1'], dir);
    expect(refused.code, refused.stderr).toBe(2);
    expect(refused.stderr).toContain(path.join(runDir, 'store.sqlite'));
    expect(refused.stderr).toMatch(/empty \(0 bytes\).*--fresh/);
    expect((await readFile(path.join(runDir, 'store.sqlite'))).length).toBe(0);
    expect((await runCli(['store', 'check', 'zero'], dir)).code).toBe(2);
    const fresh = await runCli(['run', '-c', 'good.yaml', '--out', 'zero', '--limit', '1', '--fresh'], dir);
    expect(fresh.code, fresh.stderr).toBe(0);
    expect(fresh.stderr).toMatch(/--fresh: moved .*store\.sqlite aside/);
    const aside = (await readdir(runDir)).filter((f) => f.startsWith('store.sqlite.moved-'));
    expect(aside.length).toBeGreaterThan(0);
    const check = await runCli(['store', 'check', 'zero'], dir);
    expect(check.code, check.stderr).toBe(0);
    expect(check.stdout).toMatch(/store\.sqlite: ok \(SQLite integrity_check\), 2 answers, 2 judgments/);
  });

  it('validates the whole config before importing any adapter module, and --dry-run imports none', async () => {
    const marker = path.join(dir, 'adapter-ran');
    await writeFile(
      path.join(dir, 'evil.mjs'),
      `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(marker)}, 'ran');\nexport default {};\n`,
    );
    const evil = { id: 'evil', adapter: './evil.mjs', model: 'x' };
    await writeFile(path.join(dir, 'no-judge.yaml'), configYaml({ dataset: './items.jsonl', models: [evil] }));
    await writeFile(
      path.join(dir, 'bad-policy.yaml'),
      configYaml({ dataset: './items.jsonl', models: [evil], judge: judge(), policies: { block: 'never' } }),
    );
    await writeFile(
      path.join(dir, 'evil.yaml'),
      configYaml({ dataset: './items.jsonl', models: [evil], judge: judge() }),
    );
    for (const config of ['no-judge.yaml', 'bad-policy.yaml']) {
      const out = await runCli(['run', '-c', config, '--out', 'evil-run'], dir);
      expect(out.code, `${config}: ${out.stderr}`).toBe(2);
      expect(existsSync(marker), config).toBe(false);
    }
    const dry = await runCli(['run', '-c', 'evil.yaml', '--out', 'evil-run', '--dry-run'], dir);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain(`models[0] evil: ./evil.mjs → ${path.join(dir, 'evil.mjs')}`);
    expect(dry.stdout).toMatch(/none loaded by this dry run/);
    expect(existsSync(marker)).toBe(false);
    // A real run does load it: the config is code, as documented.
    await runCli(['run', '-c', 'evil.yaml', '--out', 'evil-run'], dir);
    expect(existsSync(marker)).toBe(true);
  });

  it('a self-referencing YAML alias is exit 2 with file:line, not a stack overflow', async () => {
    await writeFile(path.join(dir, 'loop.yaml'), 'dataset: ./items.jsonl\na: &a [*a]\n');
    const out = await runCli(['run', '-c', 'loop.yaml'], dir);
    expect(out.code, out.stderr).toBe(2);
    expect(out.stderr).toMatch(/loop\.yaml:2:\d+: an alias/);
  });

  it('dataset validate shows control characters in a dataset field instead of echoing them', async () => {
    const file = path.join(dir, 'escapes.jsonl');
    await writeFile(
      file,
      `${JSON.stringify({ id: 'x1', category: 'traditional_safety', dimension: `犯罪${CONTROLS}`, turns: ['问'] })}\n`,
    );
    const out = await runCli(['dataset', 'validate', file], dir);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('\\x1b]0;pwned\\x07');
    expect(ACTIVE.test(out.stdout + out.stderr)).toBe(false);
  });
});
