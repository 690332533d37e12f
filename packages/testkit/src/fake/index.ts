export type * from './types.js';
export * from './server-base.js';
export * from './scenario-header.js';
export * from './openai/index.js';
export * from './anthropic/index.js';
export * from './llamacpp/index.js';
export * from './ollama/index.js';
export * from './http-vendors/index.js';
