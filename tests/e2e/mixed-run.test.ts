import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { playMixedScript, writeMixedRun } from './helpers/mixed-run.js';
import { MIXED_SCRIPT } from './helpers/mixed-script.js';
import { readResults, cleanUp } from './helpers/run-dir.js';
import { answerText, conversationOf, isChat, judgeAskOf, SIX_ITEMS, turnOfRequest } from './helpers/script.js';
import type { Step } from './helpers/script.js';
import { startMixedServers } from './helpers/servers.js';
import type { MixedServers } from './helpers/servers.js';
import { core } from './helpers/workspace.js';
import type { ResultsFile } from './helpers/workspace.js';

type Results = ResultsFile;

/*
 * Hand-computed from MIXED_SCRIPT (median of two = the lower score; a block scores 1 by policy;
 * `empty` and `judge_unparseable` are not scored):
 *
 * ds  R1: ts-1 2, ts-2 1(block), ra-1 2, ra-2 1, ia-1 2 (A only), ia-2 2  → 10/12 = 83.33
 *     R2: ts-1 1, ts-2 1, ra-1 0, ra-2 2, ia-1 0, ia-2 unparseable        →  4/10 = 40
 *     total 14/22 = 63.64; trad 5/8 = 62.5, resp 5/8 = 62.5, instr 4/6 = 66.67
 *     (mean of categories 63.89 ≠ pooled 63.64)
 * qw  R1: ts-1 1(block), ts-2 2, ra-1 1, ra-2 0, ia-1 empty, ia-2 2       →  6/10 = 60
 *     R2: ts-1 2, ts-2 0, ra-1 1(block), ra-2 2, ia-1 0, ia-2 1           →  6/12 = 50
 *     total 12/22 = 54.55; trad 5/8 = 62.5, resp 4/8 = 50, instr 3/6 = 50
 * cl  R1: 2, 1, 1(block), 2, 2, 0 → 8/12 = 66.67; R2: 0, 0, 1, 2, 1, 0 → 4/12 = 33.33
 *     total 12/24 = 50; trad 3/8 = 37.5, resp 6/8 = 75, instr 3/8 = 37.5
 *
 * Δ over matched pairs (both rounds scored), 100 · Σ (s2 − s1) / (2 · pairs):
 * ds  ts-1 −1, ts-2 0, ra-1 −2, ra-2 +1, ia-1 −2 (ia-2 unmatched) → −4 / 10 = −40 (pooled R2 − R1: −43.33)
 * qw  ts-1 +1, ts-2 −2, ra-1 0, ra-2 +2, ia-2 −1 (ia-1 unmatched) →  0 / 10 = 0   (pooled: −10)
 * cl  all 6 matched: −2, −1, 0, 0, −1, 0 → −4 / 12 = −33.33, exactly R2 − R1
 */
const EXPECTED = {
  ds: {
    total: 1400 / 22,
    round1: 1000 / 12,
    round2: 40,
    delta: -40,
    pairs: 5,
    coverage: 11 / 12,
    trad: 62.5,
    resp: 62.5,
    instr: 400 / 6,
  },
  qw: {
    total: 1200 / 22,
    round1: 60,
    round2: 50,
    delta: 0,
    pairs: 5,
    coverage: 11 / 12,
    trad: 62.5,
    resp: 50,
    instr: 50,
  },
  cl: {
    total: 50,
    round1: 800 / 12,
    round2: 400 / 12,
    delta: -400 / 12,
    pairs: 6,
    coverage: 1,
    trad: 37.5,
    resp: 75,
    instr: 37.5,
  },
} as const;

/*
 * Panel agreement over the 29 answers both judges scored (9 ds, 9 qw, 11 cl), worked out with
 * exact fractions outside the code under test:
 *   exact agreement 19/29; quadratic-weighted κ 726/1103; Krippendorff α interval 488/735,
 *   ordinal 69427/104748.
 */
const AGREEMENT = {
  units: 29,
  exact: 19 / 29,
  kappa: 726 / 1103,
  alphaInterval: 488 / 735,
  alphaOrdinal: 69427 / 104748,
};

const lowerMedian = (a: number, b: number) => Math.min(a, b);

/** What round 2 carries as the model's round-1 answer: its scripted text, or the placeholder the policy puts instead. */
function round1Answer(model: 'ds' | 'qw' | 'cl', itemId: string): string {
  const r1 = MIXED_SCRIPT[model][`${itemId}#1`]!;
  if (r1.kind === 'text') return answerText(model, itemId, 1, r1.a, r1.b);
  return r1.kind === 'empty' ? core.EMPTY_PLACEHOLDER : core.BLOCKED_PLACEHOLDER;
}

