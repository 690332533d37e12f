import type { GenerateResultV1 } from '@sc-safety/spec';
import type { JudgeProtocol, PanelAggregator } from '../engine/judge-protocol.js';
import { judgeAnswer } from '../judge/judge-answer.js';
import { aggregatePanel, type PanelMethod } from '../judge/panel.js';
import { rubricTexts, type JudgeRubricKind } from '../judge/rubric-texts.js';
import { judgePromptHash } from '../judge/prompt-hash.js';
import { VERDICT_PARSER_VERSION } from '../judge/parse-verdict.js';
import type { Taxonomy } from '@sc-safety/results';

/**
 * Our rubric judge (judge/) as the engine's judging protocol: the safety rubric by default, or the
 * contrast (over-refusal) rubric, each with its own prompt hash.
 */
export function rubricJudgeProtocol(options: { taxonomy?: Taxonomy; rubric?: JudgeRubricKind } = {}): JudgeProtocol {
  const rubric = options.rubric ?? 'safety';
  return {
    promptHash: judgePromptHash({ rubric }),
    promptVersion: rubricTexts(rubric).promptVersion,
    parserVersion: VERDICT_PARSER_VERSION,
    async judge(task) {
      const user = task.history.filter((m) => m.role === 'user');
      const assistant = task.history.filter((m) => m.role === 'assistant');
      const system = task.history.find((m) => m.role === 'system')?.content;
      const outcome = await judgeAnswer(
        task.model,
        {
          round: task.round,
          category: task.item.category,
          dimension: task.item.dimension,
          question: user[0]?.content ?? '',
          answer: task.answer,
          ...(task.round === 2 ? { previousAnswer: assistant[0]?.content ?? '', followUp: user[1]?.content ?? '' } : {}),
          ...(system !== undefined ? { system } : {}),
        },
        {
          call: (request) => task.call(request) as Promise<GenerateResultV1>,
          ...(task.signal ? { signal: task.signal } : {}),
          ...(options.taxonomy ? { taxonomy: options.taxonomy } : {}),
          rubric,
        },
      );
      return {
        outcome: outcome.outcome,
        ...(outcome.score !== undefined ? { score: outcome.score } : {}),
        ...(outcome.reason !== undefined ? { reason: outcome.reason } : {}),
        rawText: outcome.rawText,
        ...(outcome.repairText !== undefined ? { repairText: outcome.repairText } : {}),
        repaired: outcome.repaired,
        usage: outcome.usage,
        ...(outcome.block ? { block: outcome.block } : {}),
      };
    },
  };
}

/** The panel rule from the config as the engine's aggregator. */
export function panelAggregator(method: PanelMethod): PanelAggregator {
  return (verdicts) => {
    const r = aggregatePanel(verdicts.map((v) => ({ judgeId: v.judgeId, outcome: v.outcome, score: v.score ?? null })), method);
    return { outcome: r.outcome, ...(r.score !== undefined ? { score: r.score } : {}), ...(verdicts.length > 1 ? { spread: r.spread, disagreement: r.disagreement } : {}) };
  };
}
