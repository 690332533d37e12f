import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { extractJudgeTask, loadJudgeCheckSet, renderVerdict } from '@sc-safety/core';
import { createOpenAIFakeServer, type FakeServer, type RecordedRequest } from '@sc-safety/testkit/fake';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../main.js';
import { useTempCli } from './__fixtures__/temp-cli.js';

const KEY = 'sk-test-judge-check-0000';

/** A fake judge that knows the builtin set's intended labels; `wrongEvery` > 0 errs on every n-th case. */
async function labelLookup() {
  const set = await loadJudgeCheckSet('builtin:judge-check');
  return new Map(set.cases.map((c) => [c.answer, c.label]));
}

function judgeHandler(labels: Map<string, number>, mode: 'oracle' | 'lenient') {
  return (request: RecordedRequest) => {
    const body = request.body as { messages: Array<{ role: 'system' | 'user' | 'assistant'; content: string }> };
    const task = extractJudgeTask(body.messages);
    if (!task) return { kind: 'text' as const, text: '无法判断' };
    const label = labels.get(task.answer) ?? 1;
    const score = mode === 'oracle' ? label : 2;
    return { kind: 'text' as const, text: renderVerdict(task.nonce, score, '测试', { format: task.format }) };
  };
}

describe('sc-safety judge check / calibrate', () => {
  let oracle: FakeServer;
  let lenient: FakeServer;
  let target: FakeServer;
  const cli = useTempCli('sc-cli-judge-');
  const { out, err, io } = cli;
  const judgeYaml = (server: FakeServer, extra = '') =>
    `judge:\n  adapter: openai\n  model: judge-x\n  baseURL: ${JSON.stringify(server.baseURL)}\n  apiKey: ${KEY}\n  concurrency: 8\n${extra}`;

  beforeAll(async () => {
    const labels = await labelLookup();
    oracle = await createOpenAIFakeServer({ vendor: 'openai', apiKey: KEY });
    oracle.setHandler(judgeHandler(labels, 'oracle'));
    lenient = await createOpenAIFakeServer({ vendor: 'openai', apiKey: KEY });
    lenient.setHandler(judgeHandler(labels, 'lenient'));
    target = await createOpenAIFakeServer({ vendor: 'openai', apiKey: KEY });
  });
  afterAll(async () => Promise.all([oracle.close(), lenient.close(), target.close()]));

  it('checks a judge on builtin:judge-check through a real adapter and prints agreement with intervals', async () => {
    await writeFile(path.join(cli.dir, 'judge.yaml'), judgeYaml(oracle));
    const code = await main(
      ['judge', 'check', '--judge', 'judge.yaml', '--min-kappa', '0.8', '--out', 'report.json'],
      io(),
    );
    expect(err.join('')).toMatch(/judge check: judge-x on \d+ cases/);
    expect(code).toBe(0);
    const text = out.join('');
    expect(text).toMatch(/overall\s+\d+\s+0\s+100\.0% \[100\.0, 100\.0\]\s+1\.000/);
    expect(text).toMatch(/PASS: κ 1\.000 ≥ --min-kappa 0\.8/);
    expect(text).toContain('not human annotation');
    const report = JSON.parse(await readFile(path.join(cli.dir, 'report.json'), 'utf8')) as {
      set: { cases: number };
      overall: { kappa: { value: number } };
    };
    expect(report.set.cases).toBeGreaterThanOrEqual(198);
    expect(JSON.stringify(report)).not.toContain(KEY);
  });

  it('exits 3 when the judge is under --min-kappa, listing what it got wrong', async () => {
    await writeFile(path.join(cli.dir, 'judge.yaml'), judgeYaml(lenient));
    const code = await main(['judge', 'check', '--judge', 'judge.yaml', '--min-kappa', '0.5', '--limit', '40'], io());
    expect(code).toBe(3);
    expect(out.join('')).toMatch(/FAIL: κ .* is under --min-kappa 0\.5/);
    expect(out.join('')).toMatch(/cases the judge got wrong or could not score: \d+/);
  });

  it('exits 2 naming the line of a bad set, and calls no judge', async () => {
    await writeFile(path.join(cli.dir, 'judge.yaml'), judgeYaml(oracle));
    await writeFile(
      path.join(cli.dir, 'set.jsonl'),
      '{"$schema":"sc-safety/judge-check@1"}\n{"id":"x","category":"traditional_safety","dimension":"crime","round":1,"question":"q","answer":"a","label":7}\n',
    );
    const before = oracle.requests.length;
    expect(await main(['judge', 'check', '--judge', 'judge.yaml', '--set', 'set.jsonl'], io())).toBe(2);
    expect(err.join('')).toMatch(/set\.jsonl:2: label: .*0, 1 or 2/);
    expect(oracle.requests.length).toBe(before);
  });

  it('a run whose judge fails judge.check stops before any target call (exit 3)', async () => {
    const config = `dataset: builtin:smoke\noutput: out\nmodels:\n  - id: t\n    adapter: openai\n    model: t\n    baseURL: ${JSON.stringify(target.baseURL)}\n    apiKey: ${KEY}\n${judgeYaml(lenient, '  check: {minKappa: 0.6}\n')}`;
    await writeFile(path.join(cli.dir, 'run.yaml'), config);
    const before = target.requests.length;
    expect(await main(['run', '-c', 'run.yaml'], io())).toBe(3);
    expect(err.join('')).toMatch(
      /the judge check failed: quadratic-weighted κ .* is below the required 0\.6 .*no target was called/,
    );
    // Only the preflight's probe (one call of one output token) reached the target: no benchmark call.
    expect(target.requests.length).toBe(before + 1);
  });

  it('a run whose judge passes judge.check records the check in the manifest; calibrate then writes results.json', async () => {
    const config = `dataset: builtin:smoke\noutput: out\nmodels:\n  - id: t\n    adapter: openai\n    model: t\n    baseURL: ${JSON.stringify(target.baseURL)}\n    apiKey: ${KEY}\n${judgeYaml(oracle, '  check: {minKappa: 0.6}\n')}`;
    await writeFile(path.join(cli.dir, 'run.yaml'), config);
    expect(await main(['run', '-c', 'run.yaml'], io())).toBe(0);
    const results = JSON.parse(await readFile(path.join(cli.dir, 'out', 'results.json'), 'utf8')) as {
      manifest: { judge: { check: { passed: boolean; kappa: { value: number } } } };
      answers: Array<{ answerKey: string; model: string; itemId: string; round: number; score: number | null }>;
    };
    expect(results.manifest.judge.check.passed).toBe(true);
    expect(results.manifest.judge.check.kappa.value).toBe(1);

    const scored = results.answers.filter((a) => a.score !== null).slice(0, 4);
    const lines = scored.flatMap((a, i) => [
      JSON.stringify({ answerKey: a.answerKey, rater: 'r1', score: a.score }),
      JSON.stringify({
        model: a.model,
        itemId: a.itemId,
        round: a.round,
        rater: 'r2',
        score: i === 0 ? (a.score! + 1) % 3 : a.score,
      }),
    ]);
    await writeFile(path.join(cli.dir, 'labels.jsonl'), lines.join('\n') + '\n');
    out.length = 0;
    expect(await main(['judge', 'calibrate', 'out', '--labels', 'labels.jsonl'], io())).toBe(0);
    expect(out.join('')).toMatch(/answers rated: 4; by two or more raters: 4/);
    expect(out.join('')).toMatch(/inter-rater Krippendorff's α \(ordinal\)/);
    const after = JSON.parse(await readFile(path.join(cli.dir, 'out', 'results.json'), 'utf8')) as {
      calibration: { answers: number };
    };
    expect(after.calibration.answers).toBe(4);
  });

  it('calibrate exits 2 naming a label line that matches no answer', async () => {
    await writeFile(path.join(cli.dir, 'results.json'), JSON.stringify({ answers: [] }));
    await writeFile(path.join(cli.dir, 'labels.jsonl'), '{"answerKey":"nope","rater":"r1","score":1}\n');
    expect(await main(['judge', 'calibrate', '.', '--labels', 'labels.jsonl'], io())).toBe(2);
    expect(err.join('')).toMatch(/labels\.jsonl:1: answerKey: .*not an answer of this run/);
  });
});

describe('sc-safety dataset validate on a judge-check set', () => {
  it('validates builtin:judge-check with its own reader', async () => {
    const out: string[] = [];
    const code = await main(['dataset', 'validate', 'builtin:judge-check'], {
      stdout: (t) => void out.push(t),
      stderr: () => {},
      cwd: process.cwd(),
    });
    expect(code).toBe(0);
    expect(out.join('')).toMatch(/valid judge-check set, \d+ cases, sha256:/);
  });
});
