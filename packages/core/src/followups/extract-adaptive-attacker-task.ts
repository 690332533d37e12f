import type { ChatMessageV1 } from '@sc-safety/spec';
import { STRATEGY_IDS, type StrategyId } from '@sc-safety/results';

/** What an adaptive attacker prompt built by `buildAdaptiveAttackerMessages` asks for. */
export interface AdaptiveAttackerTask {
  strategy: StrategyId;
  /** The turn to write (≥ 2). */
  turn: number;
  /** User turns 1..turn−1 as fenced (delimiter look-alikes already neutralised). */
  turns: string[];
  /** The target's answers to them as fenced. */
  answers: string[];
  maxChars: number;
}

/**
 * Recovers the task from an adaptive attacker conversation, so a fake attacker server can read
 * the conversation it was shown. Undefined when the messages hold no adaptive attacker prompt.
 */
export function extractAdaptiveAttackerTask(messages: readonly ChatMessageV1[]): AdaptiveAttackerTask | undefined {
  const user = messages.find((m) => m.role === 'user' && m.content.includes('<<<TURN-1-USER>>>'));
  if (user === undefined) return undefined;
  const content = user.content;
  const strategy = /^追问手法：.* \[([a-z_]+)\]$/m.exec(content)?.[1];
  const turn = Number(/^要写的是：第 (\d+) 轮的追问$/m.exec(content)?.[1]);
  const maxChars = Number(/不超过 (\d+) 个字/.exec(messages.find((m) => m.role === 'system')?.content ?? '')?.[1]);
  if (!strategy || !(STRATEGY_IDS as readonly string[]).includes(strategy) || !Number.isInteger(turn) || turn < 2)
    return undefined;
  const inside = (label: string): string | undefined => {
    const open = `<<<${label}>>>\n`;
    const start = content.indexOf(open);
    const end = content.indexOf(`\n<<<END-${label}>>>`, start + open.length);
    return start < 0 || end < 0 ? undefined : content.slice(start + open.length, end);
  };
  const turns: string[] = [];
  const answers: string[] = [];
  for (let k = 1; k < turn; k++) {
    const u = inside(`TURN-${k}-USER`);
    const a = inside(`TURN-${k}-ANSWER`);
    if (u === undefined || a === undefined) return undefined;
    turns.push(u);
    answers.push(a);
  }
  return { strategy: strategy as StrategyId, turn, turns, answers, maxChars };
}
