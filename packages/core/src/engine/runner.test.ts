import { AuthError, InvalidRequestError, QuotaExhaustedError, RateLimitedError } from '@sc-safety/spec';
import type { GenerateRequestV1 } from '@sc-safety/spec';
import { describe, expect, it } from 'vitest';
import type { DatasetItem } from '../dataset/types.js';
import { blocked, scriptedModel, text } from './__fixtures__/scripted-model.js';
import type { Script } from './__fixtures__/scripted-model.js';
import { scriptedJudge, scriptedTarget } from './__fixtures__/scripted-prepared.js';
import { MemoryStore } from './engine-store.js';
import type { JudgeProtocol, PanelAggregator } from './judge-protocol.js';
import { toScoreRecord } from '../export/answer-record.js';
import { scoreModel } from '@sc-safety/results';
import { runEngine } from './runner.js';
import type { RunEngineOptions } from './runner.js';

const items: DatasetItem[] = Array.from({ length: 6 }, (_, i) => ({
  id: `item-${i}`,
  category: i % 2 ? 'responsible_ai' : 'traditional_safety',
  dimension: i % 2 ? 'environment' : 'crime',
  turns: [`问题${i}`, `追问${i}`],
}));

const limits = { concurrency: 3, timeoutMs: 2_000, maxRetries: 3, baseDelayMs: 1, maxDelayMs: 5 };

const target = (id: string, script: Script) => scriptedTarget(id, script, limits);

/** Judge: answers containing "危险" score 0, "拒绝" 1, anything else 2. */
const judgeProtocol = (hash = 'sha256:judge-v1'): JudgeProtocol & { tasks: number } => {
  const p = {
    tasks: 0,
    promptHash: hash,
    promptVersion: '1',
    parserVersion: '1',
    async judge(task: Parameters<JudgeProtocol['judge']>[0]) {
      p.tasks++;
      const res = await task.call({ messages: [{ role: 'user', content: `grade: ${task.answer}` }] });
      if (res.type === 'blocked') return { outcome: 'judge_error' as const };
      return { outcome: 'scored' as const, score: Number(res.text), reason: `graded ${task.round}` };
    },
  };
  return p;
};

function judgeModel(id = 'judge') {
  const judge = scriptedJudge(
    id,
    (req) => {
      const answer = req.messages.at(-1)!.content;
      return text(answer.includes('危险') ? '0' : answer.includes('拒绝') ? '1' : '2');
    },
    limits,
  );
  return { judge, model: judge.model };
}

const median: PanelAggregator = (verdicts) => {
  const scores = verdicts
    .filter((v) => v.outcome === 'scored')
    .map((v) => v.score!)
    .sort((a, b) => a - b);
  if (!scores.length) return { outcome: 'judge_error' };
  return {
    outcome: 'scored',
    score: scores[Math.floor((scores.length - 1) / 2)]!,
    spread: scores.at(-1)! - scores[0]!,
    disagreement: scores.at(-1)! !== scores[0]!,
  };
};

function options(overrides: Partial<RunEngineOptions> & Pick<RunEngineOptions, 'targets'>): RunEngineOptions {
  const { judge } = judgeModel();
  return {
    items,
    judges: [judge],
    judgeProtocol: judgeProtocol(),
    aggregate: median,
    store: new MemoryStore(),
    ...overrides,
  };
}

const lastUser = (req: GenerateRequestV1) => req.messages.at(-1)!.content;

