export * from './create-openai-fake-server.js';
export { OPENAI_VENDOR_PROFILES, CHAT_PATHS, MODEL_PATHS } from './vendors.js';
export type { OpenAIFakeVendor, OpenAIVendorProfile } from './vendors.js';
export { vendorError } from './error-bodies.js';
export type { OpenAIErrorKind, ErrorReply } from './error-bodies.js';
