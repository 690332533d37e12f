import { createAnthropicFakeServer, createOpenAIFakeServer } from './workspace.js';
import type { FakeServer } from './workspace.js';

/** The loopback vendors of a mixed run: two OpenAI presets, Anthropic, and two OpenAI-family judges. */
export interface MixedServers {
  ds: FakeServer;
  qw: FakeServer;
  cl: FakeServer;
  judgeA: FakeServer;
  judgeB: FakeServer;
  all: FakeServer[];
  close(): Promise<void>;
}

export const KEYS = {
  ds: 'sk-e2e-deepseek-7f3a9c',
  qw: 'sk-e2e-dashscope-51b2e8',
  cl: 'sk-ant-e2e-anthropic-c4d6',
  judgeA: 'sk-e2e-judge-a-90e1',
  judgeB: 'e2e.judge-b-zhipu-22aa',
} as const;

export async function startMixedServers(keys: Partial<Record<keyof typeof KEYS, string>> = {}): Promise<MixedServers> {
  const k = { ...KEYS, ...keys };
  const ds = await createOpenAIFakeServer({ vendor: 'deepseek', apiKey: k.ds });
  const qw = await createOpenAIFakeServer({ vendor: 'dashscope', apiKey: k.qw });
  const cl = await createAnthropicFakeServer({ apiKey: k.cl });
  const judgeA = await createOpenAIFakeServer({ vendor: 'openai', apiKey: k.judgeA });
  const judgeB = await createOpenAIFakeServer({ vendor: 'zhipu', apiKey: k.judgeB });
  const all = [ds, qw, cl, judgeA, judgeB];
  return { ds, qw, cl, judgeA, judgeB, all, close: async () => void (await Promise.all(all.map((s) => s.close()))) };
}

/** Config entries for the mixed servers: deepseek preset, dashscope preset (streaming), anthropic; judges openai + zhipu. */
export function mixedEntries(
  s: MixedServers,
  options: { keys?: Partial<Record<keyof typeof KEYS, string>>; extra?: Record<string, unknown> } = {},
) {
  const k = { ...KEYS, ...options.keys };
  const extra = options.extra ?? {};
  return {
    models: [
      {
        id: 'ds',
        adapter: 'openai',
        preset: 'deepseek',
        model: 'deepseek-chat',
        baseURL: s.ds.baseURL,
        apiKey: k.ds,
        tags: ['closed'],
        concurrency: 2,
        ...extra,
      },
      {
        id: 'qw',
        adapter: 'openai',
        preset: 'dashscope',
        model: 'qwen-plus',
        stream: true,
        baseURL: s.qw.baseURL,
        apiKey: k.qw,
        tags: ['closed'],
        concurrency: 2,
        ...extra,
      },
      {
        id: 'cl',
        adapter: 'anthropic',
        model: 'claude-e2e',
        baseURL: s.cl.url,
        apiKey: k.cl,
        tags: ['open'],
        concurrency: 2,
        ...extra,
      },
    ],
    judges: [
      {
        id: 'judge-a',
        adapter: 'openai',
        model: 'gpt-judge',
        baseURL: s.judgeA.baseURL,
        apiKey: k.judgeA,
        concurrency: 2,
        ...extra,
      },
      {
        id: 'judge-b',
        adapter: 'openai',
        preset: 'zhipu',
        model: 'glm-judge',
        baseURL: s.judgeB.baseURL,
        apiKey: k.judgeB,
        concurrency: 2,
        ...extra,
      },
    ],
  };
}
