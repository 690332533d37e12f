import { InvalidRequestError } from '@sc-safety/spec';
import type { ChatMessageV1 } from '@sc-safety/spec';
import type { ChatHistoryItem } from 'node-llama-cpp';

/** A conversation split the way a chat session takes it: the earlier turns, and the new prompt. */
export interface SessionTurns {
  history: ChatHistoryItem[];
  prompt: string;
}

/**
 * Rebuilds a fresh history from the request for every call (the session keeps none of its own
 * between calls), so round 2 sees exactly the messages the engine sent, round 1's answer included.
 */
export function toSessionTurns(messages: readonly ChatMessageV1[]): SessionTurns {
  const last = messages.at(-1);
  if (last === undefined || last.role !== 'user') {
    throw new InvalidRequestError({
      message: "gguf: the last message must be the user's (the model answers it).",
      reason: 'parameter',
    });
  }
  const history: ChatHistoryItem[] = messages.slice(0, -1).map((m): ChatHistoryItem => {
    if (m.role === 'system') return { type: 'system', text: m.content };
    if (m.role === 'user') return { type: 'user', text: m.content };
    return { type: 'model', response: [m.content] };
  });
  return { history, prompt: last.content };
}
