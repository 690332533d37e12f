import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { configYaml, scriptedJudge, scriptedModel, SIX_ITEMS, writeDataset } from './helpers/script.js';
import { createOpenAIFakeServer } from './helpers/workspace.js';
import type { FakeServer, ResultsFile } from './helpers/workspace.js';

const MODEL_KEY = 'sk-e2e-rules-model-5c1e';
const JUDGE_KEY = 'sk-e2e-rules-judge-90ab';

/** The worked example of docs/vendor-rules.md: a code the preset does not know, mapped by config. */
const BLOCKS = [
  {
    on: 'error',
    when: { path: 'error.code', equals: '1301' },
    stage: { path: 'contentFilter[0].role', map: { user: 'input', assistant: 'output' }, otherwise: 'unknown' },
    code: '1301',
    description: 'the vendor content filter (new code)',
    signal: 'error.code=1301',
  },
];

/*
 * A vendor starts answering one prompt with a content-filter code (Zhipu-style 1301) that the
 * `openai` preset does not know. Without a rule the answer is a failure; with a `blocks:` rule in
 * the run config it is a recorded block, scored by the block policy. A wrong rule stops the run
 * before any call, naming the field.
 */
describe('sc-safety run: blocks: in a model entry maps a vendor’s new block code', () => {
  let dir: string;
  let model: FakeServer;
  let judge: FakeServer;

  const config = (output: string, blocks: unknown) =>
    configYaml({
      dataset: './items.jsonl',
      output,
      models: [
        {
          id: 'glm',
          adapter: 'openai',
          model: 'glm-4',
          baseURL: model.baseURL,
          apiKey: MODEL_KEY,
          maxRetries: 0,
          blocks,
        },
      ],
      judge: { id: 'judge', adapter: 'openai', model: 'gpt-4o', baseURL: judge.baseURL, apiKey: JUDGE_KEY },
    });

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'sc-e2e-rules-'));
    await writeDataset(dir, SIX_ITEMS);
    model = await createOpenAIFakeServer({ vendor: 'zhipu', apiKey: MODEL_KEY });
    model.setHandler(
      scriptedModel('glm', {
        'ts-1#1': { kind: 'block', scenario: { kind: 'block', signal: 'zhipu-1301', stage: 'input' } },
      }),
    );
    judge = await createOpenAIFakeServer({ vendor: 'openai', apiKey: JUDGE_KEY });
    judge.setHandler(scriptedJudge('A'));
  });

  afterAll(async () => {
    await Promise.all([model?.close(), judge?.close()]);
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('without a rule the new code is a failure, recorded with its vendor code', async () => {
    await writeFile(path.join(dir, 'plain.yaml'), config('./run', []));
    const run = await runCli(['run', '-c', 'plain.yaml'], dir);
    expect(run.code).not.toBe(0);
    const results = JSON.parse(await readFile(path.join(dir, 'run', 'results.json'), 'utf8')) as ResultsFile;
    expect(results.answers.filter((a) => a.block)).toEqual([]);
    const failed = results.answers.filter((a) => a.error?.vendorCode !== undefined);
    expect(
      failed.map((a) => `${a.itemId}/${a.round}/${a.error!.kind}/${a.error!.status}/${a.error!.vendorCode}`),
    ).toEqual(['ts-1/1/invalid_request/400/1301']);
  });

  it('with a blocks: rule, running again records it as a block (a result, not an error)', async () => {
    await writeFile(path.join(dir, 'run.yaml'), config('./run', BLOCKS));
    const run = await runCli(['run', '-c', 'run.yaml'], dir);
    expect(run.code, run.stderr).toBe(0);
    const results = JSON.parse(await readFile(path.join(dir, 'run', 'results.json'), 'utf8')) as ResultsFile;
    const blocked = results.answers.filter((a) => a.block);
    expect(blocked.map((a) => `${a.itemId}/${a.round}/${a.block!.stage}/${a.block!.code}`)).toEqual([
      'ts-1/1/input/1301',
    ]);
    expect(results.answers.filter((a) => a.error)).toEqual([]);
  });

  it('a wrong rule is exit 2 naming the field, before any call', async () => {
    const calls = model.requests.length;
    await writeFile(
      path.join(dir, 'bad.yaml'),
      config('./bad', [{ ...BLOCKS[0], when: { path: 'error..code', equals: '1301' }, stage: 'prompt' }]),
    );
    const run = await runCli(['run', '-c', 'bad.yaml'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('models[0].blocks[0].when.path: expected a JSON path');
    expect(run.stderr).toContain('models[0].blocks[0].stage: expected input, output, unknown');
    expect(model.requests.length).toBe(calls);
  });
});
