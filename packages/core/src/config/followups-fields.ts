import { z } from 'zod';
import { STRATEGY_IDS, type StrategyId } from '@sc-safety/results';
import { describeValue } from './checks.js';
import { MAX_FOLLOWUP_CHARS_LIMIT } from './adaptive-followups-limits.js';
import { ALWAYS, numberOf, whenPresent } from './schema-parts.js';

// The fields both follow-ups configs share (frozen: `sc-safety dataset followups`; adaptive: a run
// config's `followups:`), so both check and word them alike.

/**
 * `strategies`: a non-empty list of strategy ids, each listed once. An unknown id is worded by the
 * config error map (`expected one of "role_play", …, got "role_plays"; did you mean "role_play"?`).
 */
export function strategiesSchema() {
  const list = `a non-empty list of strategy ids (${STRATEGY_IDS.join(', ')})`;
  return z
    .array(z.enum(STRATEGY_IDS as unknown as [StrategyId, ...StrategyId[]]), {
      error: whenPresent((input) => `expected ${list}, got ${describeValue(input)}`),
    })
    .min(1, { error: `expected ${list}, got []` })
    .superRefine((ids: unknown, ctx) => {
      if (!Array.isArray(ids)) return;
      ids.forEach((id: unknown, i) => {
        if (typeof id === 'string' && ids.indexOf(id) < i) {
          ctx.addIssue({
            code: 'custom',
            path: [i],
            input: id,
            message: `"${id}" is listed twice; list each strategy once`,
          });
        }
      });
    }, ALWAYS);
}

/** `maxChars`: the cap on a follow-up's length, a positive integer up to {@link MAX_FOLLOWUP_CHARS_LIMIT}. */
export function maxCharsSchema() {
  return numberOf('positive integer').refine((n) => n <= MAX_FOLLOWUP_CHARS_LIMIT, {
    error: (issue) => `expected at most ${MAX_FOLLOWUP_CHARS_LIMIT} characters, got ${describeValue(issue.input)}`,
  });
}
