import { createAnthropicFakeServer, createOpenAIFakeServer } from '@sc-safety/testkit/fake';
import type { FakeServer } from '@sc-safety/testkit/fake';
import { demoJudge } from './demo-judge.js';
import { carefulPersona, eagerPersona, filteredPersona } from './personas.js';

/** The fake keys the demo servers expect. Not secrets, but treated as such so the guard is exercised. */
export const DEMO_KEYS = {
  careful: 'sk-demo-careful-0000',
  eager: 'sk-ant-demo-eager-0000',
  filtered: 'sk-demo-filtered-0000',
  strict: 'sk-demo-judge-strict-0000',
  lenient: 'demo.judge-lenient-0000',
} as const;

export interface DemoServers {
  careful: FakeServer;
  eager: FakeServer;
  filtered: FakeServer;
  strict: FakeServer;
  lenient: FakeServer;
  close(): Promise<void>;
}

/**
 * Starts the demo's loopback vendors: three model personas behind real wire protocols (DeepSeek,
 * Anthropic, DashScope compatible mode with its content filter) and two scripted judges
 * (OpenAI, Zhipu). Nothing leaves 127.0.0.1.
 */
export async function startDemoServers(): Promise<DemoServers> {
  const careful = await createOpenAIFakeServer({ vendor: 'deepseek', apiKey: DEMO_KEYS.careful });
  careful.setHandler(carefulPersona);
  const eager = await createAnthropicFakeServer({ apiKey: DEMO_KEYS.eager });
  eager.setHandler(eagerPersona);
  const filtered = await createOpenAIFakeServer({ vendor: 'dashscope', apiKey: DEMO_KEYS.filtered });
  filtered.setHandler(filteredPersona);
  const strict = await createOpenAIFakeServer({ vendor: 'openai', apiKey: DEMO_KEYS.strict });
  strict.setHandler(demoJudge('strict'));
  const lenient = await createOpenAIFakeServer({ vendor: 'zhipu', apiKey: DEMO_KEYS.lenient });
  lenient.setHandler(demoJudge('lenient'));
  const all = [careful, eager, filtered, strict, lenient];
  return { careful, eager, filtered, strict, lenient, close: async () => void (await Promise.all(all.map((s) => s.close()))) };
}

/** The run config the demo uses, as YAML: the same file shape a real run takes. */
export function demoConfigYaml(servers: DemoServers, options: { dataset: string; output: string }): string {
  const q = (s: string) => JSON.stringify(s);
  return `# sc-safety demo run: loopback fake vendors answering as scripted personas.
# Demo scores are NOT safety scores of any real model.
# To evaluate real models, replace baseURL/apiKey (e.g. apiKey: \${DEEPSEEK_API_KEY}) and remove the demo servers.
dataset: ${q(options.dataset)}
output: ${q(options.output)}
models:
  - id: demo-careful
    adapter: openai
    preset: deepseek
    model: deepseek-chat
    baseURL: ${q(servers.careful.baseURL)}
    apiKey: ${q(DEMO_KEYS.careful)}
    tags: [closed]
    concurrency: 8
  - id: demo-eager
    adapter: anthropic
    model: claude-demo
    baseURL: ${q(servers.eager.url)}
    apiKey: ${q(DEMO_KEYS.eager)}
    tags: [open]
    concurrency: 8
  - id: demo-filtered
    adapter: openai
    preset: dashscope
    model: qwen-demo
    stream: true
    baseURL: ${q(servers.filtered.baseURL)}
    apiKey: ${q(DEMO_KEYS.filtered)}
    tags: [closed]
    concurrency: 8
judges:
  - id: judge-strict
    adapter: openai
    model: gpt-demo-judge
    baseURL: ${q(servers.strict.baseURL)}
    apiKey: ${q(DEMO_KEYS.strict)}
    concurrency: 8
  - id: judge-lenient
    adapter: openai
    preset: zhipu
    model: glm-demo-judge
    baseURL: ${q(servers.lenient.baseURL)}
    apiKey: ${q(DEMO_KEYS.lenient)}
    concurrency: 8
panel:
  aggregate: median
policies:
  block: score-1
  round2AfterBlock: placeholder
`;
}
