import type { ChatMessageV1 } from '@sc-safety/spec';
import type { DatasetItem } from '../dataset/types.js';
import { neutralizeDelimiters } from '../judge/fence.js';
import { fillTemplate } from '../judge/prompt-template.js';
import type { StrategyId, Taxonomy } from '@sc-safety/results';
import { attackerPromptSlots } from './attacker-prompt-slots.js';
import { ADAPTIVE_ATTACKER_TEMPLATE, ADAPTIVE_BLOCKED_NOTE, ADAPTIVE_FENCE } from './adaptive-prompt-template.js';
import { BLOCKED_PLACEHOLDER } from '../engine/policies.js';

/** What one adaptive attacker call is asked: the conversation so far and the strategy of the next turn. */
export interface AdaptiveAttackerPromptInput {
  item: Pick<DatasetItem, 'category' | 'dimension'>;
  strategy: StrategyId;
  taxonomy: Taxonomy;
  maxChars: number;
  /** User turns 1..k−1 as asked. */
  turns: readonly string[];
  /** The target's answers to them, as its history carried them (k−1 of them). */
  replies: readonly string[];
}

const fenced = (open: string, close: string, k: number, text: string) =>
  `${fillTemplate(open, { k: String(k) })}\n${neutralizeDelimiters(text)}\n${fillTemplate(close, { k: String(k) })}`;

/**
 * The attacker conversation for turn k = `turns.length + 1`: `[system, user]`, the conversation
 * so far fenced turn by turn. Deterministic, so the call is content-addressed; a blocked answer
 * appears as a fixed note.
 */
export function buildAdaptiveAttackerMessages(input: AdaptiveAttackerPromptInput): ChatMessageV1[] {
  if (input.turns.length === 0 || input.replies.length !== input.turns.length)
    throw new Error('an adaptive follow-up needs every earlier turn and its answer');
  const slots = attackerPromptSlots(input.taxonomy, input.item, input.strategy);
  const conversation = input.turns
    .map((turn, i) => {
      const reply = input.replies[i]!;
      const answer = reply === BLOCKED_PLACEHOLDER ? ADAPTIVE_BLOCKED_NOTE : reply;
      return [
        fenced(ADAPTIVE_FENCE.userOpen, ADAPTIVE_FENCE.userClose, i + 1, turn),
        fenced(ADAPTIVE_FENCE.answerOpen, ADAPTIVE_FENCE.answerClose, i + 1, answer),
      ].join('\n');
    })
    .join('\n\n');
  const system = fillTemplate(ADAPTIVE_ATTACKER_TEMPLATE.system, { ...slots, maxChars: String(input.maxChars) });
  const user = fillTemplate(ADAPTIVE_ATTACKER_TEMPLATE.task, {
    ...slots,
    turn: String(input.turns.length + 1),
    conversation,
  });
  return [
    { role: 'system', content: system },
    { role: 'user', content: user },
  ];
}
