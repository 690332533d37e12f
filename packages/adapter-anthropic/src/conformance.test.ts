import {
  CONFORMANCE_API_KEY,
  createAnthropicFakeServer,
  describeAdapterConformance,
  extractAnthropicMessages,
} from '@sc-safety/testkit';
import { createModel } from './create-model.js';

// The real SDK against the loopback fake, streamed and not.
for (const stream of [false, true]) {
  describeAdapterConformance({
    name: `anthropic (${stream ? 'streaming' : 'non-streaming'})`,
    createServer: () => createAnthropicFakeServer({ apiKey: CONFORMANCE_API_KEY }),
    createModel: (server, { timeoutMs, apiKey }) =>
      createModel({ model: 'claude-fake', apiKey, baseURL: server.baseURL, timeoutMs, stream }),
    supports: { streaming: stream, systemRole: 'native', seed: false, requestId: true, servedModel: true },
    blocks: [{ signal: 'anthropic-refusal', stage: 'output', expectPartialText: true, expectCode: 'refusal' }],
    extractMessages: extractAnthropicMessages,
  });
}
