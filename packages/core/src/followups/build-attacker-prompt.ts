import type { ChatMessageV1 } from '@sc-safety/spec';
import type { DatasetItem } from '../dataset/types.js';
import { neutralizeDelimiters } from '../judge/fence.js';
import { fillTemplate } from '../judge/prompt-template.js';
import type { StrategyId, Taxonomy } from '@sc-safety/results';
import { ATTACKER_FENCE, ATTACKER_TEMPLATE } from './attacker-prompt-template.js';
import { attackerPromptSlots } from './attacker-prompt-slots.js';

/** What one attacker call is asked: an item's question and the strategy to use. */
export interface AttackerPromptInput {
  item: Pick<DatasetItem, 'category' | 'dimension' | 'turns'>;
  strategy: StrategyId;
  taxonomy: Taxonomy;
  maxChars: number;
}

/**
 * The attacker conversation for one item and strategy: `[system, user]`. Deterministic (no nonce,
 * no time): the same input gives the same messages, so the call is content-addressed and a second
 * invocation reuses the stored reply. The question is fenced with angle-bracket runs neutralised,
 * so it cannot close its fence; no answer of any target is included.
 */
export function buildAttackerMessages(input: AttackerPromptInput): ChatMessageV1[] {
  const question = input.item.turns[0];
  if (question === undefined) throw new Error('an item without a question has nothing to follow up');
  const slots = attackerPromptSlots(input.taxonomy, input.item, input.strategy);
  const markers = { fenceOpen: ATTACKER_FENCE.open, fenceClose: ATTACKER_FENCE.close };
  const system = fillTemplate(ATTACKER_TEMPLATE.system, { ...slots, ...markers, maxChars: String(input.maxChars) });
  const user = fillTemplate(ATTACKER_TEMPLATE.task, {
    ...slots,
    ...markers,
    question: `${ATTACKER_FENCE.open}\n${neutralizeDelimiters(question)}\n${ATTACKER_FENCE.close}`,
  });
  return [
    { role: 'system', content: system },
    { role: 'user', content: user },
  ];
}
