import { describe, expect, it } from 'vitest';
import { mapFinishReason } from './finish-reason.js';
import { interpretMessage } from './interpret-message.js';
import { mapUsage } from './map-usage.js';

describe('mapFinishReason', () => {
  it.each([
    ['end_turn', 'stop'],
    ['stop_sequence', 'stop'],
    ['max_tokens', 'length'],
    ['model_context_window_exceeded', 'length'],
    ['refusal', 'refusal'],
    ['tool_use', 'tool-calls'],
    ['pause_turn', 'other'],
    ['something_new', 'other'],
    // A missing stop reason is unknown, with no raw value.
    [null, 'unknown'],
  ])('%s → %s, raw kept', (raw, unified) => {
    expect(mapFinishReason(raw)).toEqual({ unified, raw: raw ?? undefined });
  });
});

describe('mapUsage', () => {
  it('counts cache reads and writes as input, and reports cache reads', () => {
    expect(
      mapUsage({ input_tokens: 10, cache_creation_input_tokens: 5, cache_read_input_tokens: 20, output_tokens: 7 }),
    ).toEqual({
      inputTokens: 35,
      outputTokens: 7,
      totalTokens: 42,
      cachedInputTokens: 20,
    });
    expect(mapUsage({ output_tokens: 3 })).toEqual({ outputTokens: 3 });
    expect(mapUsage(undefined)).toEqual({});
  });
});

describe('interpretMessage', () => {
  it('joins text blocks, keeps thinking apart, and falls back to the message id as request id', () => {
    const result = interpretMessage(
      {
        id: 'msg_1',
        content: [
          { type: 'thinking', thinking: 'Hmm.' },
          { type: 'text', text: 'A' },
          { type: 'tool_use', id: 't' },
          { type: 'text', text: 'B' },
        ],
        stop_reason: 'end_turn',
        usage: { input_tokens: 1, output_tokens: 2 },
      },
      { requestId: undefined, warnings: [], raw: 'raw' },
    );
    expect(result).toEqual({
      type: 'completed',
      text: 'AB',
      reasoningText: 'Hmm.',
      finishReason: { unified: 'stop', raw: 'end_turn' },
      usage: { inputTokens: 1, outputTokens: 2, totalTokens: 3 },
      requestId: 'msg_1',
      warnings: [],
      raw: 'raw',
    });
  });

  it('turns stop_reason refusal into an output block with the partial text and stop_details', () => {
    const result = interpretMessage(
      {
        id: 'msg_1',
        content: [{ type: 'text', text: 'Sure, first you' }],
        stop_reason: 'refusal',
        stop_details: { type: 'refusal', category: 'cyber', explanation: 'Policy.' },
      },
      { requestId: 'req_1', warnings: [], raw: undefined },
    );
    expect(result).toMatchObject({
      type: 'blocked',
      stage: 'output',
      code: 'refusal',
      message: 'Policy.',
      partialText: 'Sure, first you',
      details: { category: 'cyber' },
      finishReason: { unified: 'refusal', raw: 'refusal' },
      requestId: 'req_1',
    });
  });
});
