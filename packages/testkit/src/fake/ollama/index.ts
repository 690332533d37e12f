export { createOllamaFakeServer } from './create-ollama-fake-server.js';
export type { OllamaFakeServerOptions, OllamaFakeServer, OllamaStreamError } from './create-ollama-fake-server.js';
