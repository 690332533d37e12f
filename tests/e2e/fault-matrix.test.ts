import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanUp } from './helpers/run-dir.js';
import { answerText, configYaml, isChat, scriptedJudge, turnOfRequest, writeDataset } from './helpers/script.js';
import type { TestItem } from './helpers/script.js';
import {
  anthropicAdapter,
  core,
  createAnthropicFakeServer,
  createOpenAIFakeServer,
  openaiAdapter,
} from './helpers/workspace.js';
import type { FakeScenario, FakeServer, ScenarioHandler } from './helpers/workspace.js';
import type { EngineEvent, ResultsFile } from './helpers/workspace.js';

type Results = ResultsFile;
type Answer = Results['answers'][number];

const MAX_RETRIES = 3;
/**
 * Long enough that no ordinary answer times out on a loaded machine (that would add attempts), short
 * enough that a hang storm (maxRetries + 1 timeouts) costs seconds.
 */
const TIMEOUT_MS = 2_000;

/** What a model's server plays for one item's round 1, request after request. */
interface Plan {
  seq: FakeScenario[];
  /** After the sequence: answer normally (`text`), or play its last scenario forever (`repeat`). */
  after: 'text' | 'repeat';
}

const rl: FakeScenario = { kind: 'rate-limit', retryAfter: { seconds: 1 } };
const once = (s: FakeScenario, n = 1): Plan => ({ seq: Array<FakeScenario>(n).fill(s), after: 'text' });
const storm = (s: FakeScenario): Plan => ({ seq: [s], after: 'repeat' });

/** The fault matrix, played on round 1 by each of the three main models in its own wire format. */
const SHARED: Record<string, Plan> = {
  'rate-recover': once(rl, 2),
  'rate-storm': storm(rl),
  '5xx-recover': {
    seq: [
      { kind: 'server-error', status: 500 },
      { kind: 'server-error', status: 503 },
    ],
    after: 'text',
  },
  '5xx-storm': storm({ kind: 'server-error', status: 502 }),
  'reset-recover': once({ kind: 'reset' }, 2),
  'reset-storm': storm({ kind: 'reset' }),
  'hang-recover': once({ kind: 'hang' }),
  'hang-storm': storm({ kind: 'hang' }),
  malformed: storm({ kind: 'malformed-json' }),
  'truncated-recover': once({ kind: 'truncated-stream', text: '这个回答说到一半' }),
  'truncated-storm': storm({ kind: 'truncated-stream', text: '这个回答说到一半' }),
  'truncated-clean': once({ kind: 'truncated-stream', text: '这个回答说到一半', cut: 'clean' }),
  empty: storm({ kind: 'empty' }),
  'context-length': storm({ kind: 'context-length' }),
};

const block = (signal: Extract<FakeScenario, { kind: 'block' }>['signal'], stage: 'input' | 'output'): Plan =>
  storm({ kind: 'block', signal, stage, ...(stage === 'output' ? { partialText: '先说一点' } : {}) });

/** Each preset's own block signals. */
const BLOCKS: Record<'ds' | 'qw' | 'cl', Record<string, Plan>> = {
  ds: {
    'block-1': block('deepseek-risk', 'input'),
    'block-2': block('deepseek-risk', 'output'),
    'block-3': block('openai-content-filter', 'output'),
  },
  qw: {
    'block-1': block('dashscope-compat', 'input'),
    'block-2': block('dashscope-compat', 'output'),
    'block-3': block('openai-content-filter', 'output'),
  },
  cl: { 'block-1': block('anthropic-refusal', 'output') },
};

const ITEM_IDS = [...Object.keys(SHARED), 'block-1', 'block-2', 'block-3', 'plain-1', 'plain-2'];
const CATEGORIES = ['traditional_safety', 'responsible_ai', 'instruction_attack'] as const;
const DIMENSIONS = {
  traditional_safety: 'crime',
  responsible_ai: 'psychology',
  instruction_attack: 'goal_hijacking',
} as const;
const ITEMS: TestItem[] = ITEM_IDS.map((id, i) => ({
  id,
  category: CATEGORIES[i % 3]!,
  dimension: DIMENSIONS[CATEGORIES[i % 3]!],
}));

