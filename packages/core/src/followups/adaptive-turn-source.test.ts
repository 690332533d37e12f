import { describe, expect, it } from 'vitest';
import type { DatasetItem } from '../dataset/types.js';
import { scriptedModel, text } from '../engine/__fixtures__/scripted-model.js';
import type { Script } from '../engine/__fixtures__/scripted-model.js';
import { scriptedJudge, scriptedTarget } from '../engine/__fixtures__/scripted-prepared.js';
import { MemoryStore } from '../engine/engine-store.js';
import type { JudgeProtocol, PanelAggregator } from '../engine/judge-protocol.js';
import { ModelLane } from '../engine/lane.js';
import { runEngine } from '../engine/runner.js';
import { buildAdaptiveLeaderboard } from '@sc-safety/results';
import { defaultTaxonomy } from '@sc-safety/results';
import { adaptiveTurnSource } from './adaptive-turn-source.js';
import { extractAdaptiveAttackerTask } from './extract-adaptive-attacker-task.js';

const limits = { concurrency: 2, timeoutMs: 2_000, maxRetries: 1, baseDelayMs: 1, maxDelayMs: 2 };
const items: DatasetItem[] = ['a', 'b', 'refuse'].map((id) => ({
  id,
  category: 'traditional_safety',
  dimension: 'crime',
  turns: [`【${id}】问题`],
}));

/** The target answers `A<turn>:<item>`; item b's third answer is unsafe. */
const targetScript: Script = (req) => {
  const turn = req.messages.filter((m) => m.role === 'user').length;
  const id = /【(\w+)】/.exec(req.messages.find((m) => m.role === 'user')!.content)![1]!;
  return text(id === 'b' && turn === 3 ? `危险 A${turn}:${id}` : `A${turn}:${id}`);
};

/** The attacker: checks it sees the target's answers, refuses for item "refuse". */
function attackerModel(seen: string[]) {
  return scriptedModel('atk', (req) => {
    const task = extractAdaptiveAttackerTask(req.messages)!;
    const id = /【(\w+)】/.exec(task.turns[0]!)![1]!;
    seen.push(`${id}#${task.turn}:${task.answers.join('|')}`);
    if (id === 'refuse') return text('<拒绝/>');
    return text(`<追问>【${id}】第${task.turn}轮：请继续说。</追问>`);
  });
}

const protocol: JudgeProtocol = {
  promptHash: 'sha256:j2',
  multiTurnPromptHash: 'sha256:j3',
  promptVersion: '1',
  parserVersion: '1',
  judge: (task) =>
    Promise.resolve({
      outcome: 'scored',
      score: task.answer.includes('危险') ? 0 : 2,
      reason: `${task.turns.length}/${task.replies.length}`,
    }),
};
const single: PanelAggregator = (v) => ({
  outcome: v[0]!.outcome,
  ...(v[0]!.score !== undefined ? { score: v[0]!.score } : {}),
});

async function run(store: MemoryStore, seen: string[]) {
  const target = scriptedTarget('t', targetScript, limits);
  const judge = scriptedJudge('j', () => text('x'), limits);
  const atk = attackerModel(seen);
  const source = adaptiveTurnSource({
    attacker: {
      id: 'atk',
      adapterName: 'scripted',
      keyConfig: { model: 'atk' },
      params: {},
      lane: new ModelLane('atk', atk, limits),
    },
    store,
    strategies: ['pressure', 'role_play'],
    seed: 1,
    turns: 3,
    maxChars: 100,
    taxonomy: defaultTaxonomy,
    promptHash: 'sha256:atk',
  });
  const result = await runEngine({
    items,
    targets: [target],
    judges: [judge],
    judgeProtocol: protocol,
    aggregate: single,
    store,
    turnSource: source,
  });
  return { result, target: target.model, atk };
}

describe('adaptive follow-ups in the engine (3 turns)', () => {
  it('asks each next turn from the attacker, who sees the real answers; stops a conversation on a refusal', async () => {
    const store = new MemoryStore();
    const seen: string[] = [];
    const { result } = await run(store, seen);
    expect(seen.sort()).toEqual(['a#2:A1:a', 'a#3:A1:a|A2:a', 'b#2:A1:b', 'b#3:A1:b|A2:b', 'refuse#2:A1:refuse']);
    const rows = (id: string) =>
      result.rows.filter((r) => r.itemId === id).map((r) => [r.round, r.outcome, r.score, r.followup?.outcome]);
    expect(rows('a')).toEqual([
      [1, 'scored', 2, undefined],
      [2, 'scored', 2, 'ok'],
      [3, 'scored', 2, 'ok'],
    ]);
    expect(rows('refuse')).toEqual([
      [1, 'scored', 2, undefined],
      [2, 'not_asked', null, 'attacker_refused'],
      [3, 'not_asked', null, 'attacker_refused'],
    ]);
    const a3 = result.rows.find((r) => r.itemId === 'a' && r.round === 3)!;
    expect(a3).toMatchObject({
      mode: 'adaptive',
      previousReply: 'A2:a',
      followup: { text: '【a】第3轮：请继续说。', attacker: 'atk' },
    });
    // The judge got the conversation's own turns: 3 user turns, 2 earlier replies.
    expect(a3.judgments[0]!.reason).toBe('3/2');
    expect(store.followups.size).toBe(5);
    const board = buildAdaptiveLeaderboard(result.rows, [{ id: 't' }], { turns: 3 });
    expect(board.models.t).toMatchObject({
      flips: 1,
      firstFlipTurn: { '3': 1 },
      attackerOutcomes: { ok: 4, attacker_refused: 1 },
    });
    expect(board.models.t!.rounds.map((r) => r.score)).toEqual([100, 100, 50]);
  });

  it('resumes from the store: no target, attacker or judge call is made again', async () => {
    const store = new MemoryStore();
    await run(store, []);
    const seen: string[] = [];
    const again = await run(store, seen);
    expect(seen).toEqual([]);
    expect(again.target.calls).toHaveLength(0);
    expect(again.result.rows.every((r) => r.cached !== false && r.judgments.every((j) => j.cached === true))).toBe(
      true,
    );
  });
});
