import { describe, expect, it } from 'vitest';
import { findBlockRule } from './block-rules.js';
import { mapFinishReason } from './finish-reason.js';
import { PRESETS } from './presets/index.js';
import type { OpenAIPreset } from './presets/types.js';

function preset(name: string): OpenAIPreset {
  const p = PRESETS[name];
  if (!p) throw new Error(name);
  return p;
}

const dashscopeError = (message: string) => ({
  error: { code: 'data_inspection_failed', type: 'data_inspection_failed', message },
});

describe('block rules', () => {
  it('DashScope: the message decides the stage, "Input or output" is unknown', () => {
    const rules = preset('dashscope').blocks;
    const stage = (message: string) =>
      findBlockRule(rules, 'error', { status: 400, body: dashscopeError(message) })?.stage;
    expect(stage('Input data may contain inappropriate content.')).toBe('input');
    expect(stage('Output data may contain inappropriate content.')).toBe('output');
    expect(stage('Input or output data may contain inappropriate content.')).toBe('unknown');
    expect(stage('Something else.')).toBe('unknown');
  });

  it('Zhipu 1301: stage from contentFilter role, severity recorded', () => {
    const rules = preset('zhipu').blocks;
    const body = (role?: string) => ({
      ...(role ? { contentFilter: [{ role, level: 2 }] } : {}),
      error: { code: '1301', message: 'unsafe' },
    });
    expect(findBlockRule(rules, 'error', { status: 400, body: body('user') })).toMatchObject({
      stage: 'input',
      code: '1301',
      details: { level: 2 },
    });
    expect(findBlockRule(rules, 'error', { status: 400, body: body('assistant') })?.stage).toBe('output');
    expect(findBlockRule(rules, 'error', { status: 400, body: body() })?.stage).toBe('unknown');
    // A numeric code from a relaxed proxy still matches.
    expect(findBlockRule(rules, 'error', { status: 400, body: { error: { code: 1301 } } })?.code).toBe('1301');
  });

  it('Ark: every SensitiveContentDetected variant is an input block with its own code', () => {
    const rules = preset('ark').blocks;
    for (const code of [
      'SensitiveContentDetected',
      'SensitiveContentDetected.SevereViolation',
      'SensitiveContentDetected.Violence',
      'InputTextRiskDetection',
    ]) {
      expect(findBlockRule(rules, 'error', { status: 400, body: { error: { code } } })).toMatchObject({
        stage: 'input',
        code,
      });
    }
    expect(
      findBlockRule(rules, 'error', { status: 400, body: { error: { code: 'OutputTextRiskDetection' } } })?.stage,
    ).toBe('output');
    expect(
      findBlockRule(rules, 'error', { status: 400, body: { error: { code: 'InvalidParameter' } } }),
    ).toBeUndefined();
  });

  it('DeepSeek: only a 400 with the exact detail is an input block', () => {
    const rules = preset('deepseek').blocks;
    expect(findBlockRule(rules, 'error', { status: 400, body: { detail: 'Content Exists Risk' } })?.stage).toBe(
      'input',
    );
    expect(findBlockRule(rules, 'error', { status: 422, body: { detail: 'Content Exists Risk' } })).toBeUndefined();
    expect(findBlockRule(rules, 'error', { status: 400, body: { detail: 'Invalid format' } })).toBeUndefined();
  });

  it('Qianfan: flag >= 2 blocks, flag 1 is only recorded', () => {
    const rules = preset('qianfan').blocks;
    const answer = (flag: number) => ({
      choices: [{ message: { content: 'x' }, finish_reason: 'stop', flag, ban_round: 2 }],
    });
    expect(findBlockRule(rules, 'response', { body: answer(2) })).toMatchObject({
      effect: 'block',
      stage: 'output',
      details: { flag: 2, banRound: 2 },
    });
    expect(findBlockRule(rules, 'response', { body: answer(1) })).toMatchObject({ effect: 'flag' });
    expect(findBlockRule(rules, 'response', { body: answer(0) })).toBeUndefined();
  });

  it('error rules never read answers and answer rules never read errors', () => {
    const rules = preset('openai').blocks;
    const filtered = { choices: [{ finish_reason: 'content_filter' }] };
    expect(findBlockRule(rules, 'error', { status: 400, body: filtered })).toBeUndefined();
    expect(findBlockRule(rules, 'response', { body: { error: { code: 'invalid_prompt' } } })).toBeUndefined();
  });

  it('[?] and local presets carry no vendor-specific rule', () => {
    for (const name of ['baichuan', 'yi', 'hunyuan', 'spark']) {
      expect(preset(name).blocks.map((r) => r.signal)).toEqual(['finish_reason=content_filter']);
    }
    for (const name of ['vllm', 'lmstudio', 'llamacpp', 'ollama']) expect(preset(name).blocks).toEqual([]);
  });
});

describe('finish reasons', () => {
  it.each([
    ['stop', 'stop'],
    ['length', 'length'],
    ['content_filter', 'content-filter'],
    ['sensitive', 'content-filter'],
    ['tool_calls', 'tool-calls'],
    ['function_call', 'tool-calls'],
    ['insufficient_system_resource', 'error'],
    ['abort', 'other'],
  ])('%s → %s', (raw, unified) => {
    expect(mapFinishReason(raw)).toEqual({ unified, raw });
  });

  it('absent is unknown', () => {
    expect(mapFinishReason(null)).toEqual({ unified: 'unknown', raw: undefined });
  });
});
