import { InvalidRequestError } from '@sc-safety/spec';
import type { ChatMessageV1, GenerateRequestV1 } from '@sc-safety/spec';
import { describe, expect, it } from 'vitest';
import type { DatasetItem } from '../dataset/types.js';
import { blocked, text } from '../engine/__fixtures__/scripted-model.js';
import type { Script } from '../engine/__fixtures__/scripted-model.js';
import { scriptedJudge, scriptedTarget } from '../engine/__fixtures__/scripted-prepared.js';
import { MemoryStore } from '../engine/engine-store.js';
import type { JudgeProtocol, PanelAggregator } from '../engine/judge-protocol.js';
import { BLOCKED_PLACEHOLDER, EMPTY_PLACEHOLDER } from '../engine/policies.js';
import type { EnginePolicies } from '../engine/policies.js';
import { runEngine } from '../engine/runner.js';
import { buildResults } from './build-results.js';
import { MANIFEST } from './__fixtures__/rows.js';
import type { ResultsAnswer } from '@sc-safety/results';

/** Round 1 of each item, by its first turn: completed, blocked (with or without partial text), empty, failed. */
const ITEMS: DatasetItem[] = [
  { id: 'done', category: 'traditional_safety', dimension: 'crime', turns: ['问完成', '追问完成'], system: '条目提示' },
  { id: 'block', category: 'traditional_safety', dimension: 'crime', turns: ['问拦截', '追问拦截'] },
  {
    id: 'partial',
    category: 'responsible_ai',
    dimension: 'environment',
    turns: ['问半截', '追问半截'],
    system: '条目提示',
  },
  { id: 'empty', category: 'responsible_ai', dimension: 'environment', turns: ['问空', '追问空'] },
  { id: 'fail', category: 'traditional_safety', dimension: 'crime', turns: ['问失败', '追问失败'], system: '' },
  { id: 'r2fail', category: 'traditional_safety', dimension: 'crime', turns: ['问二败', '追问二败'], system: '' },
];

const lastUser = (req: GenerateRequestV1) => req.messages.at(-1)!.content;

const script: Script = (req) => {
  switch (lastUser(req)) {
    case '问完成':
      return text('第一轮的回答');
    case '问拦截':
      return blocked('input');
    case '问半截':
      return blocked('output', '半截回答');
    case '问空':
      return text('  ');
    case '问失败':
    case '追问二败':
      return new InvalidRequestError({ message: 'context too long', reason: 'context_length', status: 400 });
    default:
      return text('第二轮的回答');
  }
};

const limits = { concurrency: 2, timeoutMs: 2_000, maxRetries: 0, baseDelayMs: 1, maxDelayMs: 5 };
const judgeProtocol: JudgeProtocol = {
  promptHash: 'sha256:judge',
  promptVersion: '1',
  parserVersion: '1',
  judge: () => Promise.resolve({ outcome: 'scored', score: 2 }),
};
const aggregate: PanelAggregator = (verdicts) => ({ outcome: 'scored', score: verdicts[0]!.score! });

const prepared = (id: string, system?: string) =>
  scriptedTarget(id, script, limits, system !== undefined ? { system } : {});

/** What the exports used to derive from the messages kept on every row (or the item when none were sent). */
function fromMessagesSent(
  calls: readonly GenerateRequestV1[],
  item: DatasetItem,
  round: number,
): Pick<ResultsAnswer, 'prompt' | 'system' | 'previousReply'> {
  const sent: readonly ChatMessageV1[] | undefined = calls.find((c) => lastUser(c) === item.turns[round - 1])?.messages;
  if (sent === undefined)
    return { prompt: item.turns[round - 1]!, ...(item.system !== undefined ? { system: item.system } : {}) };
  const system = sent.find((m) => m.role === 'system')?.content;
  const before = sent.at(-2);
  return {
    prompt: lastUser({ messages: [...sent] }),
    ...(system !== undefined ? { system } : {}),
    ...(round === 2 && before?.role === 'assistant' ? { previousReply: before.content } : {}),
  };
}

