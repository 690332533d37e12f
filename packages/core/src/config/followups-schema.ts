import { z } from 'zod';
import { describeValue } from './checks.js';
import { modelEntrySchema } from './model-entry-schema.js';
import { maxCharsSchema, strategiesSchema } from './followups-fields.js';
import { ALWAYS, closedObject, numberOf } from './schema-parts.js';
import { MAX_ADAPTIVE_TURNS } from './adaptive-followups-limits.js';

const ATTACKER_REQUIRED =
  'required: the model that writes each next turn, e.g. {adapter: openai, model: qwen-max, apiKey: ${DASHSCOPE_API_KEY}}';
const NOT_FROZEN =
  'frozen follow-ups are written into a dataset with "sc-safety dataset followups" and need no "followups:" here';

/**
 * `followups:` of a run config: adaptive follow-ups, where an attacker model writes turns 2..N from
 * each target's own answers (docs/generated-followups.md). Defaults are filled in by
 * `validate-run-config.ts` (ADAPTIVE_FOLLOWUPS_DEFAULTS).
 */
export function followupsSchema() {
  const turnsError = (input: unknown): string =>
    `expected 2 to ${MAX_ADAPTIVE_TURNS} turns (the question is turn 1; 2 is the SC-Safety shape), got ${describeValue(input)}`;
  return closedObject(
    {
      mode: z
        .unknown()
        .superRefine((mode, ctx) => {
          if (mode !== 'adaptive' && mode !== undefined) {
            ctx.addIssue({
              code: 'custom',
              input: mode,
              message: `expected "adaptive", got ${describeValue(mode)}; ${NOT_FROZEN}`,
            });
          }
        }, ALWAYS)
        .optional(),
      attacker: modelEntrySchema('attacker').nullish(),
      strategies: strategiesSchema().optional(),
      turns: numberOf('positive integer')
        .refine((n) => n >= 2 && n <= MAX_ADAPTIVE_TURNS, { error: (issue) => turnsError(issue.input) })
        .describe('Turns per conversation (default 2, the SC-Safety shape).')
        .optional(),
      seed: numberOf('integer').optional(),
      maxChars: maxCharsSchema().optional(),
    },
    'followups key',
    'a mapping {mode: adaptive, attacker: {…}, strategies: […], turns: N}',
  )
    .superRefine((value: unknown, ctx) => {
      // A missing key never reaches the field's own checks, so the requirement is the object's.
      if (typeof value !== 'object' || value === null) return;
      const entry = value as { mode?: unknown; attacker?: unknown };
      if (!('mode' in entry))
        ctx.addIssue({
          code: 'custom',
          path: ['mode'],
          input: undefined,
          message: `expected "adaptive", got nothing; ${NOT_FROZEN}`,
        });
      if (entry.attacker == null)
        ctx.addIssue({ code: 'custom', path: ['attacker'], input: undefined, message: ATTACKER_REQUIRED });
    }, ALWAYS)
    .describe(
      "Adaptive follow-ups: an attacker writes turns 2..N from each model's answers; scored on their own board.",
    );
}
