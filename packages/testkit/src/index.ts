/** Loopback fake vendor servers (also `@sc-safety/testkit/fake`): OpenAI-style, Anthropic, llama.cpp, Ollama, HTTP. */
export * from './fake/index.js';
/** The adapter conformance suite a third-party adapter runs offline against its own fake. */
export * from './conformance/index.js';
/** Secret-leak checks for tests. */
export { findSecret, requestAttachingFetch } from './find-secret.js';
