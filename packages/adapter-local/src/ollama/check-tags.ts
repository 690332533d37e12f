import { parseJsonOrThrow } from '@sc-safety/adapter-utils';
import { InvalidRequestError } from '@sc-safety/spec';
import { classifyHttpError } from '../http/classify-http-error.js';
import type { ErrorHints } from '../http/classify-http-error.js';
import type { LocalHttpClient } from '../http/http-client.js';

/** The advice every "model missing" message ends with. */
export function pullAdvice(model: string): string {
  return `run \`ollama pull ${model}\``;
}

/** One model `/api/tags` lists: its names (`name`, `model`) and the digest of its weights. */
interface TagEntry {
  names: string[];
  digest?: string;
}

/** `GET /api/tags`: every pulled model. */
async function readTags(
  client: LocalHttpClient,
  label: string,
  hints: ErrorHints,
  signal: AbortSignal,
): Promise<TagEntry[]> {
  const response = await client.get('/api/tags', signal);
  const text = await response.text();
  if (!response.ok)
    throw classifyHttpError(
      { status: response.status, headers: response.headers, bodyText: text },
      { label, secrets: client.secrets, hints },
    );
  const body = parseJsonOrThrow<{ models?: unknown }>(text, {
    context: `${label} /api/tags`,
    secrets: client.secrets,
    status: response.status,
  });
  if (!Array.isArray(body.models)) return [];
  return body.models.map((entry: unknown) => {
    const e = entry as { name?: unknown; model?: unknown; digest?: unknown } | null;
    const names = [e?.name, e?.model].filter((n): n is string => typeof n === 'string');
    return typeof e?.digest === 'string' && e.digest !== '' ? { names, digest: e.digest } : { names };
  });
}

function findModel(entries: readonly TagEntry[], model: string): TagEntry | undefined {
  const wanted = withTag(model);
  return entries.find((entry) => entry.names.some((name) => withTag(name) === wanted));
}

/**
 * `GET /api/tags`: the server answers and has `model` pulled. Ollama names a model `name:tag`
 * with `latest` implied, so `qwen2.5` matches `qwen2.5:latest`. Resolves with the model's digest
 * (the served model's identity: it changes when the model is pulled again), when listed.
 */
export async function checkTags(
  client: LocalHttpClient,
  label: string,
  model: string,
  hints: ErrorHints,
  signal: AbortSignal,
): Promise<string | undefined> {
  const entries = await readTags(client, label, hints, signal);
  const found = findModel(entries, model);
  if (found !== undefined) return found.digest;
  const names = entries.flatMap((entry) => entry.names);
  const available = names.length === 0 ? 'no models pulled yet' : `pulled: ${[...new Set(names)].join(', ')}`;
  throw new InvalidRequestError({
    message: `${label}: model "${model}" not pulled — ${pullAdvice(model)} (${available}).`,
    reason: 'model_not_found',
  });
}

/** The digest `/api/tags` lists for `model`, or undefined when it lists none. */
export async function readDigest(
  client: LocalHttpClient,
  label: string,
  model: string,
  hints: ErrorHints,
  signal: AbortSignal,
): Promise<string | undefined> {
  return findModel(await readTags(client, label, hints, signal), model)?.digest;
}

function withTag(name: string): string {
  const last = name.split('/').pop() ?? name;
  return last.includes(':') ? name : `${name}:latest`;
}