/** Plays `plans` (round 1) per item, counting the requests each item × round received. */
function faultyModel(model: string, plans: Record<string, Plan>): ScenarioHandler {
  const seen = new Map<string, number>();
  return (request) => {
    const { itemId, round } = turnOfRequest(request);
    const key = `${itemId}#${round}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    const plan = round === 1 ? plans[itemId] : undefined;
    if (plan && (n < plan.seq.length || plan.after === 'repeat')) return plan.seq[Math.min(n, plan.seq.length - 1)]!;
    return { kind: 'text', text: answerText(model, itemId, round, 2, 2) };
  };
}

/** A model whose first `ok` requests are answered, then `failure` forever. */
function failingAfter(model: string, ok: number, failure: FakeScenario): ScenarioHandler {
  let n = 0;
  return (request) => {
    const { itemId, round } = turnOfRequest(request);
    return n++ < ok ? { kind: 'text', text: answerText(model, itemId, round, 2, 2) } : failure;
  };
}

describe('sc-safety run: the fault matrix of the test kit', () => {
  let dir: string;
  const servers: Record<string, FakeServer> = {};
  let results: Results;
  let events: EngineEvent[];

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'sc-e2e-faults-'));
    servers.ds = await createOpenAIFakeServer({ vendor: 'deepseek', apiKey: 'sk-fault-ds-0001' });
    servers.qw = await createOpenAIFakeServer({ vendor: 'dashscope', apiKey: 'sk-fault-qw-0001' });
    servers.cl = await createAnthropicFakeServer({ apiKey: 'sk-ant-fault-cl-0001' });
    servers.qt = await createOpenAIFakeServer({ vendor: 'deepseek', apiKey: 'sk-fault-qt-0001' });
    servers.au = await createAnthropicFakeServer({ apiKey: 'sk-ant-fault-au-0001' });
    servers.judge = await createOpenAIFakeServer({ vendor: 'openai', apiKey: 'sk-fault-judge-0001' });
    servers.ds.setHandler(faultyModel('ds', { ...SHARED, ...BLOCKS.ds }));
    servers.qw.setHandler(faultyModel('qw', { ...SHARED, ...BLOCKS.qw }));
    servers.cl.setHandler(faultyModel('cl', { ...SHARED, ...BLOCKS.cl }));
    servers.qt.setHandler(failingAfter('qt', 3, { kind: 'quota' }));
    servers.au.setHandler(failingAfter('au', 0, { kind: 'auth' }));
    servers.judge.setHandler(scriptedJudge('A'));
    // The judge is throttled and fails once at the start: its lane retries like any other.
    servers.judge.enqueue(rl, { kind: 'server-error', status: 503 });

    await writeDataset(dir, ITEMS);
    const common = { maxRetries: MAX_RETRIES, timeoutMs: TIMEOUT_MS };
    const yaml = configYaml({
      dataset: './items.jsonl',
      output: './run',
      models: [
        {
          id: 'ds',
          adapter: 'openai',
          preset: 'deepseek',
          model: 'deepseek-chat',
          baseURL: servers.ds.baseURL,
          apiKey: 'sk-fault-ds-0001',
          concurrency: 4,
          ...common,
        },
        {
          id: 'qw',
          adapter: 'openai',
          preset: 'dashscope',
          model: 'qwen-plus',
          stream: true,
          baseURL: servers.qw.baseURL,
          apiKey: 'sk-fault-qw-0001',
          concurrency: 4,
          ...common,
        },
        {
          id: 'cl',
          adapter: 'anthropic',
          model: 'claude-e2e',
          stream: true,
          baseURL: servers.cl.url,
          apiKey: 'sk-ant-fault-cl-0001',
          concurrency: 4,
          ...common,
        },
        {
          id: 'qt',
          adapter: 'openai',
          preset: 'deepseek',
          model: 'deepseek-chat',
          baseURL: servers.qt.baseURL,
          apiKey: 'sk-fault-qt-0001',
          concurrency: 1,
          ...common,
        },
        {
          id: 'au',
          adapter: 'anthropic',
          model: 'claude-e2e',
          baseURL: servers.au.url,
          apiKey: 'sk-ant-fault-au-0001',
          concurrency: 1,
          ...common,
        },
      ],
      judge: {
        id: 'judge',
        adapter: 'openai',
        model: 'gpt-judge',
        baseURL: servers.judge.baseURL,
        apiKey: 'sk-fault-judge-0001',
        concurrency: 4,
        ...common,
      },
    });
    await writeFile(path.join(dir, 'run.yaml'), yaml);
    events = [];
    const run = await core.runBenchmark({
      // The matrix scripts every request its fakes receive; a preflight probe would be one more.
      preflight: false,
      configFile: path.join(dir, 'run.yaml'),
      cwd: dir,
      adapters: { openai: openaiAdapter, anthropic: anthropicAdapter },
      // The engine's default backoff starts at 1 s; the hook keeps the storms short.
      laneOverrides: { baseDelayMs: 2, maxDelayMs: 20 },
      bootstrapIterations: 0,
      onEvent: (e) => events.push(e),
    });
    results = { ...run.results!, answers: [...run.results!.answers] };
  }, 60_000);

  afterAll(() => cleanUp(dir, Object.values(servers)));

  const row = (model: string, itemId: string, round: 1 | 2): Answer => {
    const r = results.answers.find((a) => a.model === model && a.itemId === itemId && a.round === round);
    if (!r) throw new Error(`no row ${model} ${itemId} R${round}`);
    return r;
  };
  const requestsFor = (model: string, itemId: string, round: 1 | 2) =>
    servers[model]!.requests.filter(
      (r) => isChat(r) && turnOfRequest(r).itemId === itemId && turnOfRequest(r).round === round,
    ).length;

  it('writes a valid results file', () => {
    expect(core.validateResultsFile(results)).toEqual([]);
    expect(results.answers).toHaveLength(5 * ITEMS.length * 2);
  });

  describe.each(['ds', 'qw', 'cl'])('%s', (model) => {
    it.each(['rate-recover', '5xx-recover', 'reset-recover', 'hang-recover', 'truncated-recover'])(
      '%s: recovers within maxRetries and is scored',
      (itemId) => {
        const r = row(model, itemId, 1);
        expect({ outcome: r.outcome, score: r.score, error: r.error }).toEqual({
          outcome: 'scored',
          score: 2,
          error: null,
        });
        expect(r.text).toBe(answerText(model, itemId, 1, 2, 2));
        const tries = SHARED[itemId]!.seq.length + 1;
        expect(r.attempts).toBe(tries);
        expect(requestsFor(model, itemId, 1)).toBe(tries);
        expect(row(model, itemId, 2).outcome).toBe('scored');
      },
    );

    it.each([
      ['rate-storm', 'rate_limited'],
      ['5xx-storm', 'transient'],
      ['reset-storm', 'transient'],
      ['hang-storm', 'timeout'],
      ['truncated-storm', 'transient'],
    ])('%s: gives up after maxRetries + 1 attempts as target_error (%s); round 2 is not asked', (itemId, kind) => {
      const r = row(model, itemId, 1);
      expect(r.outcome).toBe('target_error');
      expect(r.score).toBeNull();
      expect(r.error).toMatchObject({ kind, attempts: MAX_RETRIES + 1 });
      expect(requestsFor(model, itemId, 1)).toBe(MAX_RETRIES + 1);
      expect(row(model, itemId, 2)).toMatchObject({ outcome: 'target_error', error: { kind: 'round1_failed' } });
      expect(requestsFor(model, itemId, 2)).toBe(0);
    });

    it('truncated-clean: a stream without its terminator is retried like a cut one', () => {
      const r = row(model, 'truncated-clean', 1);
      expect({ outcome: r.outcome, attempts: r.attempts }).toEqual({ outcome: 'scored', attempts: 2 });
    });

    it('malformed-json: an unreadable body is final (invalid_response), not retried', () => {
      const r = row(model, 'malformed', 1);
      expect(r.outcome).toBe('target_error');
      expect(r.error).toMatchObject({ kind: 'invalid_response', attempts: 1 });
      expect(requestsFor(model, 'malformed', 1)).toBe(1);
    });

    it('empty: outcome empty, not judged; round 2 asked with the placeholder', () => {
      expect(row(model, 'empty', 1)).toMatchObject({ outcome: 'empty', score: null, judgments: [] });
      expect(row(model, 'empty', 2)).toMatchObject({ outcome: 'scored', previousReply: core.EMPTY_PLACEHOLDER });
    });

    it('context-length: an invalid request, final at once, never a block', () => {
      const r = row(model, 'context-length', 1);
      expect(r).toMatchObject({
        outcome: 'target_error',
        block: null,
        error: { kind: 'invalid_request', attempts: 1 },
      });
      expect(requestsFor(model, 'context-length', 1)).toBe(1);
    });

    it("blocks: every one of the preset's signals is scored 1 by policy, with its stage", () => {
      for (const [itemId, plan] of Object.entries(BLOCKS[model as 'ds' | 'qw' | 'cl'])) {
        const s = plan.seq[0] as Extract<FakeScenario, { kind: 'block' }>;
        const r = row(model, itemId, 1);
        expect(
          { outcome: r.outcome, score: r.score, vendorBlocked: r.vendorBlocked, stage: r.block?.stage },
          `${itemId} ${s.signal}`,
        ).toEqual({
          outcome: 'scored',
          score: 1,
          vendorBlocked: true,
          stage: s.stage,
        });
        expect(requestsFor(model, itemId, 1), `${itemId}: a block is an answer, never retried`).toBe(1);
        expect(row(model, itemId, 2)).toMatchObject({ outcome: 'scored', previousReply: core.BLOCKED_PLACEHOLDER });
      }
    });

    it('every other answer is scored', () => {
      for (const itemId of ['plain-1', 'plain-2'])
        for (const round of [1, 2] as const) expect(row(model, itemId, round).outcome).toBe('scored');
      expect(results.answers.filter((a) => a.model === model && a.error?.kind === 'not_attempted')).toEqual([]);
    });
  });

  it('quota: stops that model after the failing call; the others go on', () => {
    const rows = results.answers.filter((a) => a.model === 'qt');
    expect(servers.qt!.requests.filter(isChat)).toHaveLength(4);
    expect(rows.filter((a) => a.error?.kind === 'quota_exhausted')).toHaveLength(1);
    expect(rows.filter((a) => a.outcome === 'scored')).toHaveLength(3);
    const rest = rows.filter((a) => a.outcome !== 'scored' && a.error?.kind !== 'quota_exhausted');
    expect(rest.length).toBe(rows.length - 4);
    for (const r of rest) expect(['not_attempted', 'round1_failed']).toContain(r.error?.kind);
    expect(results.manifest.stops).toContainEqual(
      expect.objectContaining({ id: 'qt', role: 'model', kind: 'quota_exhausted' }),
    );
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'lane-stopped', lane: 'qt', reason: 'quota_exhausted' }),
    );
  });

  it('auth: stops that model at its first call; the others go on', () => {
    const rows = results.answers.filter((a) => a.model === 'au');
    expect(servers.au!.requests.filter(isChat)).toHaveLength(1);
    expect(rows.filter((a) => a.error?.kind === 'auth')).toHaveLength(1);
    for (const r of rows.filter((a) => a.error?.kind !== 'auth'))
      expect(['not_attempted', 'round1_failed']).toContain(r.error?.kind);
    expect(results.manifest.stops).toContainEqual(expect.objectContaining({ id: 'au', role: 'model', kind: 'auth' }));
    // A model with nothing scored (au stopped at its first call) makes the run failed, not just partial.
    expect(results.manifest.status).toBe('failed');
  });

  it('the judge recovered from its own 429 and 5xx: every answer that reached it was scored', () => {
    const judged = results.answers.filter((a) => a.judgments.length > 0);
    expect(judged.length).toBeGreaterThan(50);
    expect(judged.every((a) => a.outcome === 'scored' && a.judgments[0]!.outcome === 'scored')).toBe(true);
    expect(events.filter((e) => e.type === 'retry' && e.lane === 'judge:judge').length).toBe(2);
    expect(results.manifest.timings.perModel.ds!.retries).toBeGreaterThan(0);
  });
});
