import { z } from 'zod';
import { describeValue, isMapping } from './checks.js';
import {
  ENGINE_MODEL_FIELDS,
  MAX_EPOCHS,
  MODEL_ID_PATTERN,
  SHARED_MODEL_FIELDS,
  type ModelRole,
} from './model-fields.js';
import { ALWAYS, closedObject, nonEmptyEntry, numberOf, text, whenPresent } from './schema-parts.js';
import { suggestName } from './suggest.js';

const ADAPTER_REQUIRED = 'required (short name like "openai", a package name, or a path)';
const MODEL_REQUIRED = 'required: the vendor\'s model id (e.g. "qwen-max", "gpt-4o")';
const ID_REQUIRED = 'required: the name shown on the leaderboard (letters, digits and . _ : @ / -)';
const KNOWN = new Set<string>([...ENGINE_MODEL_FIELDS, ...SHARED_MODEL_FIELDS]);

/** `epochs` (run level or per model): a whole number from 1 to {@link MAX_EPOCHS}. */
export function epochsSchema() {
  return numberOf('positive integer')
    .max(MAX_EPOCHS, {
      error: (issue) => `at most ${MAX_EPOCHS} epochs (each epoch asks every item again), got ${String(issue.input)}`,
    })
    .describe('Ask every item k times, each an independent conversation; scores pool the epochs.');
}

/** `params`: the sampling settings sent with every request (`GenerationParamsV1`). */
function paramsSchema() {
  const stopError = whenPresent((input) => `expected a list of stop sequences, got ${describeValue(input)}`);
  return closedObject(
    {
      temperature: numberOf('non-negative number').optional(),
      topP: numberOf('positive number')
        .max(1, { error: (issue) => `expected a number in (0, 1], got ${String(issue.input)}` })
        .optional(),
      maxTokens: numberOf('positive integer').optional(),
      seed: numberOf('integer').optional(),
      stop: z.array(nonEmptyEntry(), { error: stopError }).optional(),
    },
    'sampling setting',
    'a mapping of sampling settings (temperature, topP, maxTokens, seed, stop)',
  ).describe("Sampling settings sent with every request; checked against the preset's ranges when the config loads.");
}

function tagsSchema() {
  const error = whenPresent(
    (input) => `expected a list of tags (open, closed, unranked, or your own), got ${describeValue(input)}`,
  );
  return z
    .array(nonEmptyEntry(), { error })
    .superRefine((tags, ctx) => {
      if (tags.includes('open') && tags.includes('closed'))
        ctx.addIssue({ code: 'custom', input: tags, message: 'a model cannot be tagged both "open" and "closed"' });
    })
    .describe('open / closed (which board), unranked (listed without a rank), or free tags.');
}

/** Refuses a field on judges and attackers, saying why. */
function notAllowed(role: ModelRole, why: string) {
  const who = role === 'judge' ? 'a judge' : 'an attacker';
  return z.never({ error: `not allowed on ${who}: ${why}` }).optional();
}

/**
 * The fields every role's entry has, alike for all: built once. zod schemas are immutable, so the
 * entries of a run config (target, judge, judges, attacker) share them, and building the run
 * config's schema before the first request costs one set of them, not four.
 */
let sharedFields: ReturnType<typeof buildSharedFields> | undefined;

function buildSharedFields() {
  return {
    adapter: text({ required: ADAPTER_REQUIRED, nonEmpty: true }).describe(
      'openai, anthropic, http, local, a package name, or a path to an adapter module (code that runs with your rights).',
    ),
    model: text({ required: MODEL_REQUIRED, nonEmpty: true }).describe("The vendor's model id, e.g. qwen-max."),
    preset: text({ nonEmpty: true }).describe('A built-in vendor preset (`sc-safety presets` lists them).').optional(),
    baseURL: text({ nonEmpty: true }).describe("Overrides the preset's base URL.").optional(),
    apiKey: text()
      .describe('Write ${VAR}: the key is read from the environment (or .env) and never written anywhere.')
      .optional(),
    timeoutMs: numberOf('positive integer').describe('Per-call timeout in milliseconds.').optional(),
    headers: z
      .record(z.string(), z.string(), {
        error: whenPresent((input) => `expected a mapping of header name to value, got ${describeValue(input)}`),
      })
      .describe('Extra HTTP headers.')
      .optional(),
    params: paramsSchema().optional(),
    concurrency: numberOf('positive integer').describe('Calls in flight at once (default 4).').optional(),
    rpm: numberOf('positive number').describe('Requests-per-minute budget.').optional(),
    tpm: numberOf('positive number').describe('Tokens-per-minute budget.').optional(),
    maxRetries: numberOf('non-negative integer')
      .describe('Retries of retryable failures (rate limits, timeouts, 5xx).')
      .optional(),
    tags: tagsSchema().optional(),
  };
}

/**
 * The fields of a model entry (`models[i]`, `judge`, `judges[i]`, an attacker) the engine knows.
 * Judges and attackers may leave out `id` (it defaults to `model`) and take no `system` or `epochs`.
 */
export function modelEntryShape(role: ModelRole) {
  const idError = whenPresent(
    (input) => `${describeValue(input)} is not a valid id: use letters, digits and . _ : @ / -`,
  );
  const id = text({ nonEmpty: true, ...(role === 'target' ? { required: ID_REQUIRED } : {}) }).regex(MODEL_ID_PATTERN, {
    error: idError,
  });
  const system =
    role === 'target'
      ? text().describe('A system prompt for every item, replacing the items\' own; "" sends none.').optional()
      : notAllowed(role, `the ${role} prompt is fixed and versioned by the engine`);
  const epochs =
    role === 'target'
      ? epochsSchema().describe("Ask every item k times (overrides the run's epochs).").optional()
      : notAllowed(role, 'epochs repeat the questions asked of a model under test');
  return {
    id: (role === 'target' ? id : id.optional()).describe('The name on the leaderboard.'),
    ...(sharedFields ??= buildSharedFields()),
    system,
    epochs,
  };
}

/**
 * A model entry. Fields the engine does not know belong to the adapter (its `configSchema` checks
 * them), so they pass; only a near miss of an engine field (`concurency`) is reported here.
 */
export function modelEntrySchema<Extra extends z.core.$ZodLooseShape = Record<never, never>>(
  role: ModelRole,
  extra?: Extra,
) {
  const shape = { ...modelEntryShape(role), ...(extra ?? ({} as Extra)) };
  const own = new Set([...KNOWN, ...Object.keys(shape)]);
  const what = 'a model entry (a mapping with at least "adapter" and "model")';
  return z
    .looseObject(shape, { error: (issue) => `expected ${what}, got ${describeValue(issue.input)}` })
    .superRefine((value: unknown, ctx) => {
      if (!isMapping(value)) return;
      for (const key of Object.keys(value)) {
        if (own.has(key)) continue;
        const guess = suggestName(key, ENGINE_MODEL_FIELDS);
        if (guess === undefined) continue;
        const message = `unknown field; did you mean "${guess}"? (fields the engine does not know are handed to the adapter)`;
        ctx.addIssue({ code: 'custom', path: [key], input: value[key], message });
      }
    }, ALWAYS);
}

/** A model entry as the schema passes it: typed engine fields plus the adapter's own. */
export type ParsedModelEntry = z.output<ReturnType<typeof modelEntrySchema<Record<never, never>>>>;
