export * from '@sc-safety/spec';
export * from './taxonomy/index.js';
