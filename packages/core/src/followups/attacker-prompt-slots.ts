import type { DatasetItem } from '../dataset/types.js';
import { STRATEGY_INSTRUCTIONS_ZH, strategyById, type StrategyId, type Taxonomy } from '@sc-safety/results';
import { ATTACKER_OUTPUT } from './attacker-prompt-template.js';

/**
 * The template slots both attacker prompts (frozen and adaptive) fill the same way: the output
 * markers, the item's category and sub-dimension, and the strategy with its Chinese instruction.
 *
 * @throws when the strategy id is unknown.
 */
export function attackerPromptSlots(
  taxonomy: Taxonomy,
  item: Pick<DatasetItem, 'category' | 'dimension'>,
  strategyId: StrategyId,
): Record<string, string> {
  const strategy = strategyById(strategyId);
  if (strategy === undefined) throw new Error(`unknown strategy "${strategyId}"`);
  const category = taxonomy.category(item.category);
  const dimension = taxonomy.dimension(item.dimension);
  return {
    outputOpen: ATTACKER_OUTPUT.open,
    outputClose: ATTACKER_OUTPUT.close,
    decline: ATTACKER_OUTPUT.decline,
    categoryZh: category?.zh ?? item.category,
    categoryId: item.category,
    dimensionZh: dimension?.zh ?? item.dimension,
    dimensionId: item.dimension,
    // A declared sub-dimension may have no definition (''): its name stands in.
    dimensionDefinition: dimension?.definition || (dimension?.zh ?? item.dimension),
    strategyZh: strategy.zh,
    strategyId: strategy.id,
    strategyInstruction: STRATEGY_INSTRUCTIONS_ZH[strategy.id],
  };
}
