import type { GenerateRequestV1 } from '@sc-safety/spec';
import { ModelLane } from '../engine/lane.js';
import type { PreparedJudge } from '../engine/types.js';
import { judgeAnswer } from '../judge/judge-answer.js';
import { aggregatePanel, type PanelMethod } from '../judge/panel.js';
import { judgePromptHash } from '../judge/prompt-hash.js';
import { DEFAULT_BOOTSTRAP_ITERATIONS, DEFAULT_BOOTSTRAP_SEED, DEFAULT_CONFIDENCE_LEVEL } from '@sc-safety/results';
import { agreementByGroup, agreementMetrics, type AgreementBootstrap } from './agreement-metrics.js';
import type { CaseVerdict, JudgeCheckCase, JudgeCheckReport, JudgeCheckSet } from './types.js';

/** Progress of a judge check: cases finished so far. */
export interface JudgeCheckProgress {
  done: number;
  total: number;
  /** Cases no judge could score so far. */
  failed: number;
}

export interface RunJudgeCheckOptions {
  set: JudgeCheckSet;
  /** One judge, or a panel. */
  judges: readonly PreparedJudge[];
  /** How a panel's verdicts combine (default median, as in a run). */
  aggregate?: PanelMethod;
  /** Only the first N cases (a quick look; the report says how many were used). */
  limit?: number;
  /** Fail the check when κ is below this. */
  minKappa?: number;
  bootstrap?: AgreementBootstrap;
  signal?: AbortSignal;
  onProgress?: (progress: JudgeCheckProgress) => void;
  /** Keeps secrets out of error texts. */
  redact?: (text: string) => string;
}

/**
 * Runs a judge (or panel) on labelled cases and measures its agreement with the labels
 * (`sc-safety judge check`). Each judge is called through its own lane: its concurrency, rate
 * budget, timeout and retries, exactly as in a run, with the same prompt (the prompt hash is in
 * the report). A case a judge cannot score is reported, never guessed.
 */
export async function runJudgeCheck(options: RunJudgeCheckOptions): Promise<JudgeCheckReport> {
  const { set, judges } = options;
  if (judges.length === 0) throw new RangeError('runJudgeCheck: no judge given');
  const cases = options.limit !== undefined && options.limit > 0 ? set.cases.slice(0, options.limit) : set.cases;
  const aggregate = options.aggregate ?? 'median';
  const redact = options.redact ?? ((t: string) => t);
  const lanes = judges.map((j) => new ModelLane(j.id, j.model, j.limits));
  let done = 0;
  let failed = 0;
  const verdicts = await Promise.all(
    cases.map(async (c): Promise<CaseVerdict> => {
      const members = await Promise.all(judges.map((j, i) => judgeCase(j, lanes[i]!, c, options.signal, redact)));
      const verdict = combine(c, judges, members, aggregate);
      done++;
      if (verdict.outcome !== 'scored') failed++;
      options.onProgress?.({ done, total: cases.length, failed });
      return verdict;
    }),
  );
  options.signal?.throwIfAborted();

  const bootstrap = options.bootstrap ?? {};
  const asScores = (list: readonly CaseVerdict[]) =>
    list.map((v) => ({ ...v, score: v.outcome === 'scored' ? v.score! : null }));
  const scores = asScores(verdicts);
  const overall = agreementMetrics(scores, bootstrap);
  const report: JudgeCheckReport = {
    set: {
      ref: set.ref,
      fingerprint: set.fingerprint,
      cases: cases.length,
      ...(set.name ? { name: set.name } : {}),
      ...(set.version ? { version: set.version } : {}),
    },
    judges: judges.map((j) => ({
      id: j.id,
      adapter: `${j.adapter.name}@${j.adapter.version}`,
      model: j.model.modelId,
    })),
    ...(judges.length > 1 ? { panel: { aggregate } } : {}),
    promptHash: judgePromptHash(),
    overall,
    categories: agreementByGroup(scores, (s) => s.category, bootstrap),
    hard: agreementByGroup(scores, (s) => s.hard, bootstrap),
    wrong: verdicts.filter((v) => v.outcome !== 'scored' || v.score !== v.label),
    bootstrap: {
      iterations: bootstrap.iterations ?? DEFAULT_BOOTSTRAP_ITERATIONS,
      seed: bootstrap.seed ?? DEFAULT_BOOTSTRAP_SEED,
      level: bootstrap.level ?? DEFAULT_CONFIDENCE_LEVEL,
    },
  };
  if (judges.length > 1) {
    report.members = Object.fromEntries(
      judges.map((j) => [
        j.id,
        agreementMetrics(
          verdicts.map((v) => ({ label: v.label, score: v.members?.[j.id] ?? null })),
          bootstrap,
        ),
      ]),
    );
  }
  if (options.minKappa !== undefined) {
    report.threshold = {
      minKappa: options.minKappa,
      passed: overall.kappa.value !== null && overall.kappa.value >= options.minKappa,
    };
  }
  return report;
}

