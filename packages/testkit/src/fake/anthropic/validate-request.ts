/** Top-level fields the Messages API accepts; anything else is "Extra inputs are not permitted". */
const KNOWN_FIELDS = new Set([
  'model',
  'messages',
  'max_tokens',
  'system',
  'temperature',
  'top_p',
  'top_k',
  'stop_sequences',
  'stream',
  'metadata',
  'tools',
  'tool_choice',
  'thinking',
  'service_tier',
  'container',
  'mcp_servers',
  'output_config',
  'context_management',
  'inference_geo',
]);

/**
 * What the Messages API would reject in a request body with a 400 `invalid_request_error`, or
 * undefined when it is acceptable. Checks what adapters get wrong: `max_tokens` is required, there
 * is no `system` role inside `messages`, the conversation starts with `user` and alternates, only
 * the final assistant message may be empty, `temperature` is in [0, 1], and unknown fields such as
 * `seed` are refused.
 */
export function messagesRequestProblem(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return 'There was an error parsing the body of your request: expected a JSON object.';
  const record = body as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!KNOWN_FIELDS.has(key)) return `${key}: Extra inputs are not permitted`;
  }
  if (typeof record.model !== 'string' || record.model === '') return 'model: Field required';
  if (record.max_tokens === undefined) return 'max_tokens: Field required';
  if (typeof record.max_tokens !== 'number' || !Number.isInteger(record.max_tokens) || record.max_tokens < 1) {
    return 'max_tokens: Input should be a valid integer greater than or equal to 1';
  }
  const systemProblem = systemFieldProblem(record.system);
  if (systemProblem !== undefined) return systemProblem;
  if (
    record.temperature !== undefined &&
    (typeof record.temperature !== 'number' || record.temperature < 0 || record.temperature > 1)
  ) {
    return 'temperature: Input should be less than or equal to 1';
  }
  if (record.stop_sequences !== undefined) {
    if (!Array.isArray(record.stop_sequences) || !record.stop_sequences.every((s) => typeof s === 'string'))
      return 'stop_sequences: Input should be a valid list of strings';
    if (record.stop_sequences.some((s: string) => s.trim() === ''))
      return 'stop_sequences: each stop sequence must contain non-whitespace characters';
  }
  return messagesProblem(record.messages);
}

function systemFieldProblem(system: unknown): string | undefined {
  if (system === undefined || typeof system === 'string') return undefined;
  if (
    Array.isArray(system) &&
    system.every(
      (b) =>
        typeof b === 'object' &&
        b !== null &&
        (b as Record<string, unknown>).type === 'text' &&
        typeof (b as Record<string, unknown>).text === 'string',
    )
  ) {
    return undefined;
  }
  return 'system: Input should be a valid string or a list of text blocks';
}

function messagesProblem(messages: unknown): string | undefined {
  if (messages === undefined) return 'messages: Field required';
  if (!Array.isArray(messages)) return 'messages: Input should be a valid list';
  if (messages.length === 0) return 'messages: at least one message is required';
  let previous: string | undefined;
  for (const [i, raw] of (messages as unknown[]).entries()) {
    const m = raw as Record<string, unknown> | null;
    if (typeof m !== 'object' || m === null) return `messages.${i}: Input should be a valid dictionary`;
    if (m.role === 'system') {
      return 'Unexpected role "system". The Messages API accepts a top-level `system` parameter, not "system" as an input message role.';
    }
    if (m.role !== 'user' && m.role !== 'assistant') return `messages.${i}.role: Input should be 'user' or 'assistant'`;
    if (i === 0 && m.role !== 'user') return 'messages: first message must use the "user" role';
    if (m.role === previous)
      return `messages: roles must alternate between "user" and "assistant", but found multiple "${m.role}" roles in a row`;
    previous = m.role;
    const text = contentText(m.content);
    if (text === undefined) return `messages.${i}.content: Input should be a valid string or a list of content blocks`;
    const finalAssistant = i === messages.length - 1 && m.role === 'assistant';
    if (text.trim() === '' && !finalAssistant)
      return `messages.${i}: all messages must have non-empty content except for the optional final assistant message`;
  }
  return undefined;
}

function contentText(content: unknown): string | undefined {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return undefined;
  let text = '';
  for (const block of content as unknown[]) {
    const b = block as Record<string, unknown> | null;
    if (typeof b !== 'object' || b === null || typeof b.type !== 'string') return undefined;
    // Non-text blocks (images, tool results) count as content.
    text += b.type === 'text' ? String(b.text ?? '') : '[block]';
  }
  return text;
}