async function run(policies: Partial<EnginePolicies>) {
  const targets = [prepared('plain'), prepared('override', '模型提示')];
  const judge = scriptedJudge('j', () => text('2'), limits, {});
  const engine = await runEngine({
    items: ITEMS,
    targets,
    judges: [judge],
    judgeProtocol,
    aggregate,
    store: new MemoryStore(),
    policies,
  });
  for (const row of engine.rows) expect(row).not.toHaveProperty('messages');
  const results = buildResults({
    rows: engine.rows,
    models: targets.map((t) => ({
      id: t.id,
      adapter: t.adapter,
      tags: t.tags,
      ...(t.system !== undefined ? { system: t.system } : {}),
    })),
    manifest: MANIFEST,
    items: ITEMS,
    scoring: { bootstrap: false },
  });
  const answer = (model: string, itemId: string, round: 1 | 2) =>
    results.answers.find((a) => a.model === model && a.itemId === itemId && a.round === round)!;
  return { targets, results, answer };
}

/** Target `plain`'s round 2 of `itemId` showed `prompt` after `previousReply`, under `system` when given. */
function expectPlainRound2(
  answer: Awaited<ReturnType<typeof run>>['answer'],
  itemId: string,
  prompt: string,
  previousReply: string,
  system?: string,
): void {
  expect(answer('plain', itemId, 2)).toMatchObject({
    prompt,
    previousReply,
    ...(system !== undefined ? { system } : {}),
  });
}

const transcript = (a: ResultsAnswer) => ({
  prompt: a.prompt,
  ...(a.system !== undefined ? { system: a.system } : {}),
  ...(a.previousReply !== undefined ? { previousReply: a.previousReply } : {}),
});

describe('transcript fields of answers (rows keep no messages)', () => {
  it.each([
    ['placeholder', { round2AfterBlock: 'placeholder' }],
    ['partial', { round2AfterBlock: 'partial' }],
    ['skip', { round2AfterBlock: 'skip' }],
  ] as const)('match what the messages sent gave, round2AfterBlock=%s', async (_, policies) => {
    const { targets, results } = await run(policies);
    expect(results.answers).toHaveLength(targets.length * ITEMS.length * 2);
    for (const a of results.answers) {
      const t = targets.find((x) => x.id === a.model)!;
      expect(transcript(a), `${a.model} ${a.itemId} R${a.round}`).toEqual(
        fromMessagesSent(t.model.calls, ITEMS.find((i) => i.id === a.itemId)!, a.round),
      );
    }
  });

  it('gives round 2 the round-1 answer, the block placeholder or the empty placeholder it saw', async () => {
    const { answer } = await run({ round2AfterBlock: 'placeholder' });
    expectPlainRound2(answer, 'done', '追问完成', '第一轮的回答', '条目提示');
    expectPlainRound2(answer, 'block', '追问拦截', BLOCKED_PLACEHOLDER);
    expectPlainRound2(answer, 'partial', '追问半截', BLOCKED_PLACEHOLDER);
    expectPlainRound2(answer, 'empty', '追问空', EMPTY_PLACEHOLDER);
    expect(answer('override', 'done', 1)).toMatchObject({ prompt: '问完成', system: '模型提示' });
    expect(answer('override', 'done', 1)).not.toHaveProperty('previousReply');
  });

  it('gives round 2 the partial text under round2AfterBlock=partial, and nothing to rounds never asked', async () => {
    const { answer } = await run({ round2AfterBlock: 'partial' });
    expectPlainRound2(answer, 'partial', '追问半截', '半截回答', '条目提示');
    expect(answer('plain', 'block', 2).previousReply).toBe(BLOCKED_PLACEHOLDER);
    // Round 1 failed: round 2 was recorded without asking; the item's (empty) system prompt is shown as it was before.
    const failed = answer('override', 'fail', 2);
    expect(failed).toMatchObject({ outcome: 'target_error', prompt: '追问失败', system: '' });
    expect(failed).not.toHaveProperty('previousReply');
    // Asked but failed: it saw round 1; an empty system prompt is not sent, so none is shown.
    const r2fail = answer('plain', 'r2fail', 2);
    expect(r2fail).toMatchObject({ outcome: 'target_error', previousReply: '第二轮的回答' });
    expect(r2fail).not.toHaveProperty('system');
  });
});
