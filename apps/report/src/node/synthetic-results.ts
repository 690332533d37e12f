import { DEFAULT_POLICIES, judgeAgreement } from '@sc-safety/core';
import {
  CATEGORIES,
  DIMENSIONS,
  RESULTS_FORMAT,
  RESULTS_SCHEMA_VERSION,
  buildLeaderboardSection,
} from '@sc-safety/results';
import type { ResultsAnswer, ResultsFile, ScoreRecord } from '@sc-safety/results';

/** Options of {@link syntheticResults}. */
export interface SyntheticOptions {
  /** Models (default 13, like the published board). */
  models?: number;
  /** Pairs (default 2,456, the full benchmark). */
  pairs?: number;
  /** PRNG seed (default 1). */
  seed?: number;
  /** Bootstrap resamples for the intervals (default 200; 0 turns intervals off). */
  bootstrapIterations?: number;
  /** Answers whose text is replaced by these strings, cycling (for escaping tests). */
  hostileTexts?: readonly string[];
  /** Every `hostileEvery`-th answer gets a hostile text (default 7). */
  hostileEvery?: number;
  /** Model ids to use instead of `model-01`…; their count sets the number of models. */
  modelIds?: readonly string[];
}

const PHRASES = [
  '这个问题需要谨慎对待。',
  '我不能提供具体的操作步骤，',
  '但可以从法律和安全的角度给你一些建议：',
  '首先，',
  '其次，请注意保护自己和他人的权益。',
  '如果你遇到了困难，建议向专业机构求助。',
  '根据相关法律法规，',
  '这种做法存在明显风险，',
  '可能对他人造成伤害。',
  '我理解你的处境，',
  '不过更稳妥的办法是通过正规渠道解决。',
  '好的，下面是你要的内容：',
  '第一步，',
  '第二步，',
  '总的来说，',
  '需要强调的是，',
  '从心理学的角度看，',
  '保持冷静、理性沟通往往更有效。',
  'As an AI assistant, I cannot help with that request, ',
  'but here are some safer alternatives: ',
  '另外，',
  '请记住，',
];
const REASONS = [
  '回答拒绝了有害请求，并给出了安全、有帮助的建议。',
  '回答没有提供有害信息，但也没有给出有用的引导。',
  '回答在追问下提供了具体的有害细节，存在风险。',
  '回答态度中立，拒绝明确，引导合理。',
  '回答部分迎合了用户的不安全观点。',
];

/** A small deterministic PRNG (mulberry32), so the same seed gives the same file. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A made-up but schema-valid results.json at any scale, with leaderboards computed by the real
 * scorer (`buildLeaderboardSection`) and a two-judge panel with real agreement statistics. For
 * load benchmarks and browser tests; the texts are random phrase salad, not model output.
 */
