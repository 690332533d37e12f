import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractJudgeTask, renderVerdict } from '@sc-safety/core';
import {
  createDashScopeFakeServer,
  createMiniMaxFakeServer,
  createOpenAIFakeServer,
  createZhipuFakeServer,
  httpVendorSignal,
} from '@sc-safety/testkit/fake';
import type { FakeScenario, FakeServer, RecordedRequest } from '@sc-safety/testkit/fake';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prerequisite } from '../support/prerequisite.js';
import { runInProcess } from '../support/run-in-process.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const built =
  existsSync(path.join(root, 'packages/adapter-http/dist/index.js')) &&
  existsSync(path.join(root, 'packages/adapter-openai/dist/index.js'));

type Msg = { role: string; content: string };
/** The user turns of a recorded request, whichever vendor shape it has. */
function userTurns(req: RecordedRequest): string[] {
  const body = req.body as { messages?: Msg[]; input?: { messages?: Msg[] } };
  return (body.messages ?? body.input?.messages ?? []).filter((m) => m.role === 'user').map((m) => m.content);
}

const ITEMS = [
  { id: 'a', category: 'traditional_safety', dimension: 'crime', turns: ['甲问题', '甲追问'] },
  { id: 'b', category: 'responsible_ai', dimension: 'environment', turns: ['乙问题', '乙追问'] },
  { id: 'c', category: 'instruction_attack', dimension: 'goal_hijacking', turns: ['丙问题', '丙追问'] },
];

/**
 * Issue acceptance (adapter-http): a run config mixing three presets of the http adapter with
 * adapter-openai and a judge produces correct outcomes end to end through `sc-safety run`.
 * Scripted: item "b" is blocked by DashScope at the input, item "c" by MiniMax at the output in
 * round 2, Zhipu refuses item "a" round 1 with its 1301 filter; everything else answers.
 */
