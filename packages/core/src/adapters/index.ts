export {
  AdapterResolutionError,
  AdapterConfigError,
  type AdapterResolutionErrorCode,
  type AdapterConfigProblem,
} from './adapter-errors.js';
export { assertAdapterDefinition } from './check-adapter.js';
export {
  resolveAdapter,
  locateAdapter,
  type LocatedAdapter,
  adapterCandidates,
  isPathReference,
  BUILTIN_ADAPTERS,
  type AdapterSource,
  type ResolvedAdapter,
  type ResolveAdapterOptions,
} from './resolve-adapter.js';
