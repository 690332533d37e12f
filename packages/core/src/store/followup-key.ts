import { contentKey } from './content-key.js';
import { keyModelConfig } from './key-builders.js';

/** What identifies one generated (adaptive) user turn. */
export interface FollowupKeyParts {
  /** The answer the turn follows: the target's answer to turn k − 1. */
  answerKey: string;
  /** That answer's text, so a replaced answer regenerates its follow-up. */
  answerText: string;
  /** The attacker: adapter name, config (passed through {@link keyModelConfig}) and params. */
  attacker: { adapter: string; config: unknown; params?: unknown };
  /** The attacker prompt's hash (template, strategies, parser, cap). */
  promptHash: string;
  strategy: string;
  /** The turn written (≥ 2). */
  turn: number;
}

/**
 * The content address of one generated turn. It hangs off the answer it follows, so resuming or
 * re-judging a run never regenerates a turn, and two targets never share one.
 */
export function followupKey(parts: FollowupKeyParts): string {
  return contentKey({
    v: 1,
    kind: 'followup',
    answerKey: parts.answerKey,
    answerText: parts.answerText,
    attacker: {
      adapter: parts.attacker.adapter,
      config: keyModelConfig(parts.attacker.config),
      params: parts.attacker.params ?? {},
    },
    promptHash: parts.promptHash,
    strategy: parts.strategy,
    turn: parts.turn,
  });
}
