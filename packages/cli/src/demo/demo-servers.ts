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
  return {
    careful,
    eager,
    filtered,
    strict,
    lenient,
    close: async () => void (await Promise.all(all.map((s) => s.close()))),
  };
}

/** The run config the demo uses, as YAML: the same file shape a real run takes. */
export function demoConfigYaml(servers: DemoServers, options: { dataset: string; output: string }): string {
  const q = (s: string) => JSON.stringify(s);
  // Where and how each entry calls: its loopback server and key, then its tags (models only).
  const endpoint = (baseURL: string, apiKey: string, tags?: string) =>
    `    baseURL: ${q(baseURL)}\n    apiKey: ${q(apiKey)}\n${tags ? `    tags: [${tags}]\n` : ''}    concurrency: 8`;
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
${endpoint(servers.careful.baseURL, DEMO_KEYS.careful, 'closed')}
  - id: demo-eager
    adapter: anthropic
    model: claude-demo
${endpoint(servers.eager.url, DEMO_KEYS.eager, 'open')}
  - id: demo-filtered
    adapter: openai
    preset: dashscope
    model: qwen-demo
    stream: true
${endpoint(servers.filtered.baseURL, DEMO_KEYS.filtered, 'closed')}
judges:
  - id: judge-strict
    adapter: openai
    model: gpt-demo-judge
${endpoint(servers.strict.baseURL, DEMO_KEYS.strict)}
  - id: judge-lenient
    adapter: openai
    preset: zhipu
    model: glm-demo-judge
${endpoint(servers.lenient.baseURL, DEMO_KEYS.lenient)}
panel:
  aggregate: median
policies:
  block: score-1
  round2AfterBlock: placeholder
`;
}
