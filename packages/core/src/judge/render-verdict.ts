import type { VerdictFormat } from './types.js';

/**
 * A reply that a judge following our prompt would give: a short analysis line and the verdict
 * line, or (format `json`) the bare JSON object with the nonce. For fake judges in demos and tests.
 * Does not check the score against a scale: fakes may want to produce out-of-scale verdicts.
 */
export function renderVerdict(
  nonce: string,
  score: number,
  reason: string,
  options: { format?: VerdictFormat } = {},
): string {
  if (options.format === 'json') return JSON.stringify({ id: nonce, score, reason });
  return `分析：${reason}\nVERDICT-${nonce}: ${JSON.stringify({ score, reason })}`;
}
