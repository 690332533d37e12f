/** One parsed `data:` payload of an SSE stream, or the `[DONE]` sentinel. */
export type SseData = { done: true } | { done: false; data: string };

/** Reads `data:` payloads from an SSE body, skipping comments (`: keep-alive`). */
export async function* readSse(body: ReadableStream<Uint8Array>): AsyncGenerator<SseData> {
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of body) {
    buffer += decoder.decode(chunk, { stream: true });
    for (let match = /\r?\n\r?\n/.exec(buffer); match; match = /\r?\n\r?\n/.exec(buffer)) {
      const event = buffer.slice(0, match.index);
      buffer = buffer.slice(match.index + match[0].length);
      const data = event
        .split(/\r?\n/)
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).replace(/^ /, ''))
        .join('\n');
      if (data === '') continue;
      yield data === '[DONE]' ? { done: true } : { done: false, data };
    }
  }
}
