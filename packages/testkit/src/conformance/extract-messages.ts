import type { ChatMessageV1 } from '@sc-safety/spec';
import { textContent } from '../fake/common/text-content.js';

/** Reads OpenAI-style `messages` back from a recorded request body (array content: text parts joined). */
export function extractOpenAIMessages(recordedBody: unknown): ChatMessageV1[] {
  const messages = (recordedBody as { messages?: unknown } | undefined)?.messages;
  if (!Array.isArray(messages)) throw new Error('recorded request body has no messages array');
  return messages.map((raw: unknown) => {
    const m = raw as { role?: unknown; content?: unknown };
    const role = m.role === 'developer' ? 'system' : m.role;
    if (role !== 'system' && role !== 'user' && role !== 'assistant')
      throw new Error(`unexpected role ${JSON.stringify(m.role)}`);
    return { role, content: textContent(m.content) };
  });
}
