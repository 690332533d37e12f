import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOpenAIFakeServer, type FakeServer } from '@sc-safety/testkit/fake';
import { demoJudge } from '../demo/demo-judge.js';
import { carefulPersona } from '../demo/personas.js';
import { main } from '../main.js';

/** Port 9 (discard) on loopback: nothing listens there, so a connection is refused at once. */
const DEAD = 'http://127.0.0.1:9/v1';
const KEY = 'sk-first-hour-target-5c1d2e';
const JUDGE_KEY = 'sk-first-hour-judge-8f0a7b';

describe('the first hour: preflight, failures that show, starter kit (real CLI, loopback fakes)', () => {
  let dir: string;
  let target: FakeServer;
  let judge: FakeServer;
  let out = '';
  let err = '';
  const cli = (env: Record<string, string | undefined> = {}, ...argv: string[]) => {
    out = '';
    err = '';
    return main(argv, {
      stdout: (t) => void (out += t),
      stderr: (t) => void (err += t),
      cwd: dir,
      stderrIsTTY: false,
      columns: 120,
      env,
    });
  };

  beforeAll(async () => {
    target = await createOpenAIFakeServer({ vendor: 'deepseek', apiKey: KEY });
    judge = await createOpenAIFakeServer({ vendor: 'openai', apiKey: JUDGE_KEY });
  });
  afterAll(async () => {
    await target.close();
    await judge.close();
  });
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'sc-first-hour-'));
    target.reset();
    judge.reset();
    target.setHandler(carefulPersona);
    judge.setHandler(demoJudge('strict'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  // Where the model and the judge are called, with no retries: a failure shows at once.
  const endpoint = (indent: string, url: string, key: string) =>
    [`baseURL: ${url}`, `apiKey: ${key}`, 'maxRetries: 0'].map((l) => indent + l);
  const config = (o: { modelURL?: string; judgeURL?: string; extra?: string } = {}) =>
    [
      'dataset: builtin:smoke',
      'output: runs/r',
      'models:',
      '  - id: local-qwen',
      '    adapter: openai',
      '    preset: deepseek',
      '    model: fake-model',
      ...endpoint('    ', o.modelURL ?? target.baseURL, KEY),
      o.extra ?? '',
      'judge:',
      '  adapter: openai',
      '  model: judge-model',
      ...endpoint('  ', o.judgeURL ?? judge.baseURL, JUDGE_KEY),
      '',
    ].join('\n');

  it('a dead model endpoint and a dead judge: one preflight lists both, exit 3, nothing stored', async () => {
    await writeFile(path.join(dir, 'run.yaml'), config({ modelURL: DEAD, judgeURL: DEAD }));
    expect(await cli({}, 'run', '-c', 'run.yaml')).toBe(3);
    expect(err).toMatch(/preflight failed: 2 of 2 probes failed; no benchmark call was made/);
    expect(err).toMatch(/model local-qwen \[models\[0\]\]: transient: .*— check baseURL/);
    expect(err).toMatch(/judge judge-model \[judge\]: transient: /);
    expect(existsSync(path.join(dir, 'runs/r/results.json'))).toBe(false);
    expect(err).not.toContain(KEY);

    expect(await cli({}, 'check', '-c', 'run.yaml', '--json')).toBe(3);
    const report = JSON.parse(out) as { ok: boolean; probes: Array<{ role: string; ok: boolean }> };
    expect(report.ok).toBe(false);
    expect(report.probes.map((p) => `${p.role}:${p.ok}`).sort()).toEqual(['judge:false', 'model:false']);
  });

  it('check passes on live endpoints with one probe each, and spends nothing else', async () => {
    await writeFile(path.join(dir, 'run.yaml'), config());
    expect(await cli({}, 'check', '-c', 'run.yaml')).toBe(0);
    expect(out).toMatch(/preflight: 2 probes passed/);
    expect(out).toMatch(/ok {4}model local-qwen/);
    expect(target.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    expect(judge.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    expect(existsSync(path.join(dir, 'runs/r/store.sqlite'))).toBe(false);
  });

  it('--no-preflight on a dead model: the run is failed, exit 3, and the summary lists the failures by kind', async () => {
    await writeFile(path.join(dir, 'run.yaml'), config({ modelURL: DEAD }));
    expect(await cli({}, 'run', '-c', 'run.yaml', '--no-preflight', '--limit', '2')).toBe(3);
    const results = JSON.parse(await readFile(path.join(dir, 'runs/r/results.json'), 'utf8')) as {
      manifest: { status: string };
    };
    expect(results.manifest.status).toBe('failed');
    expect(err).toMatch(/failures \(per model and judge/);
    // Round 1 failed (connection refused); round 2 was then not asked: two kinds, each counted.
    expect(err).toMatch(/ {2}local-qwen: transient: .*ECONNREFUSED 127\.0\.0\.1:9.* — 2\/4 calls/);
    expect(err).toMatch(/ {2}local-qwen: round1_failed: .+ — 2\/4 calls/);
    expect(err).toMatch(/incomplete: local-qwen: nothing scored \(coverage 0%\)/);
    // The judge has its own progress line (plain lines off a terminal).
    expect(err).toMatch(/judge judge-model: \d+\/4 calls/);
  });

  it('a dead judge after a good preflight shows as judge failures, and --fail-under fails a model with no score', async () => {
    await writeFile(path.join(dir, 'run.yaml'), config());
    judge.setHandler(() => ({ kind: 'server-error', status: 503 }));
    expect(await cli({}, 'run', '-c', 'run.yaml', '--no-preflight', '--limit', '1', '--fail-under', '50')).toBe(3);
    expect(err).toMatch(/judge judge-model: judge_error: .+ — 2\/2 calls/);
    expect(err).toMatch(/judge judge-model: 2\/2 calls .*errors 2/);
    expect(err).toMatch(/local-qwen: no score, so it cannot pass --fail-under 50/);
  });

  it('a missing key: every entry listed at once (exit 2); --dry-run only warns, listing them all', async () => {
    const noKey = [
      'dataset: builtin:smoke',
      'models:',
      '  - {id: a, adapter: openai, preset: deepseek, model: m}',
      '  - {id: b, adapter: openai, preset: dashscope, model: m}',
      'judge: {adapter: openai, model: j, apiKey: "${OPENAI_API_KEY}"}',
      '',
    ].join('\n');
    await writeFile(path.join(dir, 'run.yaml'), noKey);
    expect(await cli({}, 'run', '-c', 'run.yaml', '--dry-run')).toBe(0);
    expect(err).toMatch(/judge\.apiKey: environment variable OPENAI_API_KEY is not set; a real run needs it/);
    expect(err).toMatch(/models\[0\] \(a\): environment variable DEEPSEEK_API_KEY is not set/);
    expect(err).toMatch(/models\[1\] \(b\): environment variable DASHSCOPE_API_KEY is not set/);
    expect(out).toMatch(/model a: 12 calls/);

    expect(await cli({ OPENAI_API_KEY: 'sk-set-in-env-000000' }, 'run', '-c', 'run.yaml')).toBe(2);
    expect(err).toMatch(/run\.yaml: models\[0\]\.apiKey: .*DEEPSEEK_API_KEY/);
    expect(err).toMatch(/run\.yaml: models\[1\]\.apiKey: .*DASHSCOPE_API_KEY/);
  });

  it('.env fills keys the environment lacks, never overriding it', async () => {
    await writeFile(path.join(dir, 'run.yaml'), config().replace(`apiKey: ${KEY}`, 'apiKey: ${FIRST_HOUR_KEY}'));
    await writeFile(path.join(dir, '.env'), `# keys\nFIRST_HOUR_KEY=${KEY}\n`);
    expect(await cli({}, 'check', '-c', 'run.yaml')).toBe(0);
    // The real environment wins over .env: a wrong key there is used, and the probe says so.
    expect(await cli({ FIRST_HOUR_KEY: 'sk-wrong-key-from-env-0000' }, 'check', '-c', 'run.yaml')).toBe(3);
    expect(err).toMatch(/model local-qwen .*: auth: /);
    expect(err).not.toContain('sk-wrong-key-from-env-0000');
  });

  it('a preset parameter out of range: exit 2 naming the field, before anything runs', async () => {
    await writeFile(
      path.join(dir, 'run.yaml'),
      config({ extra: '    params: { temperature: 5 }' }).replace('preset: deepseek', 'preset: dashscope'),
    );
    for (const argv of [
      ['run', '-c', 'run.yaml', '--dry-run'],
      ['check', '-c', 'run.yaml'],
      ['run', '-c', 'run.yaml'],
    ]) {
      expect(await cli({}, ...argv), argv.join(' ')).toBe(2);
      expect(err).toMatch(
        /run\.yaml: models\[0\]\.params\.temperature: 5 is outside the range \[0, 2\) that Alibaba DashScope accepts \(preset dashscope\)/,
      );
    }
    expect(target.requests).toHaveLength(0);
  });

  it('init → edit → check → run from an empty directory', async () => {
    expect(await cli({}, 'init', '--preset', 'deepseek', '--judge-preset', 'openai')).toBe(0);
    const written = await readFile(path.join(dir, 'run.yaml'), 'utf8');
    expect(written.split('\n')[0]).toMatch(/^# yaml-language-server: \$schema=.*run-config\.schema\.json$/);
    expect(await readFile(path.join(dir, '.env.example'), 'utf8')).toMatch(/^DEEPSEEK_API_KEY=$/m);
    // A second init does not overwrite.
    expect(await cli({}, 'init')).toBe(2);
    expect(err).toMatch(/already exist/);

    // The edit a user makes: model ids and, here, loopback base URLs; keys in .env.
    const edited = written
      .replace('model: your-deepseek-model-id', `model: fake-model\n    baseURL: ${target.baseURL}`)
      .replace('model: your-judge-model-id', `model: judge-model\n  baseURL: ${judge.baseURL}`);
    await writeFile(path.join(dir, 'run.yaml'), edited);
    await writeFile(path.join(dir, '.env'), `DEEPSEEK_API_KEY=${KEY}\nOPENAI_API_KEY=${JUDGE_KEY}\n`);
    expect(await cli({}, 'check', '-c', 'run.yaml')).toBe(0);
    expect(await cli({}, 'run', '-c', 'run.yaml', '--limit', '2')).toBe(0);
    const results = JSON.parse(await readFile(path.join(dir, 'runs/my-run/results.json'), 'utf8')) as {
      manifest: { status: string };
    };
    expect(results.manifest.status).toBe('complete');
    expect(out).toMatch(/run directory: /);
    expect(err).not.toContain(KEY);
  });
});
