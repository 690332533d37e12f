import type { ChatMessageV1 } from '@sc-safety/spec';
import { textContent } from '../common/text-content.js';

/**
 * Reads a recorded Messages request back into chat messages, for the conformance suite's
 * `extractMessages`: the top-level `system` (string or text blocks) becomes a leading system
 * message, then `messages` in order (text blocks of array content joined).
 */
export function extractAnthropicMessages(recordedBody: unknown): ChatMessageV1[] {
  const body = recordedBody as { system?: unknown; messages?: unknown } | undefined;
  if (!Array.isArray(body?.messages)) throw new Error('recorded request body has no messages array');
  const out: ChatMessageV1[] = [];
  if (body.system !== undefined) out.push({ role: 'system', content: textContent(body.system) });
  for (const raw of body.messages as unknown[]) {
    const m = raw as { role?: unknown; content?: unknown };
    if (m.role !== 'user' && m.role !== 'assistant')
      throw new Error(`unexpected role ${JSON.stringify(m.role)} in messages`);
    out.push({ role: m.role, content: textContent(m.content) });
  }
  return out;
}
