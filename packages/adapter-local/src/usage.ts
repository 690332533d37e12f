import type { UsageV1 } from '@sc-safety/spec';

/** Usage from two token counts, with the total only when both are known. */
export function usageOf(input: unknown, output: unknown): UsageV1 {
  const usage: UsageV1 = {};
  if (isCount(input)) usage.inputTokens = input;
  if (isCount(output)) usage.outputTokens = output;
  if (usage.inputTokens !== undefined && usage.outputTokens !== undefined)
    usage.totalTokens = usage.inputTokens + usage.outputTokens;
  return usage;
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}
