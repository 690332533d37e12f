export * from './types.js';
export * from './data.js';
export * from './taxonomy.js';
export * from './strategies.js';
export * from './strategy-instructions.js';
