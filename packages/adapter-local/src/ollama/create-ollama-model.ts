import type { AdapterContextV1, GenerateRequestV1, GenerateResultV1, WarningV1 } from '@sc-safety/spec';
import type { LocalAdapterConfig } from '../config.js';
import { DEFAULT_BASE_URLS } from '../config.js';
import { classifyHttpError } from '../http/classify-http-error.js';
import type { ErrorHints } from '../http/classify-http-error.js';
import { LocalHttpClient } from '../http/http-client.js';
import { LocalServerModel } from '../local-server-model.js';
import { ollamaChatBody } from './chat-body.js';
import type { InternalOptions } from '../internal-options.js';
import { CachedLookup, SERVED_LOOKUP_TTL_MS } from '../served/cached-lookup.js';
import { checkTags, pullAdvice, readDigest } from './check-tags.js';
import { readOllamaChat, readOllamaStream } from './read-chat.js';

/**
 * Ollama's native `/api/chat` (NDJSON stream by default, `options` for num_predict / num_ctx /
 * seed). `check()` asks `/api/tags` whether the model is pulled. Answers report the served model:
 * the answer's `model` and the model's digest from `/api/tags` (read again at most once a minute,
 * so a model pulled anew mid-run shows as a new digest).
 */
export function createOllamaModel(
  config: LocalAdapterConfig & { model: string },
  context: AdapterContextV1,
  internal: InternalOptions = {},
): LocalServerModel {
  const client = new LocalHttpClient({
    baseURL: config.baseURL ?? DEFAULT_BASE_URLS.ollama,
    ...(config.apiKey === undefined ? {} : { apiKey: config.apiKey }),
    ...(config.headers === undefined ? {} : { headers: config.headers }),
    ...(context.fetch === undefined ? {} : { fetch: context.fetch }),
  });
  const label = `Ollama at ${client.displayOrigin}`;
  const model = config.model;
  const stream = config.stream ?? true;
  const hints: ErrorHints = {
    contextLength: (fields) =>
      `${label}: the prompt does not fit the context window (${fields.message ?? 'context exceeded'}). Raise "numCtx".`,
    modelNotFound: (fields) =>
      `${label}: model "${model}" not pulled — ${pullAdvice(model)}${fields.message === undefined ? '' : ` (server said: ${fields.message})`}.`,
  };
  const digest = new CachedLookup(
    (signal) => readDigest(client, label, model, hints, signal),
    internal.servedLookupTtlMs ?? SERVED_LOOKUP_TTL_MS,
  );
  return new LocalServerModel({
    provider: 'local.ollama',
    modelId: model,
    label,
    capabilities: {
      systemRole: 'native',
      multiTurn: true,
      seed: true,
      streaming: stream,
      reportsServedModel: true,
      ...(config.numCtx === undefined ? {} : { maxContextTokens: config.numCtx }),
      moderationSignals: [],
    },
    timeoutMs: config.timeoutMs,
    secrets: client.secrets,
    protocol: {
      async generate(
        request: GenerateRequestV1,
        signal: AbortSignal,
        warnings: WarningV1[],
      ): Promise<GenerateResultV1> {
        const response = await client.post(
          '/api/chat',
          ollamaChatBody(model, request, stream, config.numCtx),
          signal,
          request.headers,
        );
        const readOptions = { label, secrets: client.secrets, hints, warnings };
        if (!response.ok) {
          throw classifyHttpError(
            { status: response.status, headers: response.headers, bodyText: await response.text() },
            readOptions,
          );
        }
        return stream ? readOllamaStream(response, readOptions) : readOllamaChat(response, readOptions);
      },
    },
    probe: async (signal) => digest.set(await checkTags(client, label, model, hints, signal)),
    servedExtras: async (signal) => {
      const value = await digest.get(signal);
      return value === undefined ? undefined : { digest: value };
    },
  });
}
