import { redactJson } from '@sc-safety/adapter-utils';

/**
 * A parsed vendor body as evidence for a result's `raw`, with the adapter's secrets (and the usual
 * key, token and signature shapes, and credential-named fields) taken out: adapter-utils'
 * `redactJson`. The API, or a gateway in front of it, may echo what it was sent.
 */
export function redactRaw(value: unknown, secrets: readonly string[]): unknown {
  return redactJson(value, secrets);
}
