export type {
  FakeScenario,
  OpenAIFamilyBlockSignal,
  BlockSignal,
  FakeUsage,
  RecordedRequest,
  FakeServedModel,
  ServedModelOverride,
  ScenarioHandler,
  FakeServer,
} from './types.js';
export {
  createFakeServerBase,
  sendNotExpressible,
  type FakeRequestContext,
  type FakeRespondContext,
  type FakeServerBaseOptions,
  type FakeServerBase,
  DEFAULT_FAKE_SCENARIO,
} from './server-base.js';
export { parseScenarioHeader, formatScenarioHeader, SCENARIO_HEADER } from './scenario-header.js';
// Each vendor folder's index names what it makes public; this file only gathers them.
export * from './openai/index.js';
export * from './anthropic/index.js';
export * from './llamacpp/index.js';
export * from './ollama/index.js';
export * from './http-vendors/index.js';
