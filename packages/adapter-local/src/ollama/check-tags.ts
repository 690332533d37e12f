import { InvalidRequestError } from '@sc-safety/spec';
import { getJson } from '../http/get-json.js';
import type { GetJsonTarget } from '../http/get-json.js';

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
async function readTags(server: GetJsonTarget, signal: AbortSignal): Promise<TagEntry[]> {
  const { body } = await getJson<{ models?: unknown }>(server, '/api/tags', signal);
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
  server: GetJsonTarget,
  model: string,
  signal: AbortSignal,
): Promise<string | undefined> {
  const entries = await readTags(server, signal);
  const found = findModel(entries, model);
  if (found !== undefined) return found.digest;
  const names = entries.flatMap((entry) => entry.names);
  const available = names.length === 0 ? 'no models pulled yet' : `pulled: ${[...new Set(names)].join(', ')}`;
  throw new InvalidRequestError({
    message: `${server.label}: model "${model}" not pulled — ${pullAdvice(model)} (${available}).`,
    reason: 'model_not_found',
  });
}

/** The digest `/api/tags` lists for `model`, or undefined when it lists none. */
export async function readDigest(
  server: GetJsonTarget,
  model: string,
  signal: AbortSignal,
): Promise<string | undefined> {
  return findModel(await readTags(server, signal), model)?.digest;
}

function withTag(name: string): string {
  const last = name.split('/').pop() ?? name;
  return last.includes(':') ? name : `${name}:latest`;
}
