import { defineAdapter } from '@sc-safety/spec';
import type { ResolvedAnthropicConfig } from './config.js';
import { configSchema } from './config-schema.js';
import { createModel } from './create-model.js';
import { VERSION } from './version.js';

/** The `anthropic` adapter: the Anthropic Messages API (and Anthropic-compatible endpoints) on the official SDK. */
export const adapter = defineAdapter<ResolvedAnthropicConfig>({
  name: 'anthropic',
  version: VERSION,
  configSchema,
  create: (config, context) => createModel(config, context),
});
