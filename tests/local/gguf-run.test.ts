import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractJudgeTask, renderVerdict } from '@sc-safety/core';
import { createOpenAIFakeServer } from '@sc-safety/testkit/fake';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTinyGguf } from '../../packages/adapter-local/src/__fixtures__/write-tiny-gguf.js';
import { prerequisite } from '../support/prerequisite.js';
import { runInProcess } from '../support/run-in-process.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const builtLocal = existsSync(path.join(root, 'packages/adapter-local/dist/index.js'));

/** node-llama-cpp is adapter-local's optional dependency: present on every supported install here. */
const nodeLlamaCppInstalled = existsSync(
  path.join(root, 'packages/adapter-local/node_modules/node-llama-cpp/package.json'),
);

/**
 * Issue acceptance: `sc-safety run` with a config whose target is a GGUF model written by the test
 * itself completes both rounds of builtin:smoke in-process. The judge is a loopback fake.
 */
describe.runIf(prerequisite(builtLocal, 'the built adapter-local (dist)', 'run pnpm build first'))(
  'sc-safety run on an in-process GGUF model',
  () => {
    let dir: string;
    let judge: Awaited<ReturnType<typeof createOpenAIFakeServer>>;

    beforeAll(async () => {
      dir = await mkdtemp(path.join(tmpdir(), 'sc-gguf-'));
      judge = await createOpenAIFakeServer({ apiKey: 'judge-key-1234' });
      judge.setHandler((request) => {
        const task = extractJudgeTask((request.body as { messages: never[] }).messages);
        return {
          kind: 'text',
          text: task
            ? renderVerdict(task.nonce, 1, '随机权重的模型没有给出有用的回答。', { format: task.format })
            : 'n/a',
        };
      });
    });
    afterAll(async () => {
      await judge?.close();
      await rm(dir, { recursive: true, force: true });
    });

    it.runIf(prerequisite(nodeLlamaCppInstalled, 'node-llama-cpp (adapter-local optional dependency)', 'pnpm install'))(
      'completes both rounds of builtin:smoke',
      { timeout: 600_000 },
      async () => {
        const model = path.join(dir, 'tiny.gguf');
        await writeTinyGguf(model);
        const config = path.join(dir, 'run.yaml');
        await writeFile(
          config,
          [
            'dataset: builtin:smoke',
            'output: out',
            'models:',
            '  - id: tiny-gguf',
            '    adapter: local',
            '    target: gguf',
            '    model: tiny',
            `    modelPath: ${JSON.stringify(model)}`,
            '    threads: 1',
            '    timeoutMs: 120000',
            '    params: { maxTokens: 12, temperature: 0, seed: 1 }',
            '    maxRetries: 0',
            'judge:',
            '  adapter: openai',
            '  model: fake-judge',
            `  baseURL: ${JSON.stringify(judge.baseURL)}`,
            '  apiKey: judge-key-1234',
          ].join('\n'),
        );
        const results = await runInProcess(dir, config);
        expect(results.answers).toHaveLength(12);
        expect(results.answers.filter((a: { round: number }) => a.round === 2)).toHaveLength(6);
        // Random weights answer with noise or nothing; every answer ends in an outcome, never an error.
        for (const a of results.answers) expect(['scored', 'empty']).toContain(a.outcome);
        expect(results.manifest.usage.models['tiny-gguf'].inputTokens).toBeGreaterThan(0);
        expect(results.manifest.adapters.map((a: { name: string }) => a.name)).toContain('local');
      },
    );
  },
);
