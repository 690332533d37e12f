import type { ChatMessageV1 } from '@sc-safety/spec';
import type { AnswerState } from './answer-state.js';
import { BLOCKED_PLACEHOLDER, EMPTY_PLACEHOLDER } from './policies.js';
import type { EnginePolicies } from './policies.js';
import type { EngineItem, PreparedTarget } from './types.js';

/**
 * The system prompt a conversation is sent with: the target's `system` override (`""` sends none)
 * when set, else the item's own. The one place this rule lives.
 */
export function systemPromptOf(
  target: Pick<PreparedTarget, 'system'>,
  item: Pick<EngineItem, 'system'>,
): string | undefined {
  const system = target.system ?? item.system;
  return system ? system : undefined;
}

/** The turns of one conversation so far, as the target saw them and as the judge is shown them. */
export interface ConversationSoFar {
  system?: string;
  /** User turns asked, in order (turn 1 = the item's question). */
  turns: string[];
  /** The assistant turns the history carried, one fewer than `turns` (placeholders for blocks). */
  replies: string[];
}

/** The messages that ask the last turn of `conversation`. */
export function messagesOf(conversation: ConversationSoFar): ChatMessageV1[] {
  const out: ChatMessageV1[] = conversation.system ? [{ role: 'system', content: conversation.system }] : [];
  conversation.turns.forEach((turn, i) => {
    if (i > 0) out.push({ role: 'assistant', content: conversation.replies[i - 1]! });
    out.push({ role: 'user', content: turn });
  });
  return out;
}

/**
 * What stands in the history for an answer before the next turn is asked: the text (a fixed
 * placeholder when empty), or for a blocked answer the policy's placeholder or partial text.
 * `skip` when the policy says not to ask after a block; `failed` when there is no answer.
 */
export function historyReply(state: AnswerState, policies: EnginePolicies): string | 'skip' | 'failed' {
  if (state.kind === 'completed') return state.result.text.trim() === '' ? EMPTY_PLACEHOLDER : state.result.text;
  if (state.kind === 'blocked') {
    if (policies.round2AfterBlock === 'skip') return 'skip';
    return policies.round2AfterBlock === 'partial' && state.result.partialText
      ? state.result.partialText
      : BLOCKED_PLACEHOLDER;
  }
  return 'failed';
}
