export * from './version.js';
export type * from './messages.js';
export type * from './result.js';
export type * from './capabilities.js';
export type * from './schema.js';
export type * from './model.js';
export * from './adapter.js';
export * from './errors.js';
