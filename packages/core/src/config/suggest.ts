import { editDistance } from '@sc-safety/results';

/**
 * The candidate closest to a misspelt word, when it is close enough to be a likely typo: at most
 * a third of the word's length in edits (at least one), compared case-insensitively.
 */
export function suggestName(word: string, candidates: Iterable<string>): string | undefined {
  const w = word.toLowerCase();
  const limit = Math.max(1, Math.floor(w.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = editDistance(w, candidate.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = candidate;
    }
  }
  return bestDistance <= limit ? best : undefined;
}

/** `; did you mean "x"?` or an empty string. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const guess = suggestName(word, candidates);
  return guess === undefined ? '' : `; did you mean "${guess}"?`;
}
