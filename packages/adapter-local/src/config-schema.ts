import type { ConfigSchemaIssue, ConfigSchemaResult, ConfigSchemaV1 } from '@sc-safety/spec';
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

/**
 * Validates a `local` model entry by hand, with one issue per offending field and its path.
 * Defaults are filled in on success (`timeoutMs`, `healthTimeoutMs`, `stream`, `endpoint`).
 */
export function validateConfig(value: unknown): ConfigSchemaResult<LocalAdapterConfig> {
  const issues: ConfigSchemaIssue[] = [];
  const issue = (path: PropertyKey[], message: string): void => {
    issues.push({ path, message });
  };
  if (!isRecord(value)) return { issues: [{ message: 'Expected an object with at least "target".', path: [] }] };

  const target = value.target;
  if (target === undefined) {
    issue(['target'], `Missing "target": one of ${LOCAL_TARGETS.join(', ')}.`);
  } else if (typeof target !== 'string' || !(LOCAL_TARGETS as readonly string[]).includes(target)) {
    issue(['target'], `Unknown target ${JSON.stringify(target)}. Use one of: ${LOCAL_TARGETS.join(', ')}.`);
  }
  const knownTarget = typeof target === 'string' && (LOCAL_TARGETS as readonly string[]).includes(target) ? (target as LocalTarget) : undefined;

  if (knownTarget !== undefined) {
    const allowed = new Set([...COMMON_FIELDS, ...TARGET_FIELDS[knownTarget]]);
    for (const key of Object.keys(value)) {
      if (allowed.has(key)) continue;
      const owner = LOCAL_TARGETS.find((t) => TARGET_FIELDS[t].includes(key));
      issue(
        [key],
        owner === undefined
          ? `Unknown field "${key}". Fields for target ${knownTarget}: ${[...allowed].join(', ')}.`
          : `"${key}" is not used by target ${knownTarget} (it belongs to target ${owner}).`,
      );
    }
  }

  const needsModel = knownTarget === 'ollama' || knownTarget === 'vllm' || knownTarget === 'lmstudio';
  if (value.model === undefined) {
    if (needsModel) issue(['model'], `Missing "model": target ${knownTarget} needs the model name, e.g. ${MODEL_EXAMPLE[knownTarget]}.`);
  } else if (typeof value.model !== 'string' || value.model.trim() === '') {
    issue(['model'], '"model" must be a non-empty string.');
  }

  if (value.baseURL !== undefined) {
    if (knownTarget === 'gguf') issue(['baseURL'], 'Target gguf runs in-process and takes no "baseURL"; give "modelPath".');
    else if (!isHttpUrl(value.baseURL)) issue(['baseURL'], '"baseURL" must be an http(s) URL, e.g. "http://127.0.0.1:8080".');
  }

  if (knownTarget === 'gguf') {
    if (value.modelPath === undefined) issue(['modelPath'], 'Missing "modelPath": target gguf needs the path of a .gguf model file.');
    else if (typeof value.modelPath !== 'string' || value.modelPath.trim() === '') issue(['modelPath'], '"modelPath" must be a non-empty file path.');
  }

  if (value.apiKey !== undefined && (typeof value.apiKey !== 'string' || value.apiKey.trim() === '')) {
    issue(['apiKey'], '"apiKey" must be a non-empty string.');
  }

  for (const field of ['timeoutMs', 'healthTimeoutMs', 'numCtx', 'contextSize', 'maxTokens'] as const) {
    const n = value[field];
    if (n !== undefined && (typeof n !== 'number' || !Number.isInteger(n) || n <= 0)) {
      issue([field], `"${field}" must be a positive whole number${field.endsWith('Ms') ? ' of milliseconds' : ' of tokens'}.`);
    }
  }
  if (value.threads !== undefined && (typeof value.threads !== 'number' || !Number.isInteger(value.threads) || value.threads <= 0)) {
    issue(['threads'], '"threads" must be a positive whole number of CPU threads.');
  }
  if (value.gpuLayers !== undefined && (typeof value.gpuLayers !== 'number' || !Number.isInteger(value.gpuLayers) || value.gpuLayers < 0)) {
    issue(['gpuLayers'], '"gpuLayers" must be a whole number ≥ 0 (0 runs on the CPU only).');
  }

  if (value.endpoint !== undefined && value.endpoint !== 'chat' && value.endpoint !== 'completion') {
    issue(['endpoint'], '"endpoint" must be "chat" (/v1/chat/completions) or "completion" (native /completion).');
  }
  if (value.promptFormat !== undefined && !(PROMPT_FORMATS as readonly unknown[]).includes(value.promptFormat)) {
    issue(['promptFormat'], `"promptFormat" must be one of: ${PROMPT_FORMATS.join(', ')}.`);
  } else if (value.promptFormat !== undefined && value.endpoint !== 'completion') {
    issue(['promptFormat'], '"promptFormat" only applies with endpoint "completion" (the chat endpoint uses the model\'s own template).');
  }

  if (value.stream !== undefined && typeof value.stream !== 'boolean') issue(['stream'], '"stream" must be true or false.');
  if (knownTarget === 'gguf' && value.stream !== undefined) issue(['stream'], 'Target gguf runs in-process: "stream" does not apply.');

  if (value.headers !== undefined) {
    if (!isRecord(value.headers)) issue(['headers'], '"headers" must be an object of header name → string value.');
    else {
      for (const [name, headerValue] of Object.entries(value.headers)) {
        if (typeof headerValue !== 'string') issue(['headers', name], `Header "${name}" must be a string.`);
      }
    }
  }

  if (issues.length > 0 || knownTarget === undefined) return { issues };
  const config = value as unknown as LocalAdapterConfig;
  const filled: LocalAdapterConfig = { ...config, timeoutMs: config.timeoutMs ?? DEFAULT_TIMEOUT_MS };
  if (knownTarget !== 'gguf') {
    filled.healthTimeoutMs = config.healthTimeoutMs ?? DEFAULT_HEALTH_TIMEOUT_MS;
    filled.stream = config.stream ?? knownTarget === 'ollama';
  }
  if (knownTarget === 'llamacpp') filled.endpoint = config.endpoint ?? 'chat';
  return { value: filled };
}

/** The adapter's `configSchema` (Standard-Schema shaped). */
export const configSchema: ConfigSchemaV1<LocalAdapterConfig> = {
  '~standard': { version: 1, vendor: 'sc-safety', validate: validateConfig },
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isHttpUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
