/**
 * A score in hundredths, rounded half up. Ties and display share this key, so two rows that print
 * the same are exactly the rows that tie.
 */
export function scoreCents(score: number): number {
  const cents = Math.round(score * 100);
  return cents === 0 ? 0 : cents; // drop -0
}

/**
 * A score for display, to 2 decimals (`87.43`); `—` for null. With `signed`, positive values get
 * a `+` (for deltas: `+3.44`, `-2.67`, `0.00`).
 */
export function formatScore(score: number | null | undefined, options: { signed?: boolean } = {}): string {
  if (score === null || score === undefined || Number.isNaN(score)) return '—';
  const cents = scoreCents(score);
  const abs = Math.abs(cents);
  const text = `${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
  if (cents < 0) return `-${text}`;
  return options.signed === true && cents > 0 ? `+${text}` : text;
}
