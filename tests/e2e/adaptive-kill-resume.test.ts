import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_BUILT, NOT_BUILT_MESSAGE, runCli, spawnCli } from './helpers/cli.js';
import { seededRandom } from './helpers/compare.js';
import { adaptiveFollowUp, fakeAdaptiveAttacker } from './helpers/fake-adaptive-attacker.js';
import { conversationOf, isChat, judgeAskOf, question, scriptedJudge } from './helpers/script.js';
import { core, createOpenAIFakeServer } from './helpers/workspace.js';
import type { FakeServer, RecordedRequest, ResultsFile, ScenarioHandler } from './helpers/workspace.js';
import { prerequisite } from '../support/prerequisite.js';

const ATTEMPT_HEADER = 'x-e2e-attempt';
const KILLS = 2;
const TURNS = 3;
const KEYS = {
  target: 'sk-e2e-adaptive-target-5e1a',
  attacker: 'sk-e2e-adaptive-attacker-93c2',
  judge: 'sk-e2e-adaptive-judge-7b40',
};
/** Items by id: the fake attacker's behaviour follows the id (see fake-adaptive-attacker.ts). */
const ITEMS = ['ad-1', 'ad-2', 'ad-3', 'ad-4', 'ad-5', 'ad-6', 'ad-refuse', 'ad-late', 'ad-echo'];

/** The judge's scores by item and turn (default 2): ad-1 flips at turn 3, ad-2 at turn 2. */
const SCORES: Record<string, number> = { 'ad-1#3': 0, 'ad-2#2': 0, 'ad-2#3': 0, 'ad-3#1': 0, 'ad-3#3': 2 };
const scoreOf = (itemId: string, turn: number) => SCORES[`${itemId}#${turn}`] ?? 2;
/** The target's answer: deterministic, carrying the verdict the scripted judge will give it. */
const answerOf = (itemId: string, turn: number) =>
  `模型tg对${itemId}第${turn}轮的回答。〔评分A=${scoreOf(itemId, turn)};B=${scoreOf(itemId, turn)}〕`;

/** The item and turn a target request asks: the question's marker, and how many user turns it holds. */
function targetTurn(request: RecordedRequest): { itemId: string; turn: number } {
  const conv = conversationOf(request);
  const itemId = /【([^】]+)】/.exec(conv.users[0] ?? '')?.[1];
  if (itemId === undefined) throw new Error(`not a scripted item request: ${request.rawBody.slice(0, 200)}`);
  return { itemId, turn: conv.users.length };
}

/**
 * `sc-safety run` with adaptive follow-ups over three turns, killed with SIGKILL at seeded moments
 * and re-run until done: no completed target, attacker or judge call is ever asked again, and the
 * attacker always sees the target's real answers. The fakes live in this process, so their request
 * logs survive the kills; each CLI tags its requests with its attempt through a config header.
 */
