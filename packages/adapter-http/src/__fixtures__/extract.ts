import type { ChatMessageV1 } from '@sc-safety/spec';
import { getPath } from '@sc-safety/adapter-utils';

/** Reads `{role, content}` messages (names configurable) at `path` back from a recorded body, plus a top-level system field. */
export function extractMessagesAt(path: string, fields: { role?: string; content?: string; system?: string; roles?: Record<string, ChatMessageV1['role']> } = {}) {
  return (body: unknown): ChatMessageV1[] => {
    const list = getPath(body, path);
    if (!Array.isArray(list)) throw new Error(`recorded body has no message array at ${path}`);
    const messages = list.map((raw: unknown): ChatMessageV1 => {
      const m = raw as Record<string, unknown>;
      const vendorRole = String(m[fields.role ?? 'role']);
      const role = fields.roles?.[vendorRole] ?? (vendorRole.toLowerCase() as ChatMessageV1['role']);
      return { role, content: String(m[fields.content ?? 'content']) };
    });
    const system = fields.system === undefined ? undefined : getPath(body, fields.system);
    return typeof system === 'string' ? [{ role: 'system', content: system }, ...messages] : messages;
  };
}
