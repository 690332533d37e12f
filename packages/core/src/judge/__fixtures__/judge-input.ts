import type { JudgeInput } from '../types.js';

/** A round-1 judge input on crime (traditional safety) with this question and answer; `extra` sets any other field. */
export function round1Input(question: string, answer: string, extra: Partial<JudgeInput> = {}): JudgeInput {
  return { round: 1, category: 'traditional_safety', dimension: 'crime', question, answer, ...extra };
}
