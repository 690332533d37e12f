import { defineAdapter } from '@sc-safety/spec';
import type { OpenAIAdapterConfig } from './config.js';
import { configSchema } from './config-schema.js';
import { createModel } from './create-model.js';
import { VERSION } from './version.js';

/** The `openai` adapter: OpenAI and every OpenAI-compatible vendor or local server, by preset. */
export const adapter = defineAdapter<OpenAIAdapterConfig>({
  name: 'openai',
  version: VERSION,
  configSchema,
  create: (config, context) => createModel(config, context),
});
