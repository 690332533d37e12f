import type { AdapterContextV1 } from '@sc-safety/spec';
import type { LocalAdapterConfig } from '../config.js';
import type { ErrorHints } from '../http/classify-http-error.js';
import type { ErrorFields } from '../http/error-fields.js';
import type { InternalOptions } from '../internal-options.js';
import { LocalServerModel } from '../local-server-model.js';
import { createServerClient, serverCapabilities, waitForServerHealth } from '../local-server-setup.js';
import { openAICompatProtocol } from '../openai-compat/openai-compat-protocol.js';
import { CachedLookup, SERVED_LOOKUP_TTL_MS } from '../served/cached-lookup.js';
import { completionProtocol } from './completion-protocol.js';
import { readProps } from './read-props.js';

/**
 * llama.cpp's `llama-server`: chat through `/v1/chat/completions` (the server applies the model's
 * template) or the native `/completion`. `check()` waits on `/health` while the model loads, then
 * reads `/props` for the context size and slot count (the recommended concurrency). Answers report
 * the served model: the answer's `model` (and the build as `system_fingerprint` on the chat
 * endpoint) and the loaded file from `/props` `model_path` (read again at most once a minute, so a
 * server restarted on another file mid-run shows as a new path).
 */
export function createLlamaCppModel(
  config: LocalAdapterConfig,
  context: AdapterContextV1,
  internal: InternalOptions = {},
): LocalServerModel {
  const client = createServerClient('llamacpp', config, context);
  const label = `llama.cpp at ${client.displayOrigin}`;
  const capabilities = serverCapabilities(config.stream ?? false);
  const hints: ErrorHints = {
    contextLength: (fields) => overflowMessage(label, fields, capabilities.maxContextTokens),
    modelNotFound: (fields) =>
      `${label}: ${fields.message ?? 'not found'}. Check "baseURL" (llama-server serves /completion and /v1/chat/completions) and "model".`,
  };
  let servedName = config.model;
  const endpoint = config.endpoint ?? 'chat';
  const protocol =
    endpoint === 'completion'
      ? completionProtocol({
          client,
          label,
          format: config.promptFormat ?? 'chatml',
          stream: capabilities.streaming,
          hints,
        })
      : openAICompatProtocol({
          client,
          label,
          model: () => servedName ?? 'default',
          stream: capabilities.streaming,
          hints,
        });

  const modelPath = new CachedLookup(
    async (signal) => (await readProps({ client, label, hints }, signal)).modelPath,
    internal.servedLookupTtlMs ?? SERVED_LOOKUP_TTL_MS,
  );
  return new LocalServerModel({
    provider: `local.llamacpp.${endpoint}`,
    modelId: config.model ?? 'llama-server',
    label,
    capabilities,
    timeoutMs: config.timeoutMs,
    secrets: client.secrets,
    protocol,
    probe: async (signal) => {
      await waitForServerHealth({ client, label, hints, config, context, internal }, signal);
      const props = await readProps({ client, label, hints }, signal);
      if (props.contextSize !== undefined) capabilities.maxContextTokens = props.contextSize;
      if (props.totalSlots !== undefined) capabilities.recommendedConcurrency = props.totalSlots;
      servedName ??= props.modelName;
      modelPath.set(props.modelPath);
      context.log?.(
        `${label}: ready${props.modelName === undefined ? '' : ` (${props.modelName})`}, context ${props.contextSize ?? '?'} tokens per slot, ${props.totalSlots ?? '?'} slot(s)`,
      );
    },
    servedExtras: async (signal) => {
      const path = await modelPath.get(signal);
      return path === undefined ? undefined : { path };
    },
  });
}

function overflowMessage(label: string, fields: ErrorFields, knownContext: number | undefined): string {
  const contextSize = fields.contextSize ?? knownContext;
  const prompt = fields.promptTokens === undefined ? 'the prompt' : `the prompt (${fields.promptTokens} tokens)`;
  const window =
    contextSize === undefined ? "the server's context" : `the server's context of ${contextSize} tokens per slot`;
  return `${label}: ${prompt} does not fit ${window}. Shorten the conversation, or restart llama-server with a larger --ctx-size (-c); note that --parallel N splits the context between N slots.`;
}
