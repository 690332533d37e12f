export { createLlamaCppFakeServer } from './create-llamacpp-fake-server.js';
export type { LlamaCppFakeServerOptions, LlamaCppFakeServer } from './create-llamacpp-fake-server.js';
