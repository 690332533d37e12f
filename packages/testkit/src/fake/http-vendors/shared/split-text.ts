/** Splits an answer into a few stream pieces (whole words kept together). */
export function splitText(text: string): string[] {
  if (text === '') return [];
  const words = text.match(/\S+\s*|\s+/g) ?? [text];
  const size = Math.max(1, Math.ceil(words.length / 3));
  const pieces: string[] = [];
  for (let i = 0; i < words.length; i += size) pieces.push(words.slice(i, i + size).join(''));
  return pieces;
}

/** A token count that looks plausible for a text (the fakes do not tokenise). */
export function countTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}
