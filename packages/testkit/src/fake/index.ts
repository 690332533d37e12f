export type * from './types.js';
export * from './server-base.js';
export * from './scenario-header.js';
export * from './openai/index.js';
