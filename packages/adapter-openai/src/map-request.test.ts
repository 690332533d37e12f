import { describe, expect, it } from 'vitest';
import type { GenerationParamsV1 } from '@sc-safety/spec';
import { mapRequest } from './map-request.js';
import type { MappedRequest, MapRequestInput } from './map-request.js';
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

/** Maps `messages` for `model` on the named preset: non-streamed, `max_tokens`, unless `more` says otherwise. */
function mapFor(
  presetName: string,
  model: string,
  params: GenerationParamsV1 | undefined,
  more: Partial<MapRequestInput> = {},
): MappedRequest {
  return mapRequest({
    model,
    messages,
    params,
    preset: preset(presetName),
    maxTokensParam: 'max_tokens',
    stream: false,
    ...more,
  });
}

describe('mapRequest', () => {
  it('keeps roles and maps every setting to its body name', () => {
    const { body, warnings } = mapFor('openai', 'gpt-4o', {
      temperature: 0.7,
      topP: 0.9,
      maxTokens: 256,
      seed: 7,
      stop: ['END'],
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
    const openai = mapFor('openai', 'm', undefined, { stream: true });
    expect(openai.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    const zhipu = mapFor('zhipu', 'm', undefined, { stream: true });
    expect(zhipu.body.stream).toBe(true);
    expect(zhipu.body).not.toHaveProperty('stream_options');
  });

  it('clamps Zhipu temperature and top_p into [0, 1] with warnings', () => {
    const { body, warnings } = mapFor('zhipu', 'glm-4', { temperature: 1.5, topP: 1.2 });
    expect(body).toMatchObject({ temperature: 1, top_p: 1 });
    expect(warnings.map((w) => [w.type, w.setting])).toEqual([
      ['clamped-setting', 'temperature'],
      ['clamped-setting', 'topP'],
    ]);
    expect(warnings[0]?.message).toContain('1.5 was sent as 1');
  });

  it('clamps Moonshot temperature and leaves values in range alone', () => {
    const high = mapFor('moonshot', 'k', { temperature: 2 });
    expect(high.body.temperature).toBe(1);
    expect(high.warnings).toHaveLength(1);
    const ok = mapFor('moonshot', 'k', { temperature: 0.6 });
    expect(ok.body.temperature).toBe(0.6);
    expect(ok.warnings).toEqual([]);
  });

  it('moves a seed outside Qianfan v2 (0, 2147483647) one step inside', () => {
    const zero = mapFor('qianfan', 'ernie', { seed: 0 });
    expect(zero.body.seed).toBe(1);
    expect(zero.warnings[0]).toMatchObject({ type: 'clamped-setting', setting: 'seed' });
    const big = mapFor('qianfan', 'ernie', { seed: 2 ** 31 });
    expect(big.body.seed).toBe(2147483646);
  });

  it('keeps Spark temperature inside its open lower bound', () => {
    const { body, warnings } = mapFor('spark', 'lite', { temperature: 0 });
    expect(body.temperature).toBe(0.01);
    expect(warnings[0]?.message).toContain('(0, 1]');
  });

  it('drops seed with a warning where the vendor has none', () => {
    const { body, warnings } = mapFor('deepseek', 'deepseek-chat', { seed: 42, temperature: 0 });
    expect(body).not.toHaveProperty('seed');
    expect(warnings).toEqual([expect.objectContaining({ type: 'unsupported-setting', setting: 'seed' })]);
  });

  it('uses the chosen max-tokens name and merges extraBody last', () => {
    const { body } = mapFor(
      'openai',
      'o3',
      { maxTokens: 100 },
      { maxTokensParam: 'max_completion_tokens', extraBody: { reasoning_effort: 'low' } },
    );
    expect(body).toMatchObject({ max_completion_tokens: 100, reasoning_effort: 'low' });
    expect(body).not.toHaveProperty('max_tokens');
  });
});
