import { defineAdapter } from '@sc-safety/spec';
import type { HttpAdapterConfig } from './config.js';
import { configSchema } from './config-schema.js';
import { createModel } from './create-model.js';
import { VERSION } from './version.js';

/** The `http` adapter: vendors described as templates (built-in presets or YAML files). */
export const adapter = defineAdapter<HttpAdapterConfig>({
  name: 'http',
  version: VERSION,
  configSchema,
  create: (config, context) => createModel(config, context),
});
