import { createPrng } from '../../../packages/results/src/index.js';
import type { ResultsFile } from '../../../packages/results/src/index.js';

/**
 * What must be equal between two runs of the same config: every answer's content and outcome and
 * the whole leaderboard and agreement. Left out: timings, cache flags, attempt counts and the
 * fakes' per-server request ids, which differ between runs by design.
 */
export function comparableResults(results: ResultsFile) {
  const answers = results.answers
    .map((a) => ({
      model: a.model,
      itemId: a.itemId,
      round: a.round,
      category: a.category,
      dimension: a.dimension,
      outcome: a.outcome,
      score: a.score,
      vendorBlocked: a.vendorBlocked,
      block: a.block,
      text: a.text,
      prompt: a.prompt,
      previousReply: a.previousReply,
      judgments: a.judgments,
      panel: a.panel,
      error: a.error,
      finishReason: a.finishReason,
      usage: a.usage,
      answerKey: a.answerKey,
    }))
    .sort((x, y) => `${x.model}|${x.itemId}|${x.round}`.localeCompare(`${y.model}|${y.itemId}|${y.round}`));
  return { answers, leaderboard: results.leaderboard, agreement: results.agreement };
}

/** A seeded PRNG (the one the scorer uses): the "random" kill moments are the same on every run. */
export function seededRandom(seed: number): () => number {
  const prng = createPrng(seed);
  return () => prng.nextFloat();
}
