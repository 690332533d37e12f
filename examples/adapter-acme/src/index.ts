import { adapter } from './adapter.js';

// The engine loads `default` (or `adapter`) from the package named in a run config.
export { adapter };
export default adapter;
export { AcmeModel, type AcmeModelSettings } from './acme-model.js';
export { configSchema, validateConfig } from './config-schema.js';
export type { AcmeAdapterConfig } from './config.js';
export { createModel } from './create-model.js';
export { VERSION } from './version.js';
export * from './acme-wire.js';
