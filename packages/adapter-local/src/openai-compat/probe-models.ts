import { InvalidRequestError } from '@sc-safety/spec';
import type { ErrorHints } from '../http/classify-http-error.js';
import { getJson } from '../http/get-json.js';
import type { LocalHttpClient } from '../http/http-client.js';

export interface ProbeModelsOptions {
  client: LocalHttpClient;
  label: string;
  hints: ErrorHints;
  /** The model the run will ask for; `undefined` only checks that the list answers. */
  model: string | undefined;
  /** How to get a missing model onto the server, e.g. ``load it with `lms load <name>` ``. */
  howToLoad: (model: string) => string;
}

/**
 * `GET /v1/models`: the server answers, and serves the model the run asks for. Returns the ids it
 * lists. A missing model is an InvalidRequestError (model_not_found) naming the ones available.
 */
export async function probeModels(options: ProbeModelsOptions, signal: AbortSignal): Promise<string[]> {
  const { label } = options;
  const { body, status } = await getJson<{ data?: unknown }>(options, '/v1/models', signal);
  const ids = Array.isArray(body.data)
    ? body.data
        .map((entry: unknown) => (entry as { id?: unknown } | null)?.id)
        .filter((id): id is string => typeof id === 'string')
    : [];
  if (options.model !== undefined && !ids.includes(options.model)) {
    const available = ids.length === 0 ? 'none' : ids.map((id) => `"${id}"`).join(', ');
    throw new InvalidRequestError({
      message: `${label} does not serve model "${options.model}" (available: ${available}). ${options.howToLoad(options.model)}`,
      reason: 'model_not_found',
      status,
    });
  }
  return ids;
}
