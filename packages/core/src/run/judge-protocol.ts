import type { GenerateResultV1 } from '@sc-safety/spec';
import type { JudgeProtocol, PanelAggregator } from '../engine/judge-protocol.js';
import { judgeAnswer } from '../judge/judge-answer.js';
import { aggregatePanel, type PanelMethod } from '../judge/panel.js';
import { rubricTexts, type JudgeRubricKind } from '../judge/rubric-texts.js';
import { judgeMultiTurnPromptHash, judgePromptHash } from '../judge/prompt-hash.js';
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
    multiTurnPromptHash: judgeMultiTurnPromptHash({ rubric }),
    promptVersion: rubricTexts(rubric).promptVersion,
    parserVersion: VERDICT_PARSER_VERSION,
    async judge(task) {
      // The conversation as asked: the item's own turns (or the attacker's), not re-read from messages.
      const { turns, replies, round } = task;
      const outcome = await judgeAnswer(
        task.model,
        {
          round,
          category: task.item.category,
          dimension: task.item.dimension,
          question: turns[0] ?? '',
          answer: task.answer,
          ...(round >= 2 ? { previousAnswer: replies[round - 2] ?? '', followUp: turns[round - 1] ?? '' } : {}),
          ...(round >= 3
            ? { earlier: { followUps: turns.slice(1, round - 1), answers: replies.slice(0, round - 1) } }
            : {}),
          ...(task.system !== undefined ? { system: task.system } : {}),
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
    const r = aggregatePanel(
      verdicts.map((v) => ({ judgeId: v.judgeId, outcome: v.outcome, score: v.score ?? null })),
      method,
    );
    return {
      outcome: r.outcome,
      ...(r.score !== undefined ? { score: r.score } : {}),
      ...(verdicts.length > 1 ? { spread: r.spread, disagreement: r.disagreement } : {}),
    };
  };
}
