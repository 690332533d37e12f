export * from './fake/index.js';
export * from './conformance/index.js';
export { findSecret, requestAttachingFetch } from './find-secret.js';