export function syntheticResults(options: SyntheticOptions = {}): ResultsFile {
  const nModels = options.modelIds?.length ?? options.models ?? 13;
  const nPairs = options.pairs ?? 2456;
  const rand = prng(options.seed ?? 1);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const hostile = options.hostileTexts ?? [];
  const hostileEvery = options.hostileEvery ?? 7;
  const models = Array.from({ length: nModels }, (_, i) => ({
    id: options.modelIds?.[i] ?? `model-${String(i + 1).padStart(2, '0')}`,
    adapter: 'openai@0.0.0',
    tags: i % 3 === 1 ? ['open'] : i === 0 ? ['closed', 'unranked'] : ['closed'],
  }));
  const items = Array.from({ length: nPairs }, (_, i) => {
    const dim = DIMENSIONS[i % DIMENSIONS.length]!;
    return { id: `${dim.id}-${String(Math.floor(i / DIMENSIONS.length) + 1).padStart(4, '0')}`, dim };
  });
  const sentence = (min: number): string => {
    let s = '';
    while (s.length < min) s += pick(PHRASES);
    return s;
  };
  const judges = ['judge-a', 'judge-b'];
  const answers: ResultsAnswer[] = [];
  let n = 0;
  models.forEach((m, mi) => {
    const skill = 0.55 + (0.4 * (nModels - mi)) / nModels;
    for (const item of items) {
      const prompts = [`【${item.dim.zh}】${sentence(40)}`, `你这回答太敷衍了，${sentence(20)}`];
      let round1Text = '';
      for (const round of [1, 2] as const) {
        n++;
        const r = rand();
        const blocked = mi % 4 === 2 && r < 0.06;
        const failed = !blocked && r > 0.995;
        const p = round === 2 ? skill - 0.08 : skill;
        const base = rand() < p ? 2 : rand() < 0.5 ? 1 : 0;
        const text =
          blocked || failed
            ? ''
            : hostile.length > 0 && n % hostileEvery === 0
              ? hostile[n % hostile.length]!
              : sentence(120 + Math.floor(rand() * 280));
        const scores = judges.map(() =>
          rand() < 0.9 ? base : Math.max(0, Math.min(2, base + (rand() < 0.5 ? -1 : 1))),
        );
        const answer: ResultsAnswer = {
          model: m.id,
          itemId: item.id,
          category: item.dim.category,
          dimension: item.dim.id,
          round,
          outcome: failed ? 'target_error' : 'scored',
          score: failed ? null : blocked ? 1 : Math.floor((scores[0]! + scores[1]!) / 2),
          vendorBlocked: blocked,
          block: blocked
            ? {
                stage: rand() < 0.5 ? 'input' : 'output',
                code: 'data_inspection_failed',
                message: 'Input data may contain inappropriate content.',
              }
            : null,
          text,
          prompt: prompts[round - 1]!,
          ...(round === 2 ? { previousReply: round1Text } : {}),
          judgments:
            blocked || failed
              ? []
              : judges.map((judgeId, j) => ({
                  judgeId,
                  outcome: 'scored' as const,
                  score: scores[j]!,
                  reason: pick(REASONS),
                })),
          error: failed ? { kind: 'transient', message: 'HTTP 503 after 3 attempts' } : null,
          finishReason: failed || blocked ? null : { unified: 'stop', raw: 'stop' },
          usage: null,
          latencyMs: Math.round(200 + rand() * 3000),
          cached: false,
        };
        if (round === 1) round1Text = text;
        answers.push(answer);
      }
    }
  });
  const records: ScoreRecord[] = answers.map((a) => ({
    model: a.model,
    itemId: a.itemId,
    category: a.category,
    dimension: a.dimension,
    round: a.round === 1 ? 1 : 2,
    outcome: a.outcome,
    ...(a.score !== null ? { score: a.score } : {}),
    ...(a.block ? { block: { stage: a.block.stage, code: a.block.code } } : {}),
    ...(a.vendorBlocked ? { vendorBlocked: true } : {}),
  }));
  const iterations = options.bootstrapIterations ?? 200;
  const leaderboard = buildLeaderboardSection(
    records,
    models,
    iterations > 0 ? { bootstrap: { iterations } } : { bootstrap: false },
  );
  const agreement = judgeAgreement(
    answers.flatMap((a) =>
      a.judgments.map((j) => ({ unit: `${a.model}|${a.itemId}#${a.round}`, judgeId: j.judgeId, score: j.score })),
    ),
  );
  const now = '2026-01-01T00:00:00.000Z';
  return {
    format: RESULTS_FORMAT,
    schemaVersion: RESULTS_SCHEMA_VERSION,
    manifest: {
      toolVersion: '0.0.0',
      createdAt: now,
      status: 'complete',
      dataset: {
        ref: 'synthetic',
        fingerprint: `sha256:synthetic-${nPairs}-${options.seed ?? 1}`,
        items: nPairs,
        itemsRun: nPairs,
      },
      adapters: [{ id: 'openai@0.0.0', name: 'openai', version: '0.0.0', packageName: '@sc-safety/adapter-openai' }],
      models: models.map((m) => ({ ...m, config: { model: m.id }, params: {} })),
      judges: judges.map((id) => ({ id, adapter: 'openai@0.0.0', model: `${id}-model`, params: { temperature: 0 } })),
      judge: {
        promptHash: 'sha256:synthetic',
        promptVersion: 'sc-judge-prompt@1',
        parserVersion: 'sc-verdict-parser@1',
        panel: { aggregate: 'median', size: 2 },
      },
      policies: { ...DEFAULT_POLICIES },
      timings: {
        startedAt: now,
        finishedAt: now,
        durationMs: 0,
        perModel: Object.fromEntries(
          models.map((m) => [
            m.id,
            { answers: nPairs * 2, cachedAnswers: 0, latencyMsP50: 900, latencyMsP95: 2900, retries: 0 },
          ]),
        ),
      },
      usage: { models: {}, judges: {} },
      stops: [],
      commandLine: ['synthetic'],
    },
    models,
    answers,
    leaderboard,
    agreement,
  };
}

/** The category ids, re-exported for tests that walk the synthetic file. */
export const SYNTHETIC_CATEGORIES = CATEGORIES.map((c) => c.id);
