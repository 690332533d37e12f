import { adapter } from './adapter.js';

// The engine loads `default` (or `adapter`) from the package named in a run config.
export { adapter };
export default adapter;
export { AcmeModel, type AcmeModelSettings } from './acme-model.js';
export { configSchema, validateConfig } from './config-schema.js';
export type { AcmeAdapterConfig } from './config.js';
export { createModel } from './create-model.js';
export { VERSION } from './version.js';
export {
  ACME_GENERATE_PATH,
  ACME_KEY_HEADER,
  type AcmeTurn,
  type AcmeSampling,
  type AcmeRequestBody,
  type AcmeStop,
  type AcmeResponseBody,
  ACME_FAULT_STATUS,
  type AcmeFaultKind,
  type AcmeFaultBody,
  ACME_TEMPERATURE_RANGE,
} from './acme-wire.js';