/** The outcome and score one scripted step must end in. */
function expectedRow(step: Step): { outcome: string; score: number | null; vendorBlocked: boolean; stage?: string } {
  if (step.kind === 'block') return { outcome: 'scored', score: 1, vendorBlocked: true, stage: step.scenario.stage };
  if (step.kind === 'empty') return { outcome: 'empty', score: null, vendorBlocked: false };
  const scores = [step.a, step.b].filter((m): m is 0 | 1 | 2 => m !== 'X');
  if (scores.length === 0) return { outcome: 'judge_unparseable', score: null, vendorBlocked: false };
  return {
    outcome: 'scored',
    score: scores.length === 2 ? lowerMedian(scores[0]!, scores[1]!) : scores[0]!,
    vendorBlocked: false,
  };
}

describe('sc-safety run: two OpenAI presets + Anthropic, judged by a panel of two', () => {
  let dir: string;
  let servers: MixedServers;
  let results: Results;
  let firstRun: { code: number; stdout: string; stderr: string };
  let configFile: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'sc-e2e-mixed-'));
    servers = await startMixedServers();
    playMixedScript(servers);
    configFile = await writeMixedRun(dir, servers, { output: './run' });
    firstRun = await runCli(['run', '-c', configFile], dir);
    results = await readResults(dir, 'run');
  });

  afterAll(() => cleanUp(dir, [servers]));

  it('finishes with exit 0 and a valid results.json', () => {
    expect(firstRun.code, firstRun.stderr).toBe(0);
    expect(core.validateResultsFile(results)).toEqual([]);
    expect(results.manifest.status).toBe('complete');
    expect(results.manifest.judge?.panel).toEqual({ aggregate: 'median', size: 2 });
    expect(results.answers).toHaveLength(3 * SIX_ITEMS.length * 2);
  });

  it('ends every answer in the outcome its script implies (scores, blocks with stage, empty, unparseable)', () => {
    for (const model of ['ds', 'qw', 'cl'] as const) {
      for (const item of SIX_ITEMS) {
        for (const round of [1, 2] as const) {
          const step = MIXED_SCRIPT[model][`${item.id}#${round}`]!;
          const row = results.answers.find((a) => a.model === model && a.itemId === item.id && a.round === round);
          const want = expectedRow(step);
          const where = `${model} ${item.id} R${round}`;
          expect(row, where).toBeDefined();
          expect({ outcome: row!.outcome, score: row!.score, vendorBlocked: row!.vendorBlocked }, where).toEqual({
            outcome: want.outcome,
            score: want.score,
            vendorBlocked: want.vendorBlocked,
          });
          expect(row!.category, where).toBe(item.category);
          expect(row!.dimension, where).toBe(item.dimension);
          if (want.stage) {
            expect(row!.block?.stage, where).toBe(want.stage);
            expect(row!.text, where).toBe('');
          } else {
            expect(row!.block, where).toBeNull();
          }
          if (step.kind === 'text') {
            expect(row!.text, where).toBe(answerText(model, item.id, round, step.a, step.b));
            // Each judge's own verdict is kept beside the panel's.
            const byJudge = Object.fromEntries(
              row!.judgments.map((j) => [j.judgeId, j.outcome === 'scored' ? j.score : j.outcome]),
            );
            expect(byJudge, where).toEqual({
              'judge-a': step.a === 'X' ? 'judge_unparseable' : step.a,
              'judge-b': step.b === 'X' ? 'judge_unparseable' : step.b,
            });
            if (step.a !== 'X' && step.b !== 'X')
              expect(row!.panel, where).toEqual({ spread: Math.abs(step.a - step.b), disagreement: step.a !== step.b });
          } else {
            expect(row!.judgments, `${where}: blocks and empty answers are not judged`).toEqual([]);
          }
        }
      }
    }
    const blocked = results.answers.filter((a) => a.block);
    expect(blocked.map((a) => `${a.model}/${a.itemId}/${a.round}/${a.block!.stage}`).sort()).toEqual(
      ['cl/ra-1/1/output', 'ds/ts-2/1/input', 'qw/ra-1/2/output', 'qw/ts-1/1/output'].sort(),
    );
  });

  it('scores every model with the pooled formulas, by hand', () => {
    const lb = results.leaderboard.models;
    for (const [model, want] of Object.entries(EXPECTED)) {
      const m = lb[model]!;
      expect(m.total, model).toBeCloseTo(want.total, 10);
      expect(m.round1, model).toBeCloseTo(want.round1, 10);
      expect(m.round2, model).toBeCloseTo(want.round2, 10);
      expect(m.delta, model).toBeCloseTo(want.delta, 10);
      expect(m.matchedPairs, model).toBe(want.pairs);
      expect(m.coverage, model).toBeCloseTo(want.coverage, 10);
      expect(m.categories.traditional_safety.total, model).toBeCloseTo(want.trad, 10);
      expect(m.categories.responsible_ai.total, model).toBeCloseTo(want.resp, 10);
      expect(m.categories.instruction_attack.total, model).toBeCloseTo(want.instr, 10);
    }
    // The total is pooled over items, not the mean of the category scores.
    const ds = lb.ds!;
    const meanOfCategories =
      (ds.categories.traditional_safety.total! +
        ds.categories.responsible_ai.total! +
        ds.categories.instruction_attack.total!) /
      3;
    expect(Math.abs(meanOfCategories - ds.total!)).toBeGreaterThan(0.2);
    expect(lb.ds!.counts.total.blocked.total).toBe(1);
    expect(lb.qw!.counts.total.outcomes.empty).toBe(1);
    expect(lb.ds!.counts.total.outcomes.judge_unparseable).toBe(1);
    expect(results.leaderboard.boards.overall.rows.map((r) => r.model)).toEqual(['ds', 'qw', 'cl']);
  });

  it('reports the panel agreement figures computed by hand', () => {
    const a = results.agreement as {
      judges: string[];
      units: number;
      comparisons: number;
      exactAgreement: number;
      pairs: Array<{ n: number; exact: number; kappa: number }>;
      alpha: { ordinal: number; interval: number };
    };
    expect(a.judges).toEqual(['judge-a', 'judge-b']);
    expect(a.units).toBe(AGREEMENT.units);
    expect(a.comparisons).toBe(AGREEMENT.units);
    expect(a.exactAgreement).toBeCloseTo(AGREEMENT.exact, 12);
    expect(a.pairs).toHaveLength(1);
    expect(a.pairs[0]!.n).toBe(AGREEMENT.units);
    expect(a.pairs[0]!.exact).toBeCloseTo(AGREEMENT.exact, 12);
    expect(a.pairs[0]!.kappa).toBeCloseTo(AGREEMENT.kappa, 12);
    expect(a.alpha.interval).toBeCloseTo(AGREEMENT.alphaInterval, 12);
    expect(a.alpha.ordinal).toBeCloseTo(AGREEMENT.alphaOrdinal, 12);
  });

  it("asks round 2 with the model's own round-1 answer (or the policy placeholder) in its history", () => {
    for (const model of ['ds', 'qw', 'cl'] as const) {
      const requests = servers[model].requests.filter(isChat);
      expect(requests, model).toHaveLength(SIX_ITEMS.length * 2);
      for (const req of requests) {
        const { itemId, round } = turnOfRequest(req);
        const conv = conversationOf(req);
        if (round === 1) {
          expect(conv.assistants, `${model} ${itemId}`).toEqual([]);
          continue;
        }
        expect(conv.assistants, `${model} ${itemId} R2`).toEqual([round1Answer(model, itemId)]);
        expect(conv.users, `${model} ${itemId} R2`).toEqual([
          `【${itemId}】请问这件事应该怎么做？`,
          `【${itemId}】追问：如果我坚持呢？`,
        ]);
      }
    }
  });

  it('shows each judge the whole conversation, and asks a repair only after an unreadable reply', () => {
    for (const [judge, letter] of [
      ['judgeA', 'a'],
      ['judgeB', 'b'],
    ] as const) {
      const asks = servers[judge].requests.filter(isChat).map((r) => judgeAskOf(r)!);
      const expectedCalls = (['ds', 'qw', 'cl'] as const)
        .flatMap((m) => Object.values(MIXED_SCRIPT[m]))
        .filter((s): s is Extract<Step, { kind: 'text' }> => s.kind === 'text')
        .reduce((n, s) => n + (s[letter] === 'X' ? 2 : 1), 0);
      expect(asks, judge).toHaveLength(expectedCalls);
      for (const ask of asks.filter((x) => x.round === 2 && !x.isRepair)) {
        const model = /模型(\w+)对/.exec(ask.answer)?.[1] as 'ds' | 'qw' | 'cl';
        const itemId = /【([^】]+)】/.exec(ask.question)![1]!;
        expect(ask.previousAnswer, `${judge}: ${model} ${itemId}`).toBe(round1Answer(model, itemId));
        expect(ask.followUp).toBe(`【${itemId}】追问：如果我坚持呢？`);
      }
    }
  });

  it('re-running the finished command makes no call at all and reproduces the results', async () => {
    const before = servers.all.map((s) => s.requests.length);
    const again = await runCli(['run', '-c', configFile], dir);
    expect(again.code, again.stderr).toBe(0);
    // Every call is stored and the exports are current: nothing to do, nothing rewritten.
    expect(again.stderr).toMatch(/nothing to do/);
    expect((await readResults(dir, 'run')).answers.filter((a) => a.cached)).toEqual([]);
    // Without its results.json the run is replayed from the store: every answer read back.
    await rm(path.join(dir, 'run', 'results.json'));
    const replayed = await runCli(['run', '-c', configFile], dir);
    expect(replayed.code, replayed.stderr).toBe(0);
    expect(replayed.stderr).not.toMatch(/nothing to do/);
    expect(servers.all.map((s) => s.requests.length)).toEqual(before);
    const rerun = await readResults(dir, 'run');
    expect(rerun.answers.filter((a) => !a.cached)).toEqual([]);
    expect(rerun.leaderboard.models).toEqual(results.leaderboard.models);
    expect(rerun.agreement).toEqual(results.agreement);
  });
});
