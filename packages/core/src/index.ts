export * from '@sc-safety/spec';
export * from './taxonomy/index.js';
export * from './dataset/index.js';
export * from './scoring/index.js';
export * from './adapters/index.js';
