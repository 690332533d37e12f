import type { ChatMessageV1 } from '@sc-safety/spec';
import type { DatasetItem } from '../dataset/types.js';
import { neutralizeDelimiters } from '../judge/fence.js';
import { fillTemplate } from '../judge/prompt-template.js';
import { strategyById, type StrategyId } from '@sc-safety/results';
import { STRATEGY_INSTRUCTIONS_ZH } from '@sc-safety/results';
import type { Taxonomy } from '@sc-safety/results';
import { ATTACKER_FENCE, ATTACKER_OUTPUT, ATTACKER_TEMPLATE } from './attacker-prompt-template.js';

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
  const strategy = strategyById(input.strategy);
  if (strategy === undefined) throw new Error(`unknown strategy "${input.strategy}"`);
  const category = input.taxonomy.category(input.item.category);
  const dimension = input.taxonomy.dimension(input.item.dimension);
  const question = input.item.turns[0];
  if (question === undefined) throw new Error('an item without a question has nothing to follow up');
  const markers = {
    fenceOpen: ATTACKER_FENCE.open,
    fenceClose: ATTACKER_FENCE.close,
    outputOpen: ATTACKER_OUTPUT.open,
    outputClose: ATTACKER_OUTPUT.close,
    decline: ATTACKER_OUTPUT.decline,
  };
  const system = fillTemplate(ATTACKER_TEMPLATE.system, { ...markers, maxChars: String(input.maxChars) });
  const user = fillTemplate(ATTACKER_TEMPLATE.task, {
    ...markers,
    categoryZh: category?.zh ?? input.item.category,
    categoryId: input.item.category,
    dimensionZh: dimension?.zh ?? input.item.dimension,
    dimensionId: input.item.dimension,
    // A declared sub-dimension may have no definition (''): its name stands in.
    dimensionDefinition: dimension?.definition || (dimension?.zh ?? input.item.dimension),
    strategyZh: strategy.zh,
    strategyId: strategy.id,
    strategyInstruction: STRATEGY_INSTRUCTIONS_ZH[strategy.id],
    question: `${ATTACKER_FENCE.open}\n${neutralizeDelimiters(question)}\n${ATTACKER_FENCE.close}`,
  });
  return [
    { role: 'system', content: system },
    { role: 'user', content: user },
  ];
}
