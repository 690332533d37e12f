import { z } from 'zod';
import { isBuiltinRef, resolveDatasetPath } from '../dataset/resolve.js';
import { describeValue, isMapping } from './checks.js';
import { MODEL_ID_PATTERN, type ModelRole } from './model-fields.js';
import { followupsSchema } from './followups-schema.js';
import { epochsSchema, modelEntrySchema } from './model-entry-schema.js';
import { ALWAYS, closedObject, numberOf, text, whenPresent } from './schema-parts.js';

// The run-config format in one place: the loader validates with it, the CLI generates the shipped
// JSON Schema from it (`packages/cli/schema/run-config.schema.json`). A new top-level key is one
// entry in `runConfigShape` (its messages come from schema-parts and config-issues).

export interface RunConfigSchemaOptions {
  /** A judge-only file (`sc-safety judge check --judge file`): no dataset or models needed, a judge is. */
  judgeOnly?: boolean;
}

const DATASET_REQUIRED =
  'required: "builtin:NAME" (e.g. builtin:sample) or a path to a dataset file, relative to this config file';
const MODELS_REQUIRED = 'required: a list of models to run, each with at least "id", "adapter" and "model"';
const JUDGE_REQUIRED = 'required: the judge to check ("judge:" with adapter and model) or a panel ("judges:")';

/** A dataset reference; a `builtin:` name must exist. */
function datasetRef(options: { required?: string } = {}) {
  return text({ ...options, nonEmpty: true }).superRefine((ref, ctx) => {
    if (!isBuiltinRef(ref)) return;
    try {
      resolveDatasetPath(ref);
    } catch (error) {
      ctx.addIssue({ code: 'custom', input: ref, message: (error as Error).message });
    }
  });
}

/** `judge.check` / `panel.check`: `{minKappa: 0.6, set: builtin:judge-check}`. */
function judgeCheckSchema() {
  const kappaError = (issue: z.core.$ZodRawIssue): string =>
    issue.input === undefined
      ? 'required: the lowest quadratic-weighted κ the judge must reach, e.g. 0.6'
      : `expected a number from -1 to 1 (κ's range), got ${describeValue(issue.input)}`;
  return closedObject(
    {
      minKappa: z.number({ error: kappaError }).min(-1, { error: kappaError }).max(1, { error: kappaError }),
      set: text({ nonEmpty: true }).optional(),
    },
    'judge-check setting',
    'a mapping such as {minKappa: 0.6}',
  ).describe('The judge must reach this agreement with a labelled set before any target call.');
}

/** A list of model entries whose ids (a judge's defaults to its model) are unique. */
function entryList<List extends z.ZodType<unknown[]>>(role: ModelRole, base: string, list: List): List {
  return list.superRefine((entries: unknown, ctx) => {
    if (!Array.isArray(entries)) return;
    const firstUse = new Map<string, string>();
    entries.forEach((raw: unknown, i) => {
      const id = idOf(raw, role);
      if (id === undefined) return;
      const first = firstUse.get(id);
      if (first === undefined) firstUse.set(id, `${base}[${i}]`);
      else {
        const hint = isMapping(raw) && raw.id !== undefined ? '' : '; give each judge its own "id"';
        ctx.addIssue({
          code: 'custom',
          path: [i, 'id'],
          input: id,
          message: `duplicate id "${id}" (first used by ${first})${hint}`,
        });
      }
    });
  }, ALWAYS);
}

/** The id an entry will be known by (a judge defaults to its model), when it is a usable id. */
function idOf(raw: unknown, role: ModelRole): string | undefined {
  if (!isMapping(raw)) return undefined;
  if (raw.id !== undefined) return typeof raw.id === 'string' && MODEL_ID_PATTERN.test(raw.id) ? raw.id : undefined;
  return role === 'judge' && typeof raw.model === 'string' && raw.model.trim().length > 0 ? raw.model : undefined;
}

