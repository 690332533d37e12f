import { defineAdapter } from '@sc-safety/spec';
import type { AcmeAdapterConfig } from './config.js';
import { configSchema } from './config-schema.js';
import { createModel } from './create-model.js';
import { VERSION } from './version.js';

/** The `acme` adapter. `defineAdapter` stamps `specificationVersion: 'v1'`, the contract it was written against. */
export const adapter = defineAdapter<AcmeAdapterConfig>({
  name: 'acme',
  version: VERSION,
  configSchema,
  create: (config, context) => createModel(config, context),
});
