import { describe, expect, it } from 'vitest';
import { mapRequest } from './map-request.js';

const ask = { messages: [{ role: 'user' as const, content: 'Hi' }] };

describe('mapRequest', () => {
  it('sends model, max_tokens (default when unset) and messages, nothing unset', () => {
    expect(mapRequest({ model: 'claude-x', request: ask, defaultMaxTokens: 1024, stream: false })).toEqual({
      body: { model: 'claude-x', max_tokens: 1024, messages: [{ role: 'user', content: 'Hi' }] },
      warnings: [],
    });
  });

  it('maps params, and stream', () => {
    const { body, warnings } = mapRequest({
      model: 'claude-x',
      request: { ...ask, params: { maxTokens: 50, temperature: 0.2, topP: 0.9, stop: ['END'] } },
      defaultMaxTokens: 1024,
      stream: true,
    });
    expect(body).toEqual({
      model: 'claude-x',
      max_tokens: 50,
      messages: [{ role: 'user', content: 'Hi' }],
      temperature: 0.2,
      top_p: 0.9,
      stop_sequences: ['END'],
      stream: true,
    });
    expect(warnings).toEqual([]);
  });

  it('drops seed with an unsupported-setting warning', () => {
    const { body, warnings } = mapRequest({
      model: 'm',
      request: { ...ask, params: { seed: 7 } },
      defaultMaxTokens: 10,
      stream: false,
    });
    expect(body).not.toHaveProperty('seed');
    expect(warnings).toEqual([
      { type: 'unsupported-setting', setting: 'seed', message: expect.stringContaining('seed') },
    ]);
  });

  it('clamps temperature and top_p to [0, 1] with a warning', () => {
    const { body, warnings } = mapRequest({
      model: 'm',
      request: { ...ask, params: { temperature: 1.7, topP: -0.1 } },
      defaultMaxTokens: 10,
      stream: false,
    });
    expect(body).toMatchObject({ temperature: 1, top_p: 0 });
    expect(warnings).toEqual([
      { type: 'clamped-setting', setting: 'temperature', message: expect.stringContaining('1.7') },
      { type: 'clamped-setting', setting: 'topP', message: expect.stringContaining('-0.1') },
    ]);
  });

  it('drops whitespace-only stop sequences with a warning', () => {
    const { body, warnings } = mapRequest({
      model: 'm',
      request: { ...ask, params: { stop: [' ', '\n'] } },
      defaultMaxTokens: 10,
      stream: false,
    });
    expect(body).not.toHaveProperty('stop_sequences');
    expect(warnings).toEqual([{ type: 'unsupported-setting', setting: 'stop', message: expect.any(String) }]);
  });
});
