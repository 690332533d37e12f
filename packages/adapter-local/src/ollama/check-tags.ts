import { parseJsonOrThrow } from '@sc-safety/adapter-utils';
import { InvalidRequestError } from '@sc-safety/spec';
import { classifyHttpError } from '../http/classify-http-error.js';
import type { ErrorHints } from '../http/classify-http-error.js';
import type { LocalHttpClient } from '../http/http-client.js';

/** The advice every "model missing" message ends with. */
export function pullAdvice(model: string): string {
  return `run \`ollama pull ${model}\``;
}

/**
 * `GET /api/tags`: the server answers and has `model` pulled. Ollama names a model `name:tag`
 * with `latest` implied, so `qwen2.5` matches `qwen2.5:latest`.
 */
export async function checkTags(client: LocalHttpClient, label: string, model: string, hints: ErrorHints, signal: AbortSignal): Promise<void> {
  const response = await client.get('/api/tags', signal);
  const text = await response.text();
  if (!response.ok) throw classifyHttpError({ status: response.status, headers: response.headers, bodyText: text }, { label, secrets: client.secrets, hints });
  const body = parseJsonOrThrow<{ models?: unknown }>(text, { context: `${label} /api/tags`, secrets: client.secrets, status: response.status });
  const names = Array.isArray(body.models)
    ? body.models.flatMap((entry: unknown) => {
        const e = entry as { name?: unknown; model?: unknown } | null;
        return [e?.name, e?.model].filter((n): n is string => typeof n === 'string');
      })
    : [];
  const wanted = withTag(model);
  if (names.some((name) => withTag(name) === wanted)) return;
  const available = names.length === 0 ? 'no models pulled yet' : `pulled: ${[...new Set(names)].join(', ')}`;
  throw new InvalidRequestError({
    message: `${label}: model "${model}" not pulled — ${pullAdvice(model)} (${available}).`,
    reason: 'model_not_found',
  });
}

function withTag(name: string): string {
  const last = name.split('/').pop() ?? name;
  return last.includes(':') ? name : `${name}:latest`;
}
