/** The text of a recorded message's content: a string as-is, or its `text` parts joined (others skipped). */
export function textContent(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((part: unknown) =>
        (part as { type?: unknown }).type === 'text' ? String((part as { text?: unknown }).text ?? '') : '',
      )
      .join('');
  }
  return '';
}