/** Every top-level key of a run config, in the order the docs list them. */
export function runConfigShape(options: RunConfigSchemaOptions = {}) {
  const judgeOnly = options.judgeOnly === true;
  const models = z
    .array(modelEntrySchema('target'), {
      error: (issue) =>
        issue.input == null ? MODELS_REQUIRED : `expected a list of model entries, got ${describeValue(issue.input)}`,
    })
    .min(1, { error: 'at least one model is required' });
  const judges = z
    .array(modelEntrySchema('judge'), {
      error: whenPresent((input) => `expected a list of judge entries, got ${describeValue(input)}`),
    })
    .min(2, {
      error: (issue) =>
        `a panel needs at least two judges (got ${(issue.input as unknown[]).length}); for a single judge write "judge:"`,
    });
  return {
    dataset: (judgeOnly ? datasetRef().optional() : datasetRef({ required: DATASET_REQUIRED })).describe(
      'builtin:NAME (sc-safety dataset list) or a path to a JSONL / JSON dataset, relative to this file.',
    ),
    output: text({ nonEmpty: true }).describe('The run directory (default runs/<config name>).').optional(),
    models: (judgeOnly
      ? entryList('target', 'models', models).optional()
      : entryList('target', 'models', models)
    ).describe('The models under test.'),
    judge: modelEntrySchema('judge', { check: judgeCheckSchema().optional() })
      .nullish()
      .describe('The judge (or `judges:` for a panel).'),
    judges: entryList('judge', 'judges', judges).nullish().describe('A panel of two or more judges with unique ids.'),
    panel: closedObject(
      { aggregate: z.enum(['median', 'majority']).optional(), check: judgeCheckSchema().optional() },
      'panel setting',
      'a mapping such as {aggregate: median}',
    ).optional(),
    policies: closedObject(
      {
        block: z
          .enum(['score-1', 'exclude'])
          .describe('A vendor block scores 1 (safe, no guidance), or is excluded.')
          .optional(),
        round2AfterBlock: z.enum(['placeholder', 'partial', 'skip']).optional(),
        emptyAnswer: z.enum(['outcome', 'judge']).optional(),
      },
      'policy',
      'a mapping of policies (block, round2AfterBlock, emptyAnswer)',
    ).optional(),
    limit: numberOf('non-negative integer').describe('Only the first n items (0: all).').optional(),
    contrast: datasetRef()
      .describe('Over-refusal control: builtin:contrast or a path to benign prompts (expect: comply), scored apart.')
      .optional(),
    epochs: epochsSchema().optional(),
    maxInFlight: numberOf('positive integer')
      .describe(
        'Calls in flight at once across every model of the run (targets and judges), on top of each model’s own concurrency (default: no run-wide cap).',
      )
      .optional(),
    followups: followupsSchema().optional(),
  };
}

/** Words a top level that is not a mapping (a list, a scalar, an empty file). */
export function topLevelProblem(value: unknown, keys = 'dataset, models, judge'): string {
  const got = value == null ? 'an empty document' : describeValue(value);
  return `expected a mapping of settings at the top level (${keys}, …), got ${got}`;
}

/**
 * The whole run config: its keys plus the rules between them (one judge or a panel; `panel` only
 * with `judges`; a judge-only file needs a judge).
 */
export function runConfigSchema(options: RunConfigSchemaOptions = {}) {
  return closedObject(
    runConfigShape(options),
    'top-level key',
    'a mapping of settings at the top level (dataset, models, judge, …)',
  )
    .superRefine((value: unknown, ctx) => {
      if (!isMapping(value)) return;
      const hasJudge = value.judge != null;
      const hasPanel = value.judges != null;
      if (hasJudge && hasPanel)
        ctx.addIssue({
          code: 'custom',
          path: ['judge'],
          input: value.judge,
          message: 'give either "judge" or "judges", not both',
        });
      if (value.panel !== undefined && !hasPanel) {
        ctx.addIssue({
          code: 'custom',
          path: ['panel'],
          input: value.panel,
          message: 'only used with "judges" (a panel of two or more judges)',
        });
      }
      if (options.judgeOnly === true && !hasJudge && !hasPanel)
        ctx.addIssue({ code: 'custom', path: ['judge'], input: undefined, message: JUDGE_REQUIRED });
    }, ALWAYS)
    .meta({ title: 'sc-safety run config', additionalProperties: false });
}
