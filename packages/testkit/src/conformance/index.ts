export { describeAdapterConformance } from './describe-adapter-conformance.js';
export { conformanceCases, conformanceCaseIds } from './cases.js';
export type { ConformanceCase } from './case.js';
export { CONFORMANCE_API_KEY, resolveConformanceOptions } from './options.js';
export type { AdapterConformanceOptions, ConformanceBlockCase, ResolvedConformanceOptions } from './options.js';
export { CONFORMANCE_PARTIAL_TEXT, blockCaseId } from './cases-blocks.js';
export { createConformanceEnv, closeConformanceEnv, expectNoSecret, waitForRequests } from './env.js';
export type { ConformanceEnv } from './env.js';
export { extractOpenAIMessages } from './extract-messages.js';
