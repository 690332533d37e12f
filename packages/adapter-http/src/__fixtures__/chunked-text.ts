import type { FakeScenario } from '@sc-safety/testkit';

type TextScenario = Extract<FakeScenario, { kind: 'text' }>;

/** A text answer streamed in these pieces: the whole text is the pieces joined, so the two cannot disagree. */
export function chunkedText(
  chunks: string[],
  extra: Omit<TextScenario, 'kind' | 'text' | 'chunks'> = {},
): TextScenario {
  return { kind: 'text', text: chunks.join(''), chunks, ...extra };
}
