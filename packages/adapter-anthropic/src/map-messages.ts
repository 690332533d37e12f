import type { ChatMessageV1, WarningV1 } from '@sc-safety/spec';

/** One turn as the Messages API takes it. */
export interface AnthropicTurn {
  role: 'user' | 'assistant';
  content: string;
}

export interface MappedMessages {
  /** Every system message, joined with a blank line; undefined when there were none. */
  system: string | undefined;
  messages: AnthropicTurn[];
  warnings: WarningV1[];
}

/** Put before a conversation that starts with the assistant, since the API wants a user turn first. */
export const LEADING_USER_PLACEHOLDER = '(start of conversation)';

/** Joins merged turns and system messages. */
const JOINER = '\n\n';

/**
 * Maps chat messages to the Messages API's shape, whose rules are stricter than the contract's:
 * no system role inside `messages`, the first turn is the user's, roles alternate, and only a final
 * assistant turn may be empty. The policy, applied in this order, each step with a warning
 * (`type: 'other'`, `setting: 'messages'`) so a run records that the conversation was reshaped:
 *
 * 1. System messages become the top-level `system`, joined with a blank line. A system message
 *    after the first turn is moved there too (warned: it loses its position).
 * 2. Empty (or whitespace-only) turns are dropped, except the last one, which is sent as is and
 *    left for the API to judge.
 * 3. Consecutive turns of the same role are merged into one, their texts joined with a blank line.
 * 4. A conversation that starts with the assistant gets a user turn `(start of conversation)` in
 *    front, so the assistant's words are kept rather than dropped.
 */
export function mapMessages(input: readonly ChatMessageV1[]): MappedMessages {
  const warnings: WarningV1[] = [];
  const warn = (message: string): void => {
    warnings.push({ type: 'other', setting: 'messages', message });
  };

  const systemParts: string[] = [];
  const turns: AnthropicTurn[] = [];
  let lateSystem = 0;
  for (const message of input) {
    if (message.role === 'system') {
      if (turns.length > 0) lateSystem++;
      systemParts.push(message.content);
    } else {
      turns.push({ role: message.role, content: message.content });
    }
  }
  if (lateSystem > 0)
    warn(
      `${lateSystem} system message(s) after the first turn were moved to the top-level "system" field (Anthropic has no system role inside messages).`,
    );

  const nonEmpty = turns.filter((turn, i) => i === turns.length - 1 || turn.content.trim() !== '');
  if (nonEmpty.length < turns.length) {
    warn(
      `${turns.length - nonEmpty.length} empty message(s) were dropped (Anthropic rejects empty turns before the last).`,
    );
  }

  const merged: AnthropicTurn[] = [];
  let merges = 0;
  for (const turn of nonEmpty) {
    const last = merged.at(-1);
    if (last !== undefined && last.role === turn.role) {
      last.content = `${last.content}${JOINER}${turn.content}`;
      merges++;
    } else {
      merged.push({ ...turn });
    }
  }
  if (merges > 0)
    warn(
      `${merges} consecutive same-role message(s) were merged into the previous one (Anthropic requires alternating user/assistant turns).`,
    );

  if (merged[0]?.role === 'assistant') {
    merged.unshift({ role: 'user', content: LEADING_USER_PLACEHOLDER });
    warn(
      `The conversation started with an assistant message; a user turn "${LEADING_USER_PLACEHOLDER}" was put before it (Anthropic requires the first turn to be the user's).`,
    );
  }

  return { system: systemParts.length > 0 ? systemParts.join(JOINER) : undefined, messages: merged, warnings };
}