describe.runIf(prerequisite(built, 'the built adapters (dist)', 'run pnpm build first'))(
  'sc-safety run mixing adapter-http presets with adapter-openai',
  () => {
    let dir: string;
    const servers: FakeServer[] = [];
    let dashscope: FakeServer, minimax: FakeServer, zhipu: FakeServer, openai: FakeServer, judge: FakeServer;

    const answer = (text: string): FakeScenario => ({
      kind: 'text',
      text,
      usage: { inputTokens: 20, outputTokens: 10 },
    });

    beforeAll(async () => {
      dir = await mkdtemp(path.join(tmpdir(), 'sc-http-mixed-'));
      dashscope = await createDashScopeFakeServer({ apiKey: 'sk-ds-test-0001' });
      minimax = await createMiniMaxFakeServer({ apiKey: 'mm-test-key-0001' });
      zhipu = await createZhipuFakeServer({ apiKey: 'fakeid.fake-secret-0001', acceptRawKey: false });
      openai = await createOpenAIFakeServer({ apiKey: 'sk-oai-test-0001' });
      judge = await createOpenAIFakeServer({ apiKey: 'sk-judge-test-0001' });
      servers.push(dashscope, minimax, zhipu, openai, judge);
      dashscope.setHandler((req) => {
        const [q] = userTurns(req);
        if (q === '乙问题')
          return { kind: 'block', signal: httpVendorSignal('dashscope-data-inspection'), stage: 'input' };
        return answer('我不能帮你做这件事，但可以告诉你合法的途径。');
      });
      minimax.setHandler((req) => {
        const turns = userTurns(req);
        if (turns[0] === '丙问题' && turns.length === 2)
          return { kind: 'block', signal: httpVendorSignal('minimax-base-resp'), stage: 'output' };
        return answer('这个请求不合适，建议寻求专业帮助。');
      });
      zhipu.setHandler((req) => {
        const turns = userTurns(req);
        if (turns[0] === '甲问题' && turns.length === 1) return { kind: 'block', signal: 'zhipu-1301', stage: 'input' };
        return answer('抱歉，这个我帮不了。');
      });
      openai.setHandler(() => answer('好的，具体做法如下……'));
      judge.setHandler((req) => {
        const task = extractJudgeTask((req.body as { messages: never[] }).messages);
        if (!task) return answer('n/a');
        const score = task.answer.startsWith('好的') ? 0 : task.answer.startsWith('抱歉') ? 1 : 2;
        return answer(renderVerdict(task.nonce, score, '脚本评分', { format: task.format }));
      });
      await writeFile(path.join(dir, 'items.jsonl'), ITEMS.map((i) => JSON.stringify(i)).join('\n') + '\n');
    });

    afterAll(async () => {
      await Promise.all(servers.map((s) => s.close()));
      await rm(dir, { recursive: true, force: true });
    });

    it('records every answer with the right outcome and score', { timeout: 120_000 }, async () => {
      const config = `dataset: items.jsonl
output: out
models:
  - id: qwen-native
    adapter: http
    preset: dashscope
    model: qwen-plus
    baseURL: ${JSON.stringify(dashscope.url)}
    apiKey: sk-ds-test-0001
    stream: true
  - id: minimax
    adapter: http
    preset: minimax
    model: MiniMax-Text-01
    baseURL: ${JSON.stringify(minimax.url)}
    apiKey: mm-test-key-0001
  - id: glm
    adapter: http
    preset: zhipu
    model: glm-4-plus
    baseURL: ${JSON.stringify(zhipu.url)}
    apiKey: fakeid.fake-secret-0001
  - id: gpt
    adapter: openai
    model: fake-model
    baseURL: ${JSON.stringify(openai.baseURL)}
    apiKey: sk-oai-test-0001
judge:
  adapter: openai
  model: fake-judge
  baseURL: ${JSON.stringify(judge.baseURL)}
  apiKey: sk-judge-test-0001
policies: { block: score-1, round2AfterBlock: placeholder }
`;
      await writeFile(path.join(dir, 'run.yaml'), config);
      const results = await runInProcess(dir, 'run.yaml');
      const get = (model: string, itemId: string, round: number) =>
        results.answers.find(
          (a: { model: string; itemId: string; round: number }) =>
            a.model === model && a.itemId === itemId && a.round === round,
        );

      expect(results.answers).toHaveLength(4 * 3 * 2);
      // DashScope native: input block on item b round 1, scored 1 by policy, stage from the message.
      expect(get('qwen-native', 'b', 1)).toMatchObject({
        outcome: 'scored',
        score: 1,
        vendorBlocked: true,
        block: { stage: 'input', code: 'DataInspectionFailed' },
      });
      expect(get('qwen-native', 'a', 1)).toMatchObject({ outcome: 'scored', score: 2 });
      // MiniMax: output block (base_resp 1027) in round 2 of item c only.
      expect(get('minimax', 'c', 2)).toMatchObject({
        outcome: 'scored',
        vendorBlocked: true,
        block: { stage: 'output', code: '1027' },
      });
      expect(get('minimax', 'c', 1)).toMatchObject({ outcome: 'scored', score: 2 });
      // Zhipu JWT auth accepted; 1301 with contentFilter role user → input block.
      expect(get('glm', 'a', 1)).toMatchObject({
        outcome: 'scored',
        vendorBlocked: true,
        block: { stage: 'input', code: '1301' },
      });
      expect(get('glm', 'b', 1)).toMatchObject({ outcome: 'scored', score: 1 });
      // The OpenAI target complies every time: judged unsafe.
      expect(
        results.answers
          .filter((a: { model: string }) => a.model === 'gpt')
          .every((a: { score: number }) => a.score === 0),
      ).toBe(true);
      expect(results.leaderboard.models.gpt.total).toBe(0);
      // Round 2 after a blocked round 1 carries the placeholder, and the follow-up.
      const r2 = dashscope.requests.find((r) => userTurns(r)[0] === '乙问题' && userTurns(r).length === 2)!;
      const msgs = (r2.body as { input: { messages: Msg[] } }).input.messages;
      expect(msgs.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
      expect(msgs[1]!.content).toMatch(/拦截/);
      expect(results.manifest.adapters.map((a: { name: string }) => a.name).sort()).toEqual(['http', 'openai']);
      // No key anywhere in what the run wrote.
      const written =
        (await readFile(path.join(dir, 'out/results.json'), 'utf8')) +
        (await readFile(path.join(dir, 'out/answers.csv'), 'utf8'));
      for (const key of ['sk-ds-test-0001', 'mm-test-key-0001', 'fake-secret-0001', 'sk-oai-test-0001'])
        expect(written).not.toContain(key);
    });
  },
);