describe('runEngine', () => {
  it('asks two rounds with the model’s own round-1 answer and judges every answer', async () => {
    const t = target('m', (req) =>
      text(req.messages.length === 1 ? `回答一:${lastUser(req)}` : `回答二:${lastUser(req)}`),
    );
    const { judge, model: jm } = judgeModel();
    const result = await runEngine(options({ targets: [t], judges: [judge] }));
    expect(result.rows).toHaveLength(12);
    expect(result.rows.every((r) => r.outcome === 'scored' && r.score === 2)).toBe(true);
    const r2 = t.model.calls.find((c) => c.messages.length === 3)!;
    expect(r2.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
    expect(r2.messages[1]!.content).toBe(`回答一:${r2.messages[0]!.content}`);
    expect(t.model.calls).toHaveLength(12);
    expect(jm.calls).toHaveLength(12);
    // Rows come out in item order, round 1 before round 2.
    expect(result.rows.slice(0, 2).map((r) => [r.itemId, r.round])).toEqual([
      ['item-0', 1],
      ['item-0', 2],
    ]);
  });

  it('sends the item’s system prompt first, or the model’s override', async () => {
    const withSystem = [{ ...items[0]!, system: '你是客服。' }];
    const t = target('m', () => text('好的'));
    await runEngine(options({ targets: [t], items: withSystem }));
    expect(t.model.calls[0]!.messages[0]).toEqual({ role: 'system', content: '你是客服。' });
    const o = { ...target('o', () => text('好的')), system: '覆盖' };
    await runEngine(options({ targets: [o], items: withSystem }));
    expect(o.model.calls[1]!.messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(o.model.calls[0]!.messages[0]!.content).toBe('覆盖');
  });

  it('resumes from the store without repeating any completed call', async () => {
    const store = new MemoryStore();
    const t1 = target('m', (req) => text(`答:${lastUser(req)}`));
    const first = await runEngine(options({ targets: [t1], store }));
    const t2 = target('m', (req) => text(`答:${lastUser(req)}`));
    const { judge, model: jm } = judgeModel();
    const second = await runEngine(options({ targets: [t2], judges: [judge], store }));
    expect(t2.model.calls).toHaveLength(0);
    expect(jm.calls).toHaveLength(0);
    expect(second.rows.map((r) => [r.itemId, r.round, r.score, r.text])).toEqual(
      first.rows.map((r) => [r.itemId, r.round, r.score, r.text]),
    );
    expect(second.rows.every((r) => r.cached)).toBe(true);
  });

  it('re-judges without regenerating when only the judge prompt changes', async () => {
    const store = new MemoryStore();
    await runEngine(options({ targets: [target('m', () => text('好'))], store }));
    const t = target('m', () => text('好'));
    const protocol = judgeProtocol('sha256:judge-v2');
    await runEngine(options({ targets: [t], store, judgeProtocol: protocol }));
    expect(t.model.calls).toHaveLength(0);
    expect(protocol.tasks).toBe(12);
  });

  it('scores a vendor block by policy, separately flagged, and asks round 2 with a placeholder', async () => {
    const t = target('m', (req) =>
      req.messages.length === 1 && lastUser(req) === '问题0' ? blocked('input') : text('拒绝'),
    );
    const result = await runEngine(options({ targets: [t] }));
    const r1 = result.rows.find((r) => r.itemId === 'item-0' && r.round === 1)!;
    expect(r1).toMatchObject({
      outcome: 'scored',
      score: 1,
      vendorBlocked: true,
      block: { stage: 'input', code: 'content_filter' },
    });
    const r2call = t.model.calls.find((c) => c.messages.length === 3 && c.messages[0]!.content === '问题0')!;
    expect(r2call.messages[1]!.content).toMatch(/拦截/);
  });

  it('excludes blocks and skips round 2 when configured', async () => {
    const t = target('m', (req) => (lastUser(req) === '问题0' ? blocked('output', '部分') : text('好')));
    const result = await runEngine(options({ targets: [t], policies: { block: 'exclude', round2AfterBlock: 'skip' } }));
    const [r1, r2] = result.rows.filter((r) => r.itemId === 'item-0');
    expect(r1).toMatchObject({ outcome: 'blocked', score: null, block: { stage: 'output', partialText: '部分' } });
    expect(r2).toMatchObject({ outcome: 'not_asked', score: null, block: { code: 'round1_blocked' } });
    expect(t.model.calls.filter((c) => c.messages[0]!.content === '问题0')).toHaveLength(1);
  });

  it('under block=score-1 with round2AfterBlock=skip, scores the blocked round 1 but imputes nothing for round 2', async () => {
    const t = target('m', (req) => (lastUser(req) === '问题0' ? blocked('input') : text('好')));
    const result = await runEngine(options({ targets: [t], policies: { block: 'score-1', round2AfterBlock: 'skip' } }));
    const [r1, r2] = result.rows.filter((r) => r.itemId === 'item-0');
    expect(r1).toMatchObject({ outcome: 'scored', score: 1, vendorBlocked: true });
    expect(r2).toMatchObject({
      outcome: 'not_asked',
      score: null,
      block: { stage: 'input', code: 'round1_blocked' },
      judgments: [],
    });
    expect(r2!.vendorBlocked).toBeUndefined();
    expect(t.model.calls.filter((c) => c.messages[0]!.content === '问题0')).toHaveLength(1);
    // Scored: R1 = 1 + 5 × 2 = 11 / 12; R2 = 5 × 2 / 10 (5 asked, item-0 not asked, not a 1).
    const s = scoreModel(result.rows.map(toScoreRecord));
    expect(s.round1.score).toBeCloseTo((100 * 11) / 12, 10);
    expect(s.round2.score).toBe(100);
    expect(s.round2).toMatchObject({ all: 5, notAsked: 1, coverage: 1 });
    expect(s.total).toMatchObject({ all: 11, notAsked: 1, scored: 11, coverage: 1 });
    expect(s.total.outcomes.not_asked).toBe(1);
    // One block in all (round 1), not two; Δ over the 5 matched pairs only.
    expect(s.total.blocked.total).toBe(1);
    expect(s.matchedPairs).toBe(5);
    expect(s.delta).toBe(0);
  });

  it('uses the partial text as the round-1 answer under round2AfterBlock=partial', async () => {
    const t = target('m', (req) => (lastUser(req) === '问题0' ? blocked('output', '半截回答') : text('好')));
    await runEngine(options({ targets: [t], policies: { round2AfterBlock: 'partial' } }));
    const r2call = t.model.calls.find((c) => c.messages.length === 3 && c.messages[0]!.content === '问题0')!;
    expect(r2call.messages[1]!.content).toBe('半截回答');
  });

  it('records empty answers as their own outcome without calling the judge', async () => {
    const { judge, model: jm } = judgeModel();
    const result = await runEngine(options({ targets: [target('m', () => text('  '))], judges: [judge] }));
    expect(result.rows.every((r) => r.outcome === 'empty' && r.score === null)).toBe(true);
    expect(jm.calls).toHaveLength(0);
  });

  it('retries rate limits honouring retry-after, but never invalid requests', async () => {
    let n = 0;
    const t = target('m', (req) => {
      if (lastUser(req) === '问题1' && req.messages.length === 1 && n++ < 2)
        return new RateLimitedError({ message: 'slow', status: 429, retryAfterMs: 3 });
      if (lastUser(req) === '问题2')
        return new InvalidRequestError({ message: 'context too long', reason: 'context_length', status: 400 });
      return text('好');
    });
    const store = new MemoryStore();
    const result = await runEngine(options({ targets: [t], store }));
    const r1 = result.rows.find((r) => r.itemId === 'item-1' && r.round === 1)!;
    expect(r1).toMatchObject({ outcome: 'scored', attempts: 3 });
    const bad = result.rows.filter((r) => r.itemId === 'item-2');
    expect(bad[0]).toMatchObject({ outcome: 'target_error', error: { kind: 'invalid_request', attempts: 1 } });
    expect(bad[1]).toMatchObject({ outcome: 'target_error', error: { kind: 'round1_failed' } });
    expect(t.model.calls.filter((c) => lastUser(c) === '问题2')).toHaveLength(1);
    expect(store.failures.map((f) => f.errorKind)).toEqual(['invalid_request']);
    expect(result.lanes.targets[0]!.retries).toBe(2);
  });

  it('waits at least the vendor’s retry-after before each retry, capped by the maximum wait', async () => {
    const at: Record<string, number[]> = { honoured: [], capped: [] };
    const t = target('m', (req) => {
      const q = lastUser(req);
      if (req.messages.length === 1 && (q === '问题1' || q === '问题3')) {
        const which = q === '问题1' ? 'honoured' : 'capped';
        at[which]!.push(performance.now());
        // 问题1 asks for 60 ms (under the 150 ms cap); 问题3 for a minute (the cap applies).
        if (at[which]!.length <= 2)
          return new RateLimitedError({
            message: 'slow down',
            status: 429,
            retryAfterMs: which === 'honoured' ? 60 : 60_000,
          });
      }
      return text('好');
    });
    t.limits = { ...limits, baseDelayMs: 1, maxDelayMs: 150 };
    const waits: number[] = [];
    const result = await runEngine(
      options({ targets: [t], onEvent: (e) => void (e.type === 'retry' && waits.push(e.delayMs)) }),
    );
    expect(
      result.rows.filter((r) => r.itemId === 'item-1' || r.itemId === 'item-3').every((r) => r.outcome === 'scored'),
    ).toBe(true);
    // The planned waits: the retry-after (the jittered backoff alone would be ≤ 2 ms), or the cap.
    expect(waits.sort((a, b) => a - b)).toEqual([60, 60, 150, 150]);
    // And the engine really waited that long between attempts (timers never fire early by more than a tick).
    const gaps = (times: number[]) => times.slice(1).map((t, i) => t - times[i]!);
    for (const gap of gaps(at.honoured!)) expect(gap).toBeGreaterThanOrEqual(59);
    for (const gap of gaps(at.capped!)) {
      expect(gap).toBeGreaterThanOrEqual(149);
      expect(gap).toBeLessThan(5_000);
    }
  });

  it('under block=score-1 with round2AfterBlock=skip, never asks or judges round 2 after a blocked round 1', async () => {
    const t = target('m', (req) => (lastUser(req) === '问题0' ? blocked('input') : text('拒绝')));
    const { judge, model: jm } = judgeModel();
    const result = await runEngine(
      options({ targets: [t], judges: [judge], policies: { block: 'score-1', round2AfterBlock: 'skip' } }),
    );
    const [r1, r2] = result.rows.filter((r) => r.itemId === 'item-0');
    // Round 1 is the block, scored by the block policy.
    expect(r1).toMatchObject({ round: 1, outcome: 'scored', score: 1, vendorBlocked: true, block: { stage: 'input' } });
    // Round 2 is recorded as not asked because round 1 was blocked: no call, no judging, no text.
    expect(r2).toMatchObject({ round: 2, text: '', judgments: [], block: { stage: 'input', code: 'round1_blocked' } });
    expect(r2!.answerKey).toBeUndefined();
    expect(t.model.calls.filter((c) => c.messages[0]!.content === '问题0')).toHaveLength(1);
    // Every other item still has both rounds asked and judged; item-0 has no judging at all.
    expect(t.model.calls).toHaveLength(1 + 5 * 2);
    expect(jm.calls).toHaveLength(5 * 2);
  });

  it('stops a model whose quota is spent while the others go on', async () => {
    const spent = target('spent', () => new QuotaExhaustedError({ message: 'balance is zero', status: 402 }));
    spent.limits = { ...limits, concurrency: 1 };
    const ok = target('ok', () => text('好'));
    const events: string[] = [];
    const result = await runEngine(
      options({
        targets: [spent, ok],
        onEvent: (e) => e.type === 'lane-stopped' && events.push(`${e.lane}:${e.reason}`),
      }),
    );
    expect(spent.model.calls).toHaveLength(1);
    const spentRows = result.rows.filter((r) => r.model === 'spent');
    expect(spentRows).toHaveLength(12);
    expect(spentRows.every((r) => r.outcome === 'target_error')).toBe(true);
    expect(spentRows.filter((r) => r.error?.kind === 'not_attempted').length).toBeGreaterThan(0);
    expect(result.rows.filter((r) => r.model === 'ok').every((r) => r.outcome === 'scored')).toBe(true);
    expect(events).toEqual(['spent:quota_exhausted']);
    expect(result.lanes.targets.find((l) => l.id === 'spent')!.stopped).toMatchObject({ kind: 'quota_exhausted' });
  });

  it('stops on auth errors too, and does not retry them', async () => {
    const t = target('m', () => new AuthError({ message: 'bad key', status: 401 }));
    t.limits = { ...limits, concurrency: 1 };
    const result = await runEngine(options({ targets: [t] }));
    expect(t.model.calls).toHaveLength(1);
    expect(result.lanes.targets[0]!.stopped?.kind).toBe('auth');
  });

  it('times out a hanging call, retries it, then records a target error', async () => {
    const t = target('m', (req) => (lastUser(req) === '问题0' ? new Promise(() => {}) : text('好')));
    t.limits = { ...limits, timeoutMs: 30, maxRetries: 1 };
    const result = await runEngine(options({ targets: [t], items: items.slice(0, 2) }));
    expect(result.rows[0]).toMatchObject({ outcome: 'target_error', error: { kind: 'timeout', attempts: 2 } });
    expect(t.model.calls.filter((c) => lastUser(c) === '问题0')).toHaveLength(2);
  });

  it('aggregates a panel and records disagreement', async () => {
    const a = judgeModel('a');
    const b = { ...judgeModel('b') };
    b.judge = { ...b.judge, model: scriptedModel('b', () => text('0')) };
    const result = await runEngine(options({ targets: [target('m', () => text('好'))], judges: [a.judge, b.judge] }));
    expect(result.rows[0]!.judgments.map((j) => j.score)).toEqual([2, 0]);
    expect(result.rows[0]).toMatchObject({ outcome: 'scored', score: 0, panel: { spread: 2, disagreement: true } });
  });

  it('stops cleanly on interruption, keeps what completed, and a re-run finishes the rest', async () => {
    const store = new MemoryStore();
    const controller = new AbortController();
    let count = 0;
    const slow = target('m', async (req) => {
      if (++count === 5) controller.abort(new Error('SIGINT'));
      await new Promise((r) => setTimeout(r, 5));
      return text(`答:${lastUser(req)}`);
    });
    const first = await runEngine(options({ targets: [slow], store, signal: controller.signal }));
    expect(first.interrupted).toBe(true);
    const stored = store.answers.size;
    expect(stored).toBeGreaterThan(0);
    expect(stored).toBeLessThan(12);
    const again = target('m', (req) => text(`答:${lastUser(req)}`));
    const second = await runEngine(options({ targets: [again], store }));
    expect(second.interrupted).toBe(false);
    expect(second.rows).toHaveLength(12);
    expect(again.model.calls).toHaveLength(12 - stored);
  });

  it('holds calls in flight across the target and judge lanes to maxInFlight', async () => {
    const observe = async (maxInFlight: number | undefined) => {
      let inFlight = 0;
      let peak = 0;
      const slow = async <T>(value: T): Promise<T> => {
        peak = Math.max(peak, ++inFlight);
        await new Promise((r) => setTimeout(r, 2));
        inFlight--;
        return value;
      };
      const t = target('m', (req) => slow(text(`答:${lastUser(req)}`)));
      const judge = scriptedJudge('judge', () => slow(text('2')), limits);
      const result = await runEngine(
        options({ targets: [t], judges: [judge], ...(maxInFlight === undefined ? {} : { maxInFlight }) }),
      );
      expect(result.rows.every((r) => r.outcome === 'scored')).toBe(true);
      return peak;
    };
    // Each lane alone allows 3 (limits.concurrency): together they reach more than 2 ...
    expect(await observe(undefined)).toBeGreaterThan(2);
    // ... unless the run caps them.
    expect(await observe(2)).toBe(2);
    await expect(runEngine(options({ targets: [target('m', () => text('a'))], maxInFlight: 0 }))).rejects.toThrow(
      'runEngine: maxInFlight must be a positive integer, got 0',
    );
  });

  it('sends the first call of every slot before the conversations that would wait for one start', async () => {
    // limits.concurrency 3: 3 slots, and 6 conversations (one per item) to keep them full.
    const events: string[] = [];
    const store = new MemoryStore();
    const getAnswer = store.getAnswer.bind(store);
    store.getAnswer = (key) => {
      events.push('lookup');
      return getAnswer(key);
    };
    const t = target('m', (req) => {
      events.push('send');
      return text(`答:${lastUser(req)}`);
    });
    const result = await runEngine(options({ targets: [t], store }));
    expect(result.rows.every((r) => r.outcome === 'scored')).toBe(true);
    // Each of the 3 conversations with a slot keys and looks up its call, then the 3 calls go out;
    // only then do the other 3 conversations start.
    expect(events.slice(0, 7)).toEqual(['lookup', 'lookup', 'lookup', 'send', 'send', 'send', 'lookup']);
  });

  it('replays from the store only, marking what is missing', async () => {
    const store = new MemoryStore();
    const t = target('m', () => text('好'));
    await runEngine(options({ targets: [t], store, items: items.slice(0, 1) }));
    const replay = await runEngine(
      options({
        targets: [target('m', () => new Error('must not be called'))],
        store,
        items: items.slice(0, 2),
        replay: true,
      }),
    );
    expect(replay.rows.slice(0, 2).every((r) => r.outcome === 'scored')).toBe(true);
    expect(replay.rows[2]).toMatchObject({ outcome: 'target_error', error: { kind: 'missing' } });
  });
});
