import { createOpenAIFakeServer } from '../fake/openai/create-openai-fake-server.js';
import type { OpenAIFakeVendor } from '../fake/openai/vendors.js';
import { createReferenceModel } from './__fixtures__/reference-adapter.js';
import { describeAdapterConformance } from './describe-adapter-conformance.js';
import type { ConformanceBlockCase } from './options.js';
import { CONFORMANCE_API_KEY } from './options.js';

// The suite proves itself: a small plain-fetch adapter passes every case, streamed and not.

function run(name: string, vendor: OpenAIFakeVendor, stream: boolean, blocks: ConformanceBlockCase[]): void {
  describeAdapterConformance({
    name,
    createServer: () => createOpenAIFakeServer({ vendor, apiKey: CONFORMANCE_API_KEY }),
    createModel: (server, { timeoutMs, apiKey }) =>
      createReferenceModel({ baseURL: server.baseURL, apiKey, timeoutMs, stream, reportsServedModel: true }),
    supports: { streaming: stream, systemRole: 'native', seed: false, servedModel: true },
    blocks,
  });
}

run('reference (openai, non-streaming)', 'openai', false, [
  { signal: 'openai-content-filter', stage: 'output', expectPartialText: true, expectCode: 'content_filter' },
  { signal: 'openai-refusal', stage: 'output', expectCode: 'refusal' },
  { signal: 'openai-invalid-prompt', stage: 'input', expectCode: 'invalid_prompt' },
]);

run('reference (openai, streaming)', 'openai', true, [
  { signal: 'openai-content-filter', stage: 'output', expectPartialText: true },
  { signal: 'openai-refusal', stage: 'output' },
  { signal: 'openai-invalid-prompt', stage: 'input' },
]);

run('reference (generic vendor, every OpenAI-family block, streaming)', 'generic', true, [
  { signal: 'dashscope-compat', stage: 'input', expectCode: 'data_inspection_failed' },
  { signal: 'dashscope-compat', stage: 'output', expectPartialText: true },
  { signal: 'zhipu-1301', stage: 'input', expectCode: '1301' },
  { signal: 'zhipu-1301', stage: 'output', expectPartialText: true, expectCode: 'sensitive' },
  { signal: 'moonshot-content-filter', stage: 'input', expectStage: 'unknown' },
  { signal: 'deepseek-risk', stage: 'input' },
  { signal: 'deepseek-risk', stage: 'output', expectPartialText: true },
  { signal: 'qianfan-v2-flag', stage: 'input' },
  { signal: 'qianfan-v2-flag', stage: 'output', expectPartialText: true },
  { signal: 'ark-sensitive', stage: 'input', expectCode: 'InputTextSensitiveContentDetected' },
  {
    signal: 'ark-sensitive',
    stage: 'output',
    expectPartialText: true,
    expectCode: 'OutputTextSensitiveContentDetected',
  },
]);
