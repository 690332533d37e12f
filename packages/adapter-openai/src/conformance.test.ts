import { createOpenAIFakeServer, describeAdapterConformance } from '@sc-safety/testkit';
import type { ConformanceBlockCase } from '@sc-safety/testkit';
import { createModel } from './create-model.js';

const OPENAI_BLOCKS: ConformanceBlockCase[] = [
  { signal: 'openai-invalid-prompt', stage: 'input', expectCode: 'invalid_prompt' },
  { signal: 'openai-refusal', stage: 'output', expectCode: 'refusal' },
];

for (const stream of [false, true]) {
  describeAdapterConformance({
    name: `openai (default preset, ${stream ? 'streaming' : 'non-streaming'})`,
    createServer: () => createOpenAIFakeServer({ vendor: 'openai' }),
    createModel: (server, { timeoutMs, apiKey }) =>
      createModel({ model: 'fake-model', baseURL: server.baseURL, apiKey, timeoutMs, stream }, { env: {} }),
    supports: { streaming: stream, seed: true, systemRole: 'native', requestId: true, servedModel: true },
    blocks: [
      ...OPENAI_BLOCKS,
      { signal: 'openai-content-filter', stage: 'output', expectCode: 'content_filter', expectPartialText: stream },
    ],
  });
}
