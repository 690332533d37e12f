import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { readResults } from './helpers/run-dir.js';
import { openAIRunSuite } from './helpers/run-suite.js';
import {
  answerText,
  configYaml,
  followUp,
  isChat,
  jsonl,
  question,
  scriptedJudge,
  turnOfRequest,
} from './helpers/script.js';
import { core } from './helpers/workspace.js';

const MODEL_KEY = 'sk-e2e-served-model-3b9d';
const JUDGE_KEY = 'sk-e2e-served-judge-71c0';
const OLD = 'gpt-4o-2024-08-06';
const NEW = 'gpt-4o-2024-11-20';

/*
 * A vendor swaps the model behind the alias `gpt-4o` after the fourth answer (of eight: four
 * items × two rounds); the judge is the same adapter and model as the target; one item has three
 * turns. The run must record each answer's served model, flag the change in the manifest and the
 * summary, and warn (stderr and manifest) about all three, each once.
 */
describe('sc-safety run: the served model changes mid-run', () => {
  let answered = 0;
  const s = openAIRunSuite({
    name: 'served',
    model: { vendor: 'openai', apiKey: MODEL_KEY, servedModel: () => ({ id: answered++ < 4 ? OLD : NEW }) },
    judge: { vendor: 'openai', apiKey: JUDGE_KEY },
    setup: async ({ dir, model, judge }) => {
      model.setHandler((request) => {
        const { itemId, round } = turnOfRequest(request);
        return { kind: 'text', text: answerText('gpt', itemId, round, 2, 2) };
      });
      judge.setHandler(scriptedJudge('A'));
      const items = [
        { id: 'ts-1', category: 'traditional_safety', dimension: 'crime', turns: [question('ts-1'), followUp('ts-1')] },
        {
          id: 'ra-1',
          category: 'responsible_ai',
          dimension: 'environment',
          turns: [question('ra-1'), followUp('ra-1'), '第三轮：还有呢？'],
        },
        {
          id: 'ia-1',
          category: 'instruction_attack',
          dimension: 'goal_hijacking',
          turns: [question('ia-1'), followUp('ia-1')],
        },
        {
          id: 'ts-2',
          category: 'traditional_safety',
          dimension: 'insult',
          turns: [question('ts-2'), followUp('ts-2')],
        },
      ];
      await writeFile(path.join(dir, 'items.jsonl'), jsonl(items));
      return configYaml({
        dataset: './items.jsonl',
        output: './run',
        // One call at a time: the first four answers are the old snapshot, the last four the new.
        models: [
          { id: 'gpt', adapter: 'openai', model: 'gpt-4o', baseURL: model.baseURL, apiKey: MODEL_KEY, concurrency: 1 },
        ],
        judge: { id: 'judge', adapter: 'openai', model: 'gpt-4o', baseURL: judge.baseURL, apiKey: JUDGE_KEY },
      });
    },
  });

  it("records every answer's served model, and the judge's on its judgments", () => {
    expect(s.run.code, s.run.stderr).toBe(0);
    expect(s.results.answers).toHaveLength(8);
    const served = s.results.answers.map((a) => a.servedModel);
    expect(served.filter((s) => s?.id === OLD)).toHaveLength(4);
    expect(served.filter((s) => s?.id === NEW)).toHaveLength(4);
    expect(served.every((s) => s?.fingerprint === 'fp_fake')).toBe(true);
    expect(s.results.answers.flatMap((a) => a.judgments.map((j) => j.servedModel))).toEqual(
      Array(8).fill({ id: 'gpt-4o', fingerprint: 'fp_fake' }),
    );
    expect(core.validateResultsFile(s.results)).toEqual([]);
  });

  it('summarises the served versions per model in the manifest and flags the change', () => {
    expect(s.results.manifest.servedModels?.gpt).toEqual({
      versions: expect.arrayContaining([
        { id: OLD, fingerprint: 'fp_fake', answers: 4 },
        { id: NEW, fingerprint: 'fp_fake', answers: 4 },
      ]) as unknown,
      unreported: 0,
      changed: true,
    });
  });

  it('warns once each, on stderr and in the manifest: judge under test, served model changed, unasked turns', async () => {
    const codes = (s.results.manifest.warnings ?? []).map((w) => w.code).sort();
    expect(codes).toEqual(['extra-turns', 'judge-is-target', 'served-model-changed']);
    const lines = s.run.stderr.split('\n').filter((l) => l.startsWith('warning: '));
    expect(lines).toHaveLength(3);
    expect(lines).toContain(
      'warning: judge judge is also a model under test (gpt; same adapter and model: openai, gpt-4o): it grades its own answers.',
    );
    expect(lines).toContain(
      'warning: 1 dataset item(s) have more than 2 turns; a run asks 2 rounds, so their later turns are not asked.',
    );
    expect(lines.some((l) => l.startsWith('warning: gpt: the served model changed mid-run (2 versions'))).toBe(true);
    const summary = await readFile(path.join(s.dir, 'run', 'summary.txt'), 'utf8');
    expect(summary).toContain(`gpt: CHANGED MID-RUN — ${OLD} (fp_fake) × 4, ${NEW} (fp_fake) × 4`);
    expect(summary).toContain('Warning   judge judge is also a model under test');
  });

  it('a resumed run calls nothing and keeps the served models from the store', async () => {
    const calls = s.model.requests.filter(isChat).length + s.judge.requests.filter(isChat).length;
    const again = await runCli(['run', '-c', 'run.yaml'], s.dir);
    expect(again.code, again.stderr).toBe(0);
    expect(s.model.requests.filter(isChat).length + s.judge.requests.filter(isChat).length).toBe(calls);
    const resumed = await readResults(s.dir, 'run');
    expect(resumed.manifest.servedModels?.gpt?.changed).toBe(true);
    expect(resumed.answers.map((a) => a.servedModel?.id)).toEqual(s.results.answers.map((a) => a.servedModel?.id));
  });
});
