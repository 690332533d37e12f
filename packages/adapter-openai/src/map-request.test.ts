import { describe, expect, it } from 'vitest';
import { mapRequest } from './map-request.js';
import { PRESETS } from './presets/index.js';
import type { OpenAIPreset } from './presets/types.js';

const messages = [
  { role: 'system' as const, content: 'Be safe.' },
  { role: 'user' as const, content: 'Q1' },
  { role: 'assistant' as const, content: 'A1' },
  { role: 'user' as const, content: 'Q2' },
];

function preset(name: string): OpenAIPreset {
  const p = PRESETS[name];
  if (!p) throw new Error(name);
  return p;
}

describe('mapRequest', () => {
  it('keeps roles and maps every setting to its body name', () => {
    const { body, warnings } = mapRequest({
      model: 'gpt-4o',
      messages,
      params: { temperature: 0.7, topP: 0.9, maxTokens: 256, seed: 7, stop: ['END'] },
      preset: preset('openai'),
      maxTokensParam: 'max_tokens',
      stream: false,
    });
    expect(body).toEqual({
      model: 'gpt-4o',
      messages,
      temperature: 0.7,
      top_p: 0.9,
      max_tokens: 256,
      seed: 7,
      stop: ['END'],
    });
    expect(warnings).toEqual([]);
  });

  it('asks for usage in streams only where the vendor documents it', () => {
    const openai = mapRequest({
      model: 'm',
      messages,
      preset: preset('openai'),
      maxTokensParam: 'max_tokens',
      stream: true,
    });
    expect(openai.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    const zhipu = mapRequest({
      model: 'm',
      messages,
      preset: preset('zhipu'),
      maxTokensParam: 'max_tokens',
      stream: true,
    });
    expect(zhipu.body.stream).toBe(true);
    expect(zhipu.body).not.toHaveProperty('stream_options');
  });

  it('clamps Zhipu temperature and top_p into [0, 1] with warnings', () => {
    const { body, warnings } = mapRequest({
      model: 'glm-4',
      messages,
      params: { temperature: 1.5, topP: 1.2 },
      preset: preset('zhipu'),
      maxTokensParam: 'max_tokens',
      stream: false,
    });
    expect(body).toMatchObject({ temperature: 1, top_p: 1 });
    expect(warnings.map((w) => [w.type, w.setting])).toEqual([
      ['clamped-setting', 'temperature'],
      ['clamped-setting', 'topP'],
    ]);
    expect(warnings[0]?.message).toContain('1.5 was sent as 1');
  });

  it('clamps Moonshot temperature and leaves values in range alone', () => {
    const high = mapRequest({
      model: 'k',
      messages,
      params: { temperature: 2 },
      preset: preset('moonshot'),
      maxTokensParam: 'max_tokens',
      stream: false,
    });
    expect(high.body.temperature).toBe(1);
    expect(high.warnings).toHaveLength(1);
    const ok = mapRequest({
      model: 'k',
      messages,
      params: { temperature: 0.6 },
      preset: preset('moonshot'),
      maxTokensParam: 'max_tokens',
      stream: false,
    });
    expect(ok.body.temperature).toBe(0.6);
    expect(ok.warnings).toEqual([]);
  });

  it('moves a seed outside Qianfan v2 (0, 2147483647) one step inside', () => {
    const zero = mapRequest({
      model: 'ernie',
      messages,
      params: { seed: 0 },
      preset: preset('qianfan'),
      maxTokensParam: 'max_tokens',
      stream: false,
    });
    expect(zero.body.seed).toBe(1);
    expect(zero.warnings[0]).toMatchObject({ type: 'clamped-setting', setting: 'seed' });
    const big = mapRequest({
      model: 'ernie',
      messages,
      params: { seed: 2 ** 31 },
      preset: preset('qianfan'),
      maxTokensParam: 'max_tokens',
      stream: false,
    });
    expect(big.body.seed).toBe(2147483646);
  });

  it('keeps Spark temperature inside its open lower bound', () => {
    const { body, warnings } = mapRequest({
      model: 'lite',
      messages,
      params: { temperature: 0 },
      preset: preset('spark'),
      maxTokensParam: 'max_tokens',
      stream: false,
    });
    expect(body.temperature).toBe(0.01);
    expect(warnings[0]?.message).toContain('(0, 1]');
  });

  it('drops seed with a warning where the vendor has none', () => {
    const { body, warnings } = mapRequest({
      model: 'deepseek-chat',
      messages,
      params: { seed: 42, temperature: 0 },
      preset: preset('deepseek'),
      maxTokensParam: 'max_tokens',
      stream: false,
    });
    expect(body).not.toHaveProperty('seed');
    expect(warnings).toEqual([expect.objectContaining({ type: 'unsupported-setting', setting: 'seed' })]);
  });

  it('uses the chosen max-tokens name and merges extraBody last', () => {
    const { body } = mapRequest({
      model: 'o3',
      messages,
      params: { maxTokens: 100 },
      preset: preset('openai'),
      maxTokensParam: 'max_completion_tokens',
      stream: false,
      extraBody: { reasoning_effort: 'low' },
    });
    expect(body).toMatchObject({ max_completion_tokens: 100, reasoning_effort: 'low' });
    expect(body).not.toHaveProperty('max_tokens');
  });
});
