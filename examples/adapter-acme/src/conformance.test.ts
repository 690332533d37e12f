import { CONFORMANCE_API_KEY, describeAdapterConformance } from '@sc-safety/testkit';
import { ACME_MODERATION, createAcmeFakeServer, extractAcmeMessages } from './__fixtures__/acme-fake-server.js';
import { createModel } from './create-model.js';

// The same suite every sc-safety adapter runs, against Acme's own fake server. Acme does not
// stream, so the suite runs its non-streaming cases (truncated-body instead of truncated-stream).
describeAdapterConformance({
  name: 'acme',
  createServer: () => createAcmeFakeServer({ apiKey: CONFORMANCE_API_KEY }),
  createModel: (server, { timeoutMs, apiKey }) =>
    createModel({ model: 'acme-chat-2', apiKey, baseURL: server.baseURL, timeoutMs }),
  supports: { streaming: false, systemRole: 'native', seed: true },
  blocks: [
    { signal: ACME_MODERATION, stage: 'input', expectCode: 'moderated' },
    { signal: ACME_MODERATION, stage: 'output', expectCode: 'moderated', expectPartialText: true },
  ],
  extractMessages: extractAcmeMessages,
});
