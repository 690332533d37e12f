import { STRATEGY_IDS } from '@sc-safety/results';
import { describeValue, isMapping } from '../config/checks.js';
import { maxCharsSchema, strategiesSchema } from '../config/followups-fields.js';
import { modelEntrySchema } from '../config/model-entry-schema.js';
import { ALWAYS, closedObject, numberOf, text } from '../config/schema-parts.js';

/** The top-level keys named when the document is not a mapping. */
export const FOLLOWUPS_CONFIG_EXAMPLE_KEYS = 'dataset, output, attacker';

const ATTACKER_REQUIRED =
  'required: the model that writes follow-ups, e.g. {adapter: openai, model: qwen-max, apiKey: ${DASHSCOPE_API_KEY}}';

/**
 * The `sc-safety dataset followups` config (frozen follow-ups, docs/generated-followups.md): every
 * field's check and wording. Defaults and paths are filled in by `validate-followups-config.ts`.
 */
export function followupsConfigSchema() {
  return closedObject(
    {
      dataset: text({
        required:
          'required: the single-turn dataset to write follow-ups for ("builtin:NAME" or a path relative to this config file)',
        nonEmpty: true,
      }),
      output: text({
        required: 'required: the dataset file to write, e.g. "./my-set.followups.jsonl" (relative to this config file)',
        nonEmpty: true,
      }).refine((s) => s.trim() === '' || /\.(jsonl|ndjson)$/i.test(s), {
        error: (issue) => `${describeValue(issue.input)} must be a .jsonl file (the dataset written is JSONL)`,
      }),
      attacker: modelEntrySchema('attacker').nullish(),
      strategies: strategiesSchema().optional(),
      perItem: numberOf('positive integer').optional(),
      seed: numberOf('integer').optional(),
      maxChars: maxCharsSchema().optional(),
      store: text({ nonEmpty: true }).optional(),
    },
    'top-level key',
    `a mapping of settings at the top level (${FOLLOWUPS_CONFIG_EXAMPLE_KEYS}, …)`,
  ).superRefine((value: unknown, ctx) => {
    if (!isMapping(value)) return;
    // A missing key never reaches the field's own checks, so the requirement is the object's.
    if (value.attacker == null)
      ctx.addIssue({ code: 'custom', path: ['attacker'], input: undefined, message: ATTACKER_REQUIRED });
    const perItem = value.perItem;
    const strategies = value.strategies === undefined ? STRATEGY_IDS : value.strategies;
    // Only when both are valid on their own: otherwise their own messages say what is wrong.
    const valid =
      typeof perItem === 'number' &&
      Number.isInteger(perItem) &&
      perItem > 0 &&
      strategiesSchema().safeParse(strategies).success &&
      Array.isArray(strategies);
    if (valid && perItem > strategies.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['perItem'],
        input: perItem,
        message: `${perItem} follow-ups per item need ${perItem} strategies, but "strategies" lists ${strategies.length}; lower perItem or list more strategies`,
      });
    }
  }, ALWAYS);
}
