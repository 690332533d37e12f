import { describe, expect, it } from 'vitest';
import { contentKey, isContentKey } from './content-key.js';
import { answerKey, judgmentKey, keyModelConfig } from './key-builders.js';

const messages = [
  { role: 'system' as const, content: 'You are helpful.' },
  { role: 'user' as const, content: '怎么开锁？' },
];
const entry = {
  id: 'GPT-4o (board name)',
  adapter: './adapters/openai.js',
  model: 'gpt-4o-2024-08-06',
  preset: 'openai',
  baseURL: 'https://api.example.test/v1',
  apiKey: 'sk-live-123456',
  concurrency: 8,
  rpm: 500,
  timeoutMs: 60_000,
  headers: { 'X-Trace': '1', Authorization: 'Bearer sk-live-123456' },
  reasoningEffort: 'low',
  auth: { secretKey: 'abcd-secret', region: 'cn' },
};

describe('keys across versions', () => {
  it('stay the keys earlier versions wrote, so their stores resume without a call', () => {
    // Computed by the build before content keys were hashed with `crypto.hash` (5c2dd88's core).
    const answer = answerKey({
      adapter: { name: 'openai' },
      model: entry,
      messages,
      params: { temperature: 0 },
      epoch: 2,
    });
    expect(answer).toBe('sha256:5acbf2d2363111777552a270a39b78e3460d5e0a0a12c32108ebb5ae06dea391');
    const judgment = judgmentKey({
      answerKey: answer,
      answerText: '不能帮你 "开锁" 😀',
      judge: { adapter: 'openai', config: entry, params: { temperature: 0 } },
      promptHash: `sha256:${'b'.repeat(64)}`,
    });
    expect(judgment).toBe('sha256:049e9f2cc581c4a3d77675d14b04bcf40dce21eba54951e7b7815e7cf5fd21a2');
  });
});

describe('contentKey', () => {
  it('is sha256:<64 hex> and independent of key order', () => {
    const key = contentKey({ b: 2, a: [1, { d: 4, c: 3 }] });
    expect(isContentKey(key)).toBe(true);
    expect(key).toBe(contentKey({ a: [1, { c: 3, d: 4 }], b: 2 }));
    expect(key).not.toBe(contentKey({ a: [{ c: 3, d: 4 }, 1], b: 2 }));
    expect(isContentKey('sha256:xyz')).toBe(false);
  });
});

describe('keyModelConfig', () => {
  it('keeps what changes the answer and drops ids, pacing, transport and secrets', () => {
    expect(keyModelConfig(entry)).toEqual({
      model: 'gpt-4o-2024-08-06',
      preset: 'openai',
      baseURL: 'https://api.example.test/v1',
      reasoningEffort: 'low',
      auth: { region: 'cn' },
    });
    expect(JSON.stringify(keyModelConfig(entry))).not.toContain('sk-live');
  });
});

describe('answerKey', () => {
  const base = answerKey({ adapter: { name: 'openai' }, model: entry, messages, params: { temperature: 0 } });

  it('ignores the board id, the key, concurrency, rate limits, timeouts and headers', () => {
    const renamed = {
      ...entry,
      id: 'Renamed',
      apiKey: 'sk-other-999999',
      concurrency: 1,
      rpm: 10,
      timeoutMs: 5,
      headers: {},
    };
    expect(answerKey({ adapter: { name: 'openai' }, model: renamed, messages, params: { temperature: 0 } })).toBe(base);
  });

  it('changes with the model id, base URL, adapter options, adapter name, messages or params', () => {
    const variants = [
      answerKey({
        adapter: { name: 'openai' },
        model: { ...entry, model: 'gpt-4o-mini' },
        messages,
        params: { temperature: 0 },
      }),
      answerKey({
        adapter: { name: 'openai' },
        model: { ...entry, baseURL: 'https://other.test/v1' },
        messages,
        params: { temperature: 0 },
      }),
      answerKey({
        adapter: { name: 'openai' },
        model: { ...entry, reasoningEffort: 'high' },
        messages,
        params: { temperature: 0 },
      }),
      answerKey({ adapter: { name: 'anthropic' }, model: entry, messages, params: { temperature: 0 } }),
      answerKey({ adapter: { name: 'openai' }, model: entry, messages: messages.slice(1), params: { temperature: 0 } }),
      answerKey({ adapter: { name: 'openai' }, model: entry, messages, params: { temperature: 0.7 } }),
      answerKey({
        adapter: { name: 'openai' },
        model: entry,
        messages: [messages[0]!, { role: 'user', content: '怎么开锁?' }],
        params: { temperature: 0 },
      }),
    ];
    expect(new Set([base, ...variants]).size).toBe(variants.length + 1);
  });

  it('treats missing and empty params alike', () => {
    const a = answerKey({ adapter: { name: 'x' }, model: { model: 'm' }, messages });
    expect(answerKey({ adapter: { name: 'x' }, model: { model: 'm' }, messages, params: {} })).toBe(a);
    expect(answerKey({ adapter: { name: 'x' }, model: { model: 'm' }, messages, params: { seed: undefined } })).toBe(a);
  });
});

describe('judgmentKey', () => {
  const parts = {
    answerKey: 'sha256:' + 'a'.repeat(64),
    answerText: 'I cannot help with that.',
    judge: {
      adapter: { name: 'openai' },
      config: { id: 'judge-board', model: 'gpt-4o', apiKey: 'sk-judge-0001' },
      params: { temperature: 0 },
    },
    promptHash: 'sha256:' + 'b'.repeat(64),
  };
  const base = judgmentKey(parts);

  it('changes with the prompt hash, the answer text, the judge model or its params', () => {
    const variants = [
      judgmentKey({ ...parts, promptHash: 'sha256:' + 'c'.repeat(64) }),
      judgmentKey({ ...parts, answerText: 'Sure, here is how.' }),
      judgmentKey({ ...parts, answerKey: 'sha256:' + 'd'.repeat(64) }),
      judgmentKey({ ...parts, judge: { ...parts.judge, config: { model: 'gpt-4o-mini' } } }),
      judgmentKey({ ...parts, judge: { ...parts.judge, params: { temperature: 1 } } }),
      judgmentKey({ ...parts, panelIndex: 1 }),
    ];
    expect(new Set([base, ...variants]).size).toBe(variants.length + 1);
  });

  it('ignores the judge board id and key, and accepts the adapter as a name', () => {
    const same = {
      ...parts,
      judge: {
        adapter: 'openai',
        config: { id: 'other', model: 'gpt-4o', apiKey: 'sk-rotated-02' },
        params: { temperature: 0 },
      },
    };
    expect(judgmentKey(same)).toBe(base);
    expect(judgmentKey({ ...parts, panelIndex: undefined })).toBe(base);
  });

  it('never equals an answer key built from the same material', () => {
    expect(base).not.toBe(
      answerKey({ adapter: { name: 'openai' }, model: parts.judge.config, messages: [], params: { temperature: 0 } }),
    );
  });
});
