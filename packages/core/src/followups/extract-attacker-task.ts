import type { ChatMessageV1 } from '@sc-safety/spec';
import { STRATEGY_IDS, type StrategyId } from '@sc-safety/results';
import { ATTACKER_FENCE } from './attacker-prompt-template.js';

/** What an attacker prompt built by `buildAttackerMessages` asks for. */
export interface AttackerTask {
  strategy: StrategyId;
  category: string;
  dimension: string;
  /** The question, as fenced (delimiter look-alikes already neutralised). */
  question: string;
  maxChars: number;
  /** The whole conversation the attacker was sent (to check what it could and could not see). */
  messages: readonly ChatMessageV1[];
}

/**
 * Recovers the task from an attacker conversation, so a fake attacker server can read what it is
 * asked. Returns undefined when the messages hold no attacker prompt of ours.
 */
export function extractAttackerTask(messages: readonly ChatMessageV1[]): AttackerTask | undefined {
  const user = messages.find((m) => m.role === 'user' && m.content.includes(ATTACKER_FENCE.open));
  const system = messages.find((m) => m.role === 'system')?.content ?? '';
  if (user === undefined) return undefined;
  const content = user.content;
  const strategy = /^追问手法：.* \[([a-z_]+)\]$/m.exec(content)?.[1];
  const category = /^类别：.* \[([^\]\n]*)\]$/m.exec(content)?.[1];
  const dimension = /^子维度：.* \[([^\]\n]*)\]$/m.exec(content)?.[1];
  const maxChars = /不超过 (\d+) 个字/.exec(system)?.[1];
  const open = `${ATTACKER_FENCE.open}\n`;
  const start = content.indexOf(open);
  const end = content.indexOf(`\n${ATTACKER_FENCE.close}`, start + open.length);
  if (!strategy || !(STRATEGY_IDS as readonly string[]).includes(strategy) || !category || !dimension || end < 0)
    return undefined;
  return {
    strategy: strategy as StrategyId,
    category,
    dimension,
    question: content.slice(start + open.length, end),
    maxChars: maxChars === undefined ? Number.NaN : Number(maxChars),
    messages,
  };
}
