export * from './types.js';
export * from './policies.js';
export * from './engine-store.js';
export * from './judge-protocol.js';
export * from './runner.js';
export * from './turn-source.js';
export { systemPromptOf, type ConversationSoFar } from './conversation.js';
export * from './row-spool.js';
export * from './item-spool.js';
export * from './lane.js';
export * from './retry.js';
export * from './rate-budget.js';
export * from './semaphore.js';

export * from './rounds.js';
