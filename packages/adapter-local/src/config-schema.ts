import type { ConfigSchemaResult, ConfigSchemaV1 } from '@sc-safety/spec';
import {
  booleanField,
  choiceField,
  EVEN_IF_INVALID,
  headersField,
  nonEmptyString,
  positiveWholeNumber,
  urlField,
  validateWith,
} from '@sc-safety/adapter-utils/config-fields';
import { z } from 'zod';
import { DEFAULT_HEALTH_TIMEOUT_MS, DEFAULT_TIMEOUT_MS, LOCAL_TARGETS, PROMPT_FORMATS } from './config.js';
import type { LocalAdapterConfig, LocalTarget } from './config.js';

const COMMON_FIELDS = ['target', 'model', 'baseURL', 'apiKey', 'timeoutMs', 'headers', 'stream'];

/** Fields each target accepts besides the common ones; anything else is reported by name. */
const TARGET_FIELDS: Readonly<Record<LocalTarget, readonly string[]>> = {
  llamacpp: ['healthTimeoutMs', 'endpoint', 'promptFormat'],
  ollama: ['healthTimeoutMs', 'numCtx'],
  vllm: ['healthTimeoutMs'],
  lmstudio: ['healthTimeoutMs'],
  gguf: ['modelPath', 'contextSize', 'gpuLayers', 'threads', 'maxTokens'],
};

const MODEL_EXAMPLE: Readonly<Record<LocalTarget, string>> = {
  llamacpp: 'any label (optional)',
  ollama: '"qwen2.5:7b", as listed by `ollama list`',
  vllm: '"Qwen/Qwen2.5-7B-Instruct", the name given to `vllm serve`',
  lmstudio: '"qwen2.5-7b-instruct", as listed by `lms ls`',
  gguf: 'a label for the leaderboard (optional)',
};

const targets = LOCAL_TARGETS.join(', ');
const gpuLayersMessage = '"gpuLayers" must be a whole number ≥ 0 (0 runs on the CPU only).';

/** Every field of every target, each checked on its own; which target takes which comes after. */
const fields = z.looseObject(
  {
    target: z.enum(LOCAL_TARGETS, {
      error: (issue) =>
        issue.input === undefined
          ? `Missing "target": one of ${targets}.`
          : `Unknown target ${JSON.stringify(issue.input)}. Use one of: ${targets}.`,
    }),
    model: nonEmptyString('model').optional(),
    baseURL: urlField('baseURL', '"baseURL" must be an http(s) URL, e.g. "http://127.0.0.1:8080".').optional(),
    apiKey: nonEmptyString('apiKey').optional(),
    timeoutMs: positiveWholeNumber('timeoutMs', 'milliseconds').optional(),
    headers: headersField().optional(),
    stream: booleanField('stream').optional(),
    healthTimeoutMs: positiveWholeNumber('healthTimeoutMs', 'milliseconds').optional(),
    endpoint: choiceField(
      ['chat', 'completion'],
      '"endpoint" must be "chat" (/v1/chat/completions) or "completion" (native /completion).',
    ).optional(),
    promptFormat: choiceField(
      PROMPT_FORMATS,
      `"promptFormat" must be one of: ${PROMPT_FORMATS.join(', ')}.`,
    ).optional(),
    numCtx: positiveWholeNumber('numCtx', 'tokens').optional(),
    modelPath: nonEmptyString('modelPath', '"modelPath" must be a non-empty file path.').optional(),
    contextSize: positiveWholeNumber('contextSize', 'tokens').optional(),
    gpuLayers: z
      .number({ error: gpuLayersMessage })
      .nonnegative({ error: gpuLayersMessage })
      .refine(Number.isInteger, { error: gpuLayersMessage })
      .optional(),
    threads: positiveWholeNumber('threads', 'CPU threads').optional(),
    maxTokens: positiveWholeNumber('maxTokens', 'tokens').optional(),
  },
  { error: 'Expected an object with at least "target".' },
);

/**
 * A `local` model entry (zod 4, a Standard Schema), with one issue per offending field and its
 * path. Defaults are filled in on success (`timeoutMs`, `healthTimeoutMs`, `stream`, `endpoint`).
 */
const schema = fields
  .superRefine((value: unknown, ctx) => {
    if (typeof value !== 'object' || value === null) return;
    const v = value as Record<string, unknown>;
    const target = (LOCAL_TARGETS as readonly unknown[]).includes(v.target) ? (v.target as LocalTarget) : undefined;
    if (target === undefined) return;
    const issue = (key: string, message: string): void =>
      ctx.addIssue({ code: 'custom', path: [key], input: undefined, message });
    const allowed = new Set([...COMMON_FIELDS, ...TARGET_FIELDS[target]]);
    for (const key of Object.keys(v)) {
      if (allowed.has(key)) continue;
      const owner = LOCAL_TARGETS.find((t) => TARGET_FIELDS[t].includes(key));
      issue(
        key,
        owner === undefined
          ? `Unknown field "${key}". Fields for target ${target}: ${[...allowed].join(', ')}.`
          : `"${key}" is not used by target ${target} (it belongs to target ${owner}).`,
      );
    }
    if (v.model === undefined && (target === 'ollama' || target === 'vllm' || target === 'lmstudio')) {
      issue('model', `Missing "model": target ${target} needs the model name, e.g. ${MODEL_EXAMPLE[target]}.`);
    }
    if (target === 'gguf') {
      if (v.baseURL !== undefined)
        issue('baseURL', 'Target gguf runs in-process and takes no "baseURL"; give "modelPath".');
      if (v.modelPath === undefined)
        issue('modelPath', 'Missing "modelPath": target gguf needs the path of a .gguf model file.');
      if (v.stream !== undefined) issue('stream', 'Target gguf runs in-process: "stream" does not apply.');
    }
    if (
      v.promptFormat !== undefined &&
      (PROMPT_FORMATS as readonly unknown[]).includes(v.promptFormat) &&
      v.endpoint !== 'completion'
    ) {
      issue(
        'promptFormat',
        '"promptFormat" only applies with endpoint "completion" (the chat endpoint uses the model\'s own template).',
      );
    }
  }, EVEN_IF_INVALID)
  .meta({ additionalProperties: false })
  .transform((config): LocalAdapterConfig => {
    const filled: LocalAdapterConfig = { ...config, timeoutMs: config.timeoutMs ?? DEFAULT_TIMEOUT_MS };
    if (config.target !== 'gguf') {
      filled.healthTimeoutMs = config.healthTimeoutMs ?? DEFAULT_HEALTH_TIMEOUT_MS;
      filled.stream = config.stream ?? config.target === 'ollama';
    }
    if (config.target === 'llamacpp') filled.endpoint = config.endpoint ?? 'chat';
    return filled;
  });

/** Validates a `local` model entry; see {@link configSchema}. */
export function validateConfig(value: unknown): ConfigSchemaResult<LocalAdapterConfig> {
  return validateWith(schema, value);
}

/** The adapter's `configSchema`: the zod schema itself (zod 4 implements Standard Schema). */
export const configSchema: ConfigSchemaV1<LocalAdapterConfig> = schema;
