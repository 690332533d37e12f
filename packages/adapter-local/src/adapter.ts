import { defineAdapter } from '@sc-safety/spec';
import type { LocalAdapterConfig } from './config.js';
import { configSchema } from './config-schema.js';
import { createModel } from './create-model.js';
import { VERSION } from './version.js';

/** The `local` adapter: llama.cpp, Ollama, vLLM and LM Studio servers, and GGUF files in-process. */
export const adapter = defineAdapter<LocalAdapterConfig>({
  name: 'local',
  version: VERSION,
  configSchema,
  create: (config, context) => createModel(config, context),
});
