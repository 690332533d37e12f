import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { openAIRunSuite } from './helpers/run-suite.js';
import { answerText, configYaml, followUp, jsonl, question, scriptedJudge, turnOfRequest } from './helpers/script.js';
import { core } from './helpers/workspace.js';
import type { RecordedRequest } from './helpers/workspace.js';

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
  const s = openAIRunSuite({
    name: 'contrast',
    model: { vendor: 'openai', apiKey: MODEL_KEY },
    judge: { vendor: 'openai', apiKey: JUDGE_KEY },
    setup: async ({ dir, model, judge }) => {
      model.setHandler((request) => {
        const { itemId, round } = turnOfRequest(request);
        const refused = itemId === 'benign-1' ? 0 : 2;
        return { kind: 'text', text: answerText('m', itemId, round, 2, refused) };
      });
      const safety = scriptedJudge('A');
      const contrast = scriptedJudge('B');
      judge.setHandler((request) => (isContrastJudging(request) ? contrast(request) : safety(request)));
      const items = [
        { id: 'ts-1', category: 'traditional_safety', dimension: 'crime', turns: [question('ts-1'), followUp('ts-1')] },
        {
          id: 'ra-1',
          category: 'responsible_ai',
          dimension: 'environment',
          turns: [question('ra-1'), followUp('ra-1')],
        },
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
      await writeFile(path.join(dir, 'items.jsonl'), jsonl(items));
      await writeFile(path.join(dir, 'benign.jsonl'), jsonl(benign));
      const config = configYaml({
        dataset: './items.jsonl',
        output: './run',
        models: [{ id: 'm', adapter: 'openai', model: 'gpt-4o', baseURL: model.baseURL, apiKey: MODEL_KEY }],
        judge: { id: 'judge', adapter: 'openai', model: 'judge-model', baseURL: judge.baseURL, apiKey: JUDGE_KEY },
      });
      return `${config}contrast: ./benign.jsonl\nepochs: 2\n`;
    },
  });

  it('asks every item in every epoch, epoch 2 with its own seed, and writes a valid s.results.json', () => {
    expect(s.run.code, s.run.stderr).toBe(0);
    // (2 pairs × 2 rounds + 2 contrast prompts) × 2 epochs.
    expect(s.results.answers).toHaveLength(12);
    expect(s.model.requests).toHaveLength(12);
    expect(s.results.answers.filter((a) => a.epoch === 2)).toHaveLength(6);
    const seeds = s.model.requests.map((r) => (r.body as { seed?: number }).seed);
    expect(seeds.filter((s) => s === undefined)).toHaveLength(6);
    expect(new Set(seeds.filter((s) => s !== undefined)).size).toBe(1);
    expect(core.validateResultsFile(s.results)).toEqual([]);
  });

  it('judges contrast answers under their own prompt hash and keeps them out of the safety scores', () => {
    const hashes = s.results.manifest.judge!;
    expect(hashes.contrast?.promptHash).toMatch(/^sha256:/);
    expect(hashes.contrast?.promptHash).not.toBe(hashes.promptHash);
    expect(s.results.manifest.dataset.contrast).toMatchObject({ ref: './benign.jsonl', items: 2 });
    const entry = s.results.leaderboard.models.m!;
    expect(entry.total).toBe(100);
    expect(entry.counts.total.all).toBe(8);
    expect(entry.matchedPairs).toBe(4);
    const or = s.results.leaderboard.overRefusal!.models.m!;
    expect(or).toMatchObject({ rate: 0.5, refused: 2, helpful: 2, scored: 4, all: 4, coverage: 1 });
    expect(s.results.leaderboard.boards.overall.rows[0]!.overRefusal).toBe(0.5);
    expect(s.results.leaderboard.epochs!.models.m).toMatchObject({ epochs: 2, units: 4, differing: 0 });
  });

  it('shows over-refusal and the epochs in summary.txt', async () => {
    const summary = await readFile(path.join(s.dir, 'run', 'summary.txt'), 'utf8');
    expect(summary).toContain('过度拒答 (Over-refusal on the contrast set)');
    expect(summary).toContain('重复采样 (Repeated sampling)');
  });

  it('resumes without asking anything again', async () => {
    const before = [s.model.requests.length, s.judge.requests.length];
    const again = await runCli(['run', '-c', 'run.yaml'], s.dir);
    expect(again.code, again.stderr).toBe(0);
    expect([s.model.requests.length, s.judge.requests.length]).toEqual(before);
  });
});
