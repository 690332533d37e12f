/**
 * The workspace packages, imported from their TypeScript sources. The root of the repo is not a
 * workspace package, so `@sc-safety/*` names do not resolve from tests/; relative paths do, and they
 * load the very module instances the CLI's own imports resolve to under vitest.
 */
import * as coreApi from '../../../packages/core/src/index.js';
import * as coreInternal from '../../../packages/core/src/internal.js';
import * as terminalText from '../../../packages/core/src/text/terminal-text.js';
import * as results from '../../../packages/results/src/index.js';

/** Core's API with its `./internal` and `./terminal-text` subpaths and `@sc-safety/results`: what the tests check against. */
export const core = { ...coreApi, ...coreInternal, ...terminalText, ...results };
export { main } from '../../../packages/cli/src/main.js';
export {
  createAnthropicFakeServer,
  createFakeServerBase,
  createOpenAIFakeServer,
} from '../../../packages/testkit/src/fake/index.js';
export type {
  FakeScenario,
  FakeServer,
  RecordedRequest,
  ScenarioHandler,
} from '../../../packages/testkit/src/fake/index.js';
export { adapter as openaiAdapter } from '../../../packages/adapter-openai/src/index.js';
export { adapter as anthropicAdapter } from '../../../packages/adapter-anthropic/src/index.js';
export type { EngineEvent } from '../../../packages/core/src/index.js';
export type { LeaderboardSection, ResultsFile } from '../../../packages/results/src/index.js';
