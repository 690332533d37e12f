import type { AdapterContextV1 } from '@sc-safety/spec';
import type { LocalAdapterConfig } from '../config.js';
import type { ErrorHints } from '../http/classify-http-error.js';
import { postProtocol } from '../http/post-protocol.js';
import { LocalServerModel } from '../local-server-model.js';
import { createServerClient, serverCapabilities } from '../local-server-setup.js';
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
  const client = createServerClient('ollama', config, context);
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
    (signal) => readDigest({ client, label, hints }, model, signal),
    internal.servedLookupTtlMs ?? SERVED_LOOKUP_TTL_MS,
  );
  return new LocalServerModel({
    provider: 'local.ollama',
    modelId: model,
    label,
    capabilities: serverCapabilities(stream, config.numCtx === undefined ? {} : { maxContextTokens: config.numCtx }),
    timeoutMs: config.timeoutMs,
    secrets: client.secrets,
    protocol: postProtocol({
      client,
      label,
      hints,
      stream,
      path: '/api/chat',
      body: (request) => ollamaChatBody(model, request, stream, config.numCtx),
      readWhole: readOllamaChat,
      readStream: readOllamaStream,
    }),
    probe: async (signal) => digest.set(await checkTags({ client, label, hints }, model, signal)),
    servedExtras: async (signal) => {
      const value = await digest.get(signal);
      return value === undefined ? undefined : { digest: value };
    },
  });
}
