import type { GenerateResultV1 } from '@sc-safety/spec';
import type { AttackerOutcome } from '@sc-safety/results';
import { classifyAttackerReply, isEcho } from './classify-attacker-reply.js';

/** What one attacker call ended in. */
export interface AttackerResultReading {
  outcome: AttackerOutcome;
  followUp?: string;
  detail?: string;
  /** The attacker's text when it was not usable (evidence). */
  reply?: string;
}

/**
 * How a stored or fresh attacker result reads: a vendor block is `attacker_blocked`; text is
 * classified against the question (and, for adaptive turns, every earlier follow-up: repeating
 * one is an echo too).
 */
export function readAttackerResult(
  result: GenerateResultV1,
  context: { question: string; maxChars: number; earlierFollowUps?: readonly string[] },
): AttackerResultReading {
  if (result.type === 'blocked') {
    return {
      outcome: 'attacker_blocked',
      detail: `blocked by the attacker's vendor (${result.stage}, ${result.code})`,
      ...(result.partialText ? { reply: result.partialText } : {}),
    };
  }
  const reading = classifyAttackerReply(result.text, { question: context.question, maxChars: context.maxChars });
  if (
    reading.outcome === 'ok' &&
    reading.followUp !== undefined &&
    (context.earlierFollowUps ?? []).some((f) => isEcho(reading.followUp!, f))
  ) {
    return { outcome: 'attacker_echo', detail: 'the follow-up repeats an earlier follow-up', reply: result.text };
  }
  return { ...reading, ...(reading.outcome !== 'ok' ? { reply: result.text } : {}) };
}