type MemberVerdict = {
  judgeId: string;
  outcome: CaseVerdict['outcome'];
  score?: number;
  reason?: string;
  error?: string;
};

async function judgeCase(
  judge: PreparedJudge,
  lane: ModelLane,
  c: JudgeCheckCase,
  signal: AbortSignal | undefined,
  redact: (t: string) => string,
): Promise<MemberVerdict> {
  try {
    const outcome = await judgeAnswer(
      judge.model,
      {
        round: c.round,
        category: c.category,
        dimension: c.dimension,
        question: c.question,
        answer: c.answer,
        ...(c.round === 2 ? { previousAnswer: c.previousAnswer!, followUp: c.followup! } : {}),
        ...(c.system !== undefined ? { system: c.system } : {}),
      },
      {
        params: judge.params,
        call: async (request: GenerateRequestV1) => (await lane.call(request, signal)).result,
        ...(signal ? { signal } : {}),
      },
    );
    return {
      judgeId: judge.id,
      outcome: outcome.outcome,
      ...(outcome.score !== undefined ? { score: outcome.score } : {}),
      ...(outcome.reason !== undefined ? { reason: outcome.reason } : {}),
      ...(outcome.outcome !== 'scored' ? { error: redact(outcome.block?.message ?? outcome.problems.join('; ')) } : {}),
    };
  } catch (error) {
    signal?.throwIfAborted();
    return {
      judgeId: judge.id,
      outcome: 'judge_error',
      error: redact(error instanceof Error ? error.message : String(error)),
    };
  }
}

function combine(
  c: JudgeCheckCase,
  judges: readonly PreparedJudge[],
  members: MemberVerdict[],
  aggregate: PanelMethod,
): CaseVerdict {
  const base: CaseVerdict = {
    caseId: c.id,
    category: c.category,
    dimension: c.dimension,
    round: c.round,
    label: c.label,
    outcome: 'judge_error',
    ...(c.hard ? { hard: c.hard } : {}),
  };
  if (judges.length === 1) {
    const m = members[0]!;
    return {
      ...base,
      outcome: m.outcome,
      ...(m.score !== undefined ? { score: m.score } : {}),
      ...(m.reason ? { reason: m.reason } : {}),
      ...(m.error ? { error: m.error } : {}),
    };
  }
  const panel = aggregatePanel(
    members.map((m) => ({ judgeId: m.judgeId, outcome: m.outcome, score: m.score ?? null })),
    aggregate,
  );
  const errors = members.filter((m) => m.error).map((m) => `${m.judgeId}: ${m.error}`);
  return {
    ...base,
    outcome: panel.outcome,
    ...(panel.score !== undefined ? { score: panel.score } : {}),
    members: Object.fromEntries(members.map((m) => [m.judgeId, m.score ?? null])),
    ...(errors.length > 0 ? { error: errors.join('; ') } : {}),
  };
}
