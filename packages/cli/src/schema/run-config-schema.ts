import { ENGINE_MODEL_FIELDS, PARAM_FIELDS, POLICY_KEYS, RUN_CONFIG_KEYS, SHARED_MODEL_FIELDS } from '@sc-safety/core/internal';
import { STRATEGY_IDS } from '@sc-safety/results';

export { RUN_CONFIG_SCHEMA_FILE } from './run-config-schema-file.js';

type Schema = Record<string, unknown>;

const MODEL_FIELD_SCHEMAS: Readonly<Record<string, Schema>> = {
  id: { type: 'string', pattern: '^[A-Za-z0-9._:@/-]+$', description: 'The name on the leaderboard (targets: required).' },
  adapter: { type: 'string', minLength: 1, description: 'openai, anthropic, http, local, a package name, or a path to an adapter module (code that runs with your rights).' },
  model: { type: 'string', minLength: 1, description: "The vendor's model id, e.g. qwen-max." },
  preset: { type: 'string', minLength: 1, description: 'A built-in vendor preset (`sc-safety presets` lists them): base URL, key variable, parameter ranges, block rules.' },
  baseURL: { type: 'string', minLength: 1, description: "Overrides the preset's base URL." },
  apiKey: { type: 'string', description: 'Write ${VAR}: the key is read from the environment (or .env) and never written anywhere.' },
  timeoutMs: { type: 'integer', minimum: 1, description: 'Per-call timeout in milliseconds.' },
  headers: { type: 'object', additionalProperties: { type: 'string' }, description: 'Extra HTTP headers.' },
  params: {
    type: 'object',
    description: "Sampling settings sent with every request; checked against the preset's ranges when the config loads.",
    additionalProperties: false,
    properties: {
      temperature: { type: 'number' },
      topP: { type: 'number' },
      maxTokens: { type: 'integer', minimum: 1 },
      seed: { type: 'integer' },
      stop: { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
    },
  },
  concurrency: { type: 'integer', minimum: 1, description: 'Calls in flight at once (default 4).' },
  rpm: { type: 'number', exclusiveMinimum: 0, description: 'Requests-per-minute budget.' },
  tpm: { type: 'number', exclusiveMinimum: 0, description: 'Tokens-per-minute budget.' },
  maxRetries: { type: 'integer', minimum: 0, description: 'Retries of retryable failures (rate limits, timeouts, 5xx).' },
  tags: { type: 'array', items: { type: 'string' }, description: 'open / closed (which board), unranked (listed without a rank), or free tags.' },
  system: { type: 'string', description: 'Targets only: a system prompt for every item, replacing the items\' own; "" sends none.' },
  epochs: { type: 'integer', minimum: 1, description: 'Targets only: ask every item k times, each an independent conversation (overrides the run\'s epochs).' },
};

const JUDGE_CHECK: Schema = {
  type: 'object',
  description: 'The judge must reach this agreement with a labelled set before any target call.',
  additionalProperties: false,
  required: ['minKappa'],
  properties: { minKappa: { type: 'number', minimum: -1, maximum: 1 }, set: { type: 'string' } },
};

/** A model entry: the engine's and the shared fields typed; other fields belong to the adapter. */
function modelEntry(required: readonly string[], extra: Record<string, Schema> = {}): Schema {
  const properties: Record<string, Schema> = {};
  for (const key of [...ENGINE_MODEL_FIELDS, ...SHARED_MODEL_FIELDS]) properties[key] = MODEL_FIELD_SCHEMAS[key] ?? {};
  return { type: 'object', required: [...required], properties: { ...properties, ...extra }, additionalProperties: true };
}

/**
 * The JSON Schema of run configs, built from the validator's own key lists (the validator stays the
 * authority: it also checks what a schema cannot, such as preset ranges and adapter fields). Editors
 * use it through the `# yaml-language-server: $schema=…` line that `sc-safety init` writes.
 */
export function buildRunConfigSchema(): Schema {
  const top: Record<string, Schema> = {
    dataset: { type: 'string', minLength: 1, description: 'builtin:NAME (sc-safety dataset list) or a path to a JSONL / JSON dataset.' },
    output: { type: 'string', minLength: 1, description: 'The run directory (default runs/<config name>).' },
    models: { type: 'array', minItems: 1, items: modelEntry(['id', 'adapter', 'model']) },
    judge: modelEntry(['adapter', 'model'], { check: JUDGE_CHECK }),
    judges: { type: 'array', minItems: 2, items: modelEntry(['adapter', 'model']) },
    panel: {
      type: 'object',
      additionalProperties: false,
      properties: { aggregate: { enum: ['median', 'majority'] }, check: JUDGE_CHECK },
    },
    policies: {
      type: 'object',
      additionalProperties: false,
      properties: {
        block: { enum: ['score-1', 'exclude'] },
        round2AfterBlock: { enum: ['placeholder', 'partial', 'skip'] },
        emptyAnswer: { enum: ['outcome', 'judge'] },
      },
    },
    limit: { type: 'integer', minimum: 1, description: 'Only the first n items.' },
    contrast: { type: 'string', minLength: 1, description: 'Over-refusal control: builtin:contrast or a path to benign prompts (expect: comply), scored apart.' },
    epochs: { type: 'integer', minimum: 1, description: 'Ask every item k times, each an independent conversation; scores pool the epochs.' },
    followups: {
      type: 'object',
      description: 'Adaptive follow-ups: an attacker writes turns 2..N from each model\'s answers; scored on their own board.',
      additionalProperties: false,
      required: ['mode', 'attacker'],
      properties: {
        mode: { const: 'adaptive' },
        attacker: modelEntry(['adapter', 'model']),
        strategies: { type: 'array', minItems: 1, items: { enum: [...STRATEGY_IDS] } },
        turns: { type: 'integer', minimum: 2, maximum: 10, description: 'Turns per conversation (default 2).' },
        seed: { type: 'integer' },
        maxChars: { type: 'integer', minimum: 1, maximum: 4000 },
      },
    },
  };
  const properties: Record<string, Schema> = {};
  for (const key of RUN_CONFIG_KEYS) properties[key] = top[key] ?? {};
  const policies = top.policies as { properties: Record<string, Schema> };
  const paramKeys = Object.keys((MODEL_FIELD_SCHEMAS.params as { properties: Record<string, Schema> }).properties);
  // The hand-written parts must name exactly the validator's keys.
  if (POLICY_KEYS.some((k) => !(k in policies.properties)) || PARAM_FIELDS.some((k) => !paramKeys.includes(k))) {
    throw new Error('run-config schema: the policy or params keys differ from the validator\'s; update run-config-schema.ts');
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'sc-safety run config',
    type: 'object',
    required: ['dataset'],
    additionalProperties: false,
    properties,
    oneOf: [{ required: ['judge'] }, { required: ['judges'] }],
  };
}

/** The schema file's text, as shipped. */
export function runConfigSchemaText(): string {
  return JSON.stringify(buildRunConfigSchema(), null, 2) + '\n';
}
