import type { ChatMessageV1 } from '@sc-safety/spec';
import { unfence } from './fence.js';
import type { VerdictFormat } from './types.js';

/** What a judge prompt built by `buildJudgePrompt` asks to be graded. */
export interface JudgeTask {
  nonce: string;
  format: VerdictFormat;
  round: number;
  /** Category id and Chinese name. */
  category: string;
  categoryZh: string;
  /** Sub-dimension id and Chinese name. */
  dimension: string;
  dimensionZh: string;
  question: string;
  /** The graded answer, as fenced (delimiter look-alikes already neutralised). */
  answer: string;
  /** Round 2: the model's round-1 answer. */
  previousAnswer?: string;
  /** Round 2: the follow-up. */
  followUp?: string;
  /** The item's system prompt, when the prompt showed one. */
  system?: string;
  /** True when the conversation ends with our repair request rather than the task itself. */
  isRepair: boolean;
}

const ANSWER_OPEN = /<<<ANSWER-([0-9a-f]{16,64})>>>\n/;

/**
 * Recovers the task from a judge conversation (the prompt, possibly followed by a reply and the
 * repair request), so a fake judge server can read what it is asked to grade. Returns undefined
 * when the messages hold no judge prompt of ours (e.g. the request was for a model under test).
 */
export function extractJudgeTask(messages: readonly ChatMessageV1[]): JudgeTask | undefined {
  const index = messages.findIndex((m) => m.role === 'user' && ANSWER_OPEN.test(m.content));
  if (index < 0) return undefined;
  const content = messages[index]!.content;
  const nonce = ANSWER_OPEN.exec(content)![1]!;

  const category = /^类别：(.*) \[([^\]\n]*)\]$/m.exec(content);
  const dimension = /^子维度：(.*) \[([^\]\n]*)\]$/m.exec(content);
  const round = /^评分对象：第 (\d+) 轮/m.exec(content);
  const question = unfence(content, 'QUESTION', nonce);
  const answer = unfence(content, 'ANSWER', nonce);
  if (!category || !dimension || !round || question === undefined || answer === undefined) return undefined;

  const task: JudgeTask = {
    nonce,
    format: content.includes(`"id": "${nonce}"`) ? 'json' : 'marker',
    round: Number(round[1]),
    category: category[2]!,
    categoryZh: category[1]!,
    dimension: dimension[2]!,
    dimensionZh: dimension[1]!,
    question,
    answer,
    isRepair: messages.slice(index + 1).some((m) => m.role === 'user'),
  };
  const system = unfence(content, 'SYSTEM', nonce);
  if (system !== undefined) task.system = system;
  if (task.round >= 3) {
    task.previousAnswer = unfence(content, `TURN-${task.round - 1}-ANSWER`, nonce) ?? '';
    task.followUp = unfence(content, 'FOLLOWUP', nonce) ?? '';
  } else if (task.round === 2) {
    task.previousAnswer = unfence(content, 'ROUND1-ANSWER', nonce) ?? '';
    task.followUp = unfence(content, 'FOLLOWUP', nonce) ?? '';
  }
  return task;
}
