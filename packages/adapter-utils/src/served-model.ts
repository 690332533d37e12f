import type { ServedModelV1 } from '@sc-safety/spec';

/** Candidate values for each served-model field, as read from a vendor response (any type). */
export type ServedModelFields = { [K in keyof ServedModelV1]?: unknown };

/**
 * A result's `servedModel` from what a vendor sent: keeps the fields that are non-empty strings
 * (vendors send `null`, `""` or nothing for what they do not report) and returns undefined when
 * none is left, so a result never carries an empty `servedModel: {}`.
 */
export function servedModel(fields: ServedModelFields): ServedModelV1 | undefined {
  const out: ServedModelV1 = {};
  for (const name of ['id', 'fingerprint', 'digest', 'path'] as const) {
    const value = fields[name];
    if (typeof value === 'string' && value.trim() !== '') out[name] = value;
  }
  return Object.keys(out).length === 0 ? undefined : out;
}

/**
 * The served model of an OpenAI-compatible `chat.completion` body (or a stream's chunk, which
 * repeats the same envelope): `model` as the id and `system_fingerprint` as the fingerprint.
 */
export function openAIServedModel(body: unknown): ServedModelV1 | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const record = body as Record<string, unknown>;
  return servedModel({ id: record.model, fingerprint: record.system_fingerprint });
}
