import type { ChatMessageV1 } from '@sc-safety/spec';

/**
 * Reads a recorded native `/completion` body (a ChatML prompt) back into messages, so the
 * conformance suite can check what reached llama-server. The open assistant turn at the end is
 * dropped.
 */
export function messagesFromChatMlBody(recordedBody: unknown): ChatMessageV1[] {
  const prompt = (recordedBody as { prompt?: unknown } | undefined)?.prompt;
  if (typeof prompt !== 'string') throw new Error('recorded /completion body has no string prompt');
  const messages: ChatMessageV1[] = [];
  const turn = /<\|im_start\|>(system|user|assistant)\n([\s\S]*?)<\|im_end\|>\n/g;
  for (let match = turn.exec(prompt); match !== null; match = turn.exec(prompt)) {
    messages.push({ role: match[1] as ChatMessageV1['role'], content: match[2] ?? '' });
  }
  return messages;
}
