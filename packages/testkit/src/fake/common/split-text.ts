/** Splits an answer into a few stream pieces (whole words kept together). */
export function splitText(text: string): string[] {
  if (text === '') return [];
  const words = text.match(/\S+\s*|\s+/g) ?? [text];
  const size = Math.max(1, Math.ceil(words.length / 3));
  const pieces: string[] = [];
  for (let i = 0; i < words.length; i += size) pieces.push(words.slice(i, i + size).join(''));
  return pieces;
}

/** Splits text into up to `parts` pieces without cutting a code point in two. */
export function splitCodePoints(text: string, parts = 3): string[] {
  const chars = Array.from(text);
  if (chars.length === 0) return [];
  const size = Math.ceil(chars.length / Math.min(parts, chars.length));
  const pieces: string[] = [];
  for (let i = 0; i < chars.length; i += size) pieces.push(chars.slice(i, i + size).join(''));
  return pieces;
}

/** A token count that looks plausible for a text (the fakes do not tokenise); at least 1. */
export function countTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

/** A deterministic stand-in for a tokenizer: about four characters per token, 0 for no text. */
export function estimateTokens(text: string): number {
  return text === '' ? 0 : countTokens(text);
}
