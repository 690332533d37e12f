import { loadApiKey } from '@sc-safety/adapter-utils';
import type { AdapterContextV1 } from '@sc-safety/spec';
import { AcmeModel } from './acme-model.js';
import { DEFAULT_API_KEY_ENV, DEFAULT_BASE_URL, DEFAULT_TIMEOUT_MS } from './config.js';
import type { AcmeAdapterConfig } from './config.js';

/** Builds a model; a missing key fails here, naming the variable, before any call. */
export function createModel(config: AcmeAdapterConfig, context: AdapterContextV1 = {}): AcmeModel {
  const apiKey = loadApiKey({
    apiKey: config.apiKey,
    environmentVariableName: config.apiKeyEnv ?? DEFAULT_API_KEY_ENV,
    description: 'Acme',
    env: context.env,
  });
  return new AcmeModel({
    model: config.model,
    apiKey,
    baseURL: config.baseURL ?? DEFAULT_BASE_URL,
    timeoutMs: config.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    ...(config.headers === undefined ? {} : { headers: config.headers }),
    ...(context.fetch === undefined ? {} : { fetch: context.fetch }),
  });
}
