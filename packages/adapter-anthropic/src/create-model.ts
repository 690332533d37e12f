import { createUndiciFetch, loadApiKey } from '@sc-safety/adapter-utils';
import type { AdapterContextV1 } from '@sc-safety/spec';
import { AnthropicMessagesModel } from './anthropic-messages-model.js';
import { DEFAULT_API_KEY_ENV, DEFAULT_MAX_TOKENS, DEFAULT_TIMEOUT_MS } from './config.js';
import type { AnthropicAdapterConfig } from './config.js';

/**
 * Builds a model from a config: the API key is the explicit `apiKey`, else the `apiKeyEnv`
 * variable (default `ANTHROPIC_API_KEY`). A missing key fails here, naming the variable, before
 * any call. Defaults are filled in for configs that did not go through the schema. Requests go
 * through `context.fetch` when given, else adapter-utils' `createUndiciFetch()`.
 */
export function createModel(config: AnthropicAdapterConfig, context: AdapterContextV1 = {}): AnthropicMessagesModel {
  const apiKey = loadApiKey({
    apiKey: config.apiKey,
    environmentVariableName: config.apiKeyEnv ?? DEFAULT_API_KEY_ENV,
    description: 'Anthropic',
    env: context.env ?? process.env,
  });
  return new AnthropicMessagesModel({
    config: {
      ...config,
      timeoutMs: config.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      stream: config.stream ?? false,
      maxTokens: config.maxTokens ?? DEFAULT_MAX_TOKENS,
    },
    apiKey,
    // undici's dispatcher unless the caller brings its own fetch: the same HTTP at about half the CPU per call.
    fetch: context.fetch ?? createUndiciFetch(),
  });
}
