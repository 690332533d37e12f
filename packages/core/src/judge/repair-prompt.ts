import type { ChatMessageV1 } from '@sc-safety/spec';
import { judgeScaleLevels, scaleValues } from './judge-scale.js';
import type { VerdictProblem } from './parse-verdict.js';
import { fillTemplate, JUDGE_TEMPLATE } from './prompt-template.js';
import type { JudgePromptOptions } from './types.js';

/**
 * The one repair turn: the judge is told exactly what was wrong with its reply and asked for
 * the verdict alone, in the same conversation (its own reply stays in the history).
 */
export function buildRepairMessages(
  prompt: readonly ChatMessageV1[],
  reply: string,
  problem: VerdictProblem,
  nonce: string,
  options: JudgePromptOptions = {},
): ChatMessageV1[] {
  const values = { ...scaleValues(judgeScaleLevels(options.scale)), nonce };
  const format = options.format ?? 'marker';
  const content = fillTemplate(JUDGE_TEMPLATE.repair[format], {
    ...values,
    problem: fillTemplate(JUDGE_TEMPLATE.problems[problem], values),
  });
  return [...prompt, { role: 'assistant', content: reply }, { role: 'user', content }];
}
