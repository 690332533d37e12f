import { parseJsonOrThrow } from '@sc-safety/adapter-utils';
import { classifyHttpError } from './classify-http-error.js';
import type { ErrorHints } from './classify-http-error.js';
import type { LocalHttpClient } from './http-client.js';

/** Where a probe asks: the server, its name in messages, and the target's error wording. */
export interface GetJsonTarget {
  client: LocalHttpClient;
  label: string;
  hints: ErrorHints;
}

/**
 * `GET path` for a probe (`/props`, `/api/tags`, `/v1/models`). A non-2xx answer is classified like
 * any call's; a body that is not JSON is an InvalidResponseError naming the route. Resolves with the
 * parsed body and the status (messages about the body may cite it).
 */
export async function getJson<T>(
  target: GetJsonTarget,
  path: string,
  signal: AbortSignal,
): Promise<{ body: T; status: number }> {
  const { client, label, hints } = target;
  const response = await client.get(path, signal);
  const text = await response.text();
  if (!response.ok)
    throw classifyHttpError(
      { status: response.status, headers: response.headers, bodyText: text },
      { label, secrets: client.secrets, hints },
    );
  const body = parseJsonOrThrow<T>(text, {
    context: `${label} ${path}`,
    secrets: client.secrets,
    status: response.status,
  });
  return { body, status: response.status };
}