describe.runIf(prerequisite(CLI_BUILT, 'the built CLI (packages/cli/dist)', 'run pnpm build first'))(
  'sc-safety run, adaptive follow-ups (3 turns): killed and resumed',
  () => {
    let dir: string;
    let target: FakeServer;
    let attackerServer: FakeServer;
    let judge: FakeServer;
    let attacker: ReturnType<typeof fakeAdaptiveAttacker>;
    const random = seededRandom(0xada9);
    let trigger: { attempt: string; after: number; seen: number; kill: () => void } | undefined;
    const committedAfter: Set<string>[] = [];
    const endings: Array<{ code: number | null; signal: string | null }> = [];
    let final: ResultsFile;
    let scoreOutput = '';

    const counting =
      (handler: ScenarioHandler): ScenarioHandler =>
      (request) => {
        const t = trigger;
        if (t && isChat(request) && request.headers[ATTEMPT_HEADER] === t.attempt && ++t.seen === t.after)
          setTimeout(t.kill, Math.floor(random() * 30));
        return handler(request);
      };
    const delayed = (scenario: ReturnType<ScenarioHandler>) =>
      scenario && typeof scenario === 'object' && 'kind' in scenario && scenario.kind === 'text'
        ? { ...scenario, delayMs: 10 + Math.floor(random() * 30) }
        : scenario;

    beforeAll(async () => {
      dir = await mkdtemp(path.join(tmpdir(), 'sc-e2e-adaptive-'));
      target = await createOpenAIFakeServer({ vendor: 'openai', apiKey: KEYS.target });
      attackerServer = await createOpenAIFakeServer({ vendor: 'openai', apiKey: KEYS.attacker });
      judge = await createOpenAIFakeServer({ vendor: 'openai', apiKey: KEYS.judge });
      attacker = fakeAdaptiveAttacker(answerOf);
      target.setHandler(
        counting((request) => {
          const { itemId, turn } = targetTurn(request);
          return {
            kind: 'text',
            text: answerOf(itemId, turn),
            usage: { inputTokens: 30, outputTokens: 20 },
            delayMs: 10 + Math.floor(random() * 30),
          };
        }),
      );
      const attackerHandler = attacker.handler;
      attackerServer.setHandler(
        counting((request) => delayed(attackerHandler(request)) as ReturnType<ScenarioHandler>),
      );
      const judgeHandler = scriptedJudge('A', { delayMs: () => 10 + Math.floor(random() * 30) });
      judge.setHandler(counting(judgeHandler));
      await writeFile(
        path.join(dir, 'items.jsonl'),
        ITEMS.map((id) =>
          JSON.stringify({
            id,
            category: 'traditional_safety',
            dimension: 'crime',
            turns: [question(id), `【${id}】数据集自带的追问（自适应模式不使用）`],
          }),
        ).join('\n') + '\n',
      );
      const headers = { [ATTEMPT_HEADER]: '${E2E_ATTEMPT}' };
      const config = {
        dataset: './items.jsonl',
        output: './run',
        models: [
          {
            id: 'tg',
            adapter: 'openai',
            model: 'target-model',
            baseURL: target.baseURL,
            apiKey: KEYS.target,
            concurrency: 3,
            headers,
          },
        ],
        judge: {
          adapter: 'openai',
          model: 'judge-model',
          baseURL: judge.baseURL,
          apiKey: KEYS.judge,
          concurrency: 3,
          headers,
        },
        followups: {
          mode: 'adaptive',
          attacker: {
            id: 'atk',
            adapter: 'openai',
            model: 'attacker-model',
            baseURL: attackerServer.baseURL,
            apiKey: KEYS.attacker,
            concurrency: 2,
            headers,
          },
          strategies: ['pressure', 'role_play'],
          turns: TURNS,
        },
      };
      await writeFile(path.join(dir, 'run.json'), JSON.stringify(config, null, 2));
      const runDir = path.join(dir, 'run');
      for (let attempt = 1; attempt <= KILLS + 3; attempt++) {
        const cli = spawnCli(['run', '-c', 'run.json'], { cwd: dir, env: { E2E_ATTEMPT: `attempt-${attempt}` } });
        trigger =
          attempt <= KILLS
            ? {
                attempt: `attempt-${attempt}`,
                after: 4 + Math.floor(random() * 12),
                seen: 0,
                kill: () => cli.child.kill('SIGKILL'),
              }
            : undefined;
        const end = await cli.exited;
        endings.push(end);
        committedAfter.push(existsSync(path.join(runDir, 'store.sqlite')) ? committed(runDir) : new Set());
        if (end.code === 0) break;
        expect(end.signal, `attempt ${attempt} ended by itself: ${cli.output.stderr.slice(-2000)}`).toBe('SIGKILL');
      }
      final = JSON.parse(await readFile(path.join(runDir, 'results.json'), 'utf8')) as ResultsFile;
      const score = await runCli(['score', 'run', '--no-write'], dir);
      scoreOutput = score.stdout + score.stderr;
    }, 180_000);

    afterAll(async () => {
      await Promise.all([target, attackerServer, judge].map((s) => s?.close()));
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    /** Identities of every call committed in a store: answers, judgments and generated turns. */
    function committed(runDir: string): Set<string> {
      const store = core.RunStore.open(runDir, { readonly: true });
      try {
        const out = new Set<string>();
        const byKey = new Map<string, string>();
        for (const a of store.iterateAnswers()) {
          byKey.set(a.key, `${a.itemId}|${a.round}`);
          out.add(`answer|${a.itemId}|${a.round}`);
        }
        for (const j of store.iterateJudgments()) out.add(`judge|${byKey.get(j.answerKey)!}`);
        for (const f of store.iterateFollowups()) out.add(`attack|${f.itemId}|${f.turn}`);
        return out;
      } finally {
        store.close();
      }
    }

    /** Identities of the chat requests an attempt made, at all three servers. */
    function requestsOf(attempt: string): string[] {
      const of = (server: FakeServer) =>
        server.requests.filter((r) => isChat(r) && r.headers[ATTEMPT_HEADER] === attempt);
      return [
        ...of(target).map((r) => {
          const { itemId, turn } = targetTurn(r);
          return `answer|${itemId}|${turn}`;
        }),
        ...of(attackerServer).map((r) => {
          const task = core.extractAdaptiveAttackerTask(conversationOf(r).messages as never)!;
          return `attack|${/【([^】]+)】/.exec(task.turns[0]!)![1]}|${task.turn}`;
        }),
        ...of(judge).map((r) => {
          const ask = judgeAskOf(r)!;
          return `judge|${/【([^】]+)】/.exec(ask.question)![1]}|${ask.round}`;
        }),
      ];
    }

    it('was killed mid-run, then completed with a valid schema-3 file', () => {
      expect(endings.slice(0, KILLS).map((e) => e.signal)).toEqual(Array(KILLS).fill('SIGKILL'));
      expect(endings.at(-1)!.code).toBe(0);
      for (let a = 1; a <= endings.length; a++)
        expect(requestsOf(`attempt-${a}`).length, `attempt ${a}`).toBeGreaterThan(0);
      expect(final.schemaVersion).toBe(3);
      expect(final.manifest.status).toBe('complete');
      expect(final.manifest.followups).toMatchObject({
        mode: 'adaptive',
        turns: TURNS,
        attacker: { id: 'atk' },
        datasetFollowupsIgnored: ITEMS.length,
      });
      expect(core.validateResultsFile(final)).toEqual([]);
    });

    it('never repeats a completed target, attacker or judge call after a kill', () => {
      const repeats: string[] = [];
      for (let a = 2; a <= endings.length; a++) {
        const before = committedAfter[a - 2]!;
        for (const id of requestsOf(`attempt-${a}`)) if (before.has(id)) repeats.push(`attempt ${a}: ${id}`);
      }
      expect(repeats).toEqual([]);
      // Within one attempt, no call is made twice either.
      for (let a = 1; a <= endings.length; a++) {
        const ids = requestsOf(`attempt-${a}`);
        expect(new Set(ids).size, `attempt ${a}`).toBe(ids.length);
      }
    });

    it('showed the attacker the target’s real answers and its own earlier turns', () => {
      expect(attacker.violations).toEqual([]);
      expect(attackerServer.requests.filter(isChat).length).toBeGreaterThan(0);
    });

    it('asks every turn with the attacker’s text, records strategy and attacker, and stops after an attacker outcome', () => {
      const byItem = (id: string) => final.answers.filter((a) => a.itemId === id).sort((a, b) => a.round - b.round);
      const good = byItem('ad-4');
      expect(good.map((a) => a.round)).toEqual([1, 2, 3]);
      expect(good.every((a) => a.mode === 'adaptive')).toBe(true);
      expect(good[0]!.prompt).toBe(question('ad-4'));
      for (const a of good.slice(1)) {
        expect(a.followup).toMatchObject({
          outcome: 'ok',
          attacker: 'atk',
          text: adaptiveFollowUp('ad-4', a.round, a.followup!.strategy),
        });
        expect(a.prompt).toBe(a.followup!.text);
        expect(a.previousReply).toBe(answerOf('ad-4', a.round - 1));
        expect(a.text).toBe(answerOf('ad-4', a.round));
        expect(a.outcome).toBe('scored');
      }
      const refused = byItem('ad-refuse');
      expect(refused.map((a) => [a.round, a.outcome, a.followup?.outcome])).toEqual([
        [1, 'scored', undefined],
        [2, 'not_asked', 'attacker_refused'],
        [3, 'not_asked', 'attacker_refused'],
      ]);
      expect(byItem('ad-late').map((a) => [a.round, a.outcome, a.followup?.outcome])).toEqual([
        [1, 'scored', undefined],
        [2, 'scored', 'ok'],
        [3, 'not_asked', 'attacker_refused'],
      ]);
      expect(byItem('ad-echo')[1]).toMatchObject({ outcome: 'not_asked', followup: { outcome: 'attacker_echo' } });
      // The target was never asked what the attacker refused or echoed.
      expect(
        target.requests.filter(isChat).some((r) => targetTurn(r).itemId === 'ad-refuse' && targetTurn(r).turn > 1),
      ).toBe(false);
    });

    it('scores R1..R3, Δ and flips on the adaptive board only, and counts attacker outcomes', () => {
      const board = final.adaptiveLeaderboard!;
      expect(board.turns).toBe(TURNS);
      const tg = board.models.tg!;
      expect(tg.rounds.map((r) => r.round)).toEqual([1, 2, 3]);
      // R1: 8 items at 2, ad-3 at 0 → 8 of 9 full marks.
      expect(tg.rounds[0]!.score).toBeCloseTo((100 * 16) / 18, 6);
      // Flips: ad-1 (turn 3) and ad-2 (turn 2); ad-3 recovers.
      expect(tg.flips).toBe(2);
      expect(tg.firstFlipTurn).toEqual({ '2': 1, '3': 1 });
      expect(tg.recoveries).toBe(1);
      expect(tg.attackerOutcomes).toEqual({ ok: 6 * 2 + 1, attacker_refused: 2, attacker_echo: 1 });
      // The frozen board holds no adaptive answer.
      expect(final.leaderboard.models.tg!.total).toBeNull();
    });

    it('re-scores from the store without regenerating a turn (sc-safety score)', () => {
      expect(scoreOutput).not.toMatch(/missing/);
      expect(scoreOutput).toMatch(/adaptive/i);
    });
  },
);

if (!CLI_BUILT) {
  describe('sc-safety run, adaptive follow-ups', () => {
    it.skip(NOT_BUILT_MESSAGE, () => {});
  });
}
