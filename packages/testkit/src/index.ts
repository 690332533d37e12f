export * from './fake/index.js';
export * from './conformance/index.js';
