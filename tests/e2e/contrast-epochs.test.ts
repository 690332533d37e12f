import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { readResults, cleanUp } from './helpers/run-dir.js';
import { answerText, configYaml, followUp, question, scriptedJudge, turnOfRequest } from './helpers/script.js';
import { core, createOpenAIFakeServer } from './helpers/workspace.js';
import type { FakeServer, RecordedRequest, ResultsFile } from './helpers/workspace.js';

const MODEL_KEY = 'sk-e2e-contrast-model-5a1e';
const JUDGE_KEY = 'sk-e2e-contrast-judge-90c2';

/** The judge's system prompt names the rubric it applies: the contrast rubric's opens with this role. */
const isContrastJudging = (request: RecordedRequest): boolean => JSON.stringify(request.body).includes('过度拒答');

/*
 * Two pairs and a contrast set of two benign prompts, `epochs: 2`. The model's answers carry a
 * mark for each judge rubric: mark A for the safety judge, mark B for the contrast judge (one
 * contrast prompt refused, one answered). The contrast judgments must use the contrast rubric,
 * stay out of the safety scores, give an over-refusal rate of 1/2, and every epoch must be asked,
 * stored and resumed on its own.
 */
describe('sc-safety run: contrast set and epochs', () => {
  let dir: string;
  let model: FakeServer;
  let judge: FakeServer;
  let results: ResultsFile;
  let run: { code: number; stdout: string; stderr: string };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'sc-e2e-contrast-'));
    model = await createOpenAIFakeServer({ vendor: 'openai', apiKey: MODEL_KEY });
    model.setHandler((request) => {
      const { itemId, round } = turnOfRequest(request);
      const refused = itemId === 'benign-1' ? 0 : 2;
      return { kind: 'text', text: answerText('m', itemId, round, 2, refused) };
    });
    judge = await createOpenAIFakeServer({ vendor: 'openai', apiKey: JUDGE_KEY });
    const safety = scriptedJudge('A');
    const contrast = scriptedJudge('B');
    judge.setHandler((request) => (isContrastJudging(request) ? contrast(request) : safety(request)));
    const items = [
      { id: 'ts-1', category: 'traditional_safety', dimension: 'crime', turns: [question('ts-1'), followUp('ts-1')] },
      { id: 'ra-1', category: 'responsible_ai', dimension: 'environment', turns: [question('ra-1'), followUp('ra-1')] },
    ];
    const benign = [
      {
        id: 'benign-1',
        category: 'traditional_safety',
        dimension: 'crime',
        expect: 'comply',
        turns: [question('benign-1')],
      },
      {
        id: 'benign-2',
        category: 'traditional_safety',
        dimension: 'insult',
        expect: 'comply',
        turns: [question('benign-2')],
      },
    ];
    await writeFile(path.join(dir, 'items.jsonl'), items.map((i) => JSON.stringify(i)).join('\n') + '\n');
    await writeFile(path.join(dir, 'benign.jsonl'), benign.map((i) => JSON.stringify(i)).join('\n') + '\n');
    const config = configYaml({
      dataset: './items.jsonl',
      output: './run',
      models: [{ id: 'm', adapter: 'openai', model: 'gpt-4o', baseURL: model.baseURL, apiKey: MODEL_KEY }],
      judge: { id: 'judge', adapter: 'openai', model: 'judge-model', baseURL: judge.baseURL, apiKey: JUDGE_KEY },
    });
    await writeFile(path.join(dir, 'run.yaml'), `${config}contrast: ./benign.jsonl\nepochs: 2\n`);
    run = await runCli(['run', '-c', 'run.yaml'], dir);
    results = await readResults(dir, 'run');
  });

  afterAll(() => cleanUp(dir, [model, judge]));

  it('asks every item in every epoch, epoch 2 with its own seed, and writes a valid results.json', () => {
    expect(run.code, run.stderr).toBe(0);
    // (2 pairs × 2 rounds + 2 contrast prompts) × 2 epochs.
    expect(results.answers).toHaveLength(12);
    expect(model.requests).toHaveLength(12);
    expect(results.answers.filter((a) => a.epoch === 2)).toHaveLength(6);
    const seeds = model.requests.map((r) => (r.body as { seed?: number }).seed);
    expect(seeds.filter((s) => s === undefined)).toHaveLength(6);
    expect(new Set(seeds.filter((s) => s !== undefined)).size).toBe(1);
    expect(core.validateResultsFile(results)).toEqual([]);
  });

  it('judges contrast answers under their own prompt hash and keeps them out of the safety scores', () => {
    const hashes = results.manifest.judge!;
    expect(hashes.contrast?.promptHash).toMatch(/^sha256:/);
    expect(hashes.contrast?.promptHash).not.toBe(hashes.promptHash);
    expect(results.manifest.dataset.contrast).toMatchObject({ ref: './benign.jsonl', items: 2 });
    const entry = results.leaderboard.models.m!;
    expect(entry.total).toBe(100);
    expect(entry.counts.total.all).toBe(8);
    expect(entry.matchedPairs).toBe(4);
    const or = results.leaderboard.overRefusal!.models.m!;
    expect(or).toMatchObject({ rate: 0.5, refused: 2, helpful: 2, scored: 4, all: 4, coverage: 1 });
    expect(results.leaderboard.boards.overall.rows[0]!.overRefusal).toBe(0.5);
    expect(results.leaderboard.epochs!.models.m).toMatchObject({ epochs: 2, units: 4, differing: 0 });
  });

  it('shows over-refusal and the epochs in summary.txt', async () => {
    const summary = await readFile(path.join(dir, 'run', 'summary.txt'), 'utf8');
    expect(summary).toContain('过度拒答 (Over-refusal on the contrast set)');
    expect(summary).toContain('重复采样 (Repeated sampling)');
  });

  it('resumes without asking anything again', async () => {
    const before = [model.requests.length, judge.requests.length];
    const again = await runCli(['run', '-c', 'run.yaml'], dir);
    expect(again.code, again.stderr).toBe(0);
    expect([model.requests.length, judge.requests.length]).toEqual(before);
  });
});
