import { describe, expect, it } from 'vitest';
import { LEADING_USER_PLACEHOLDER, mapMessages } from './map-messages.js';

describe('mapMessages', () => {
  it('moves system messages to the top-level system, joined, and keeps a well-formed conversation as is', () => {
    const mapped = mapMessages([
      { role: 'system', content: 'Be terse.' },
      { role: 'system', content: 'Answer in Chinese.' },
      { role: 'user', content: 'Q1' },
      { role: 'assistant', content: 'A1' },
      { role: 'user', content: 'Q2' },
    ]);
    expect(mapped.system).toBe('Be terse.\n\nAnswer in Chinese.');
    expect(mapped.messages).toEqual([
      { role: 'user', content: 'Q1' },
      { role: 'assistant', content: 'A1' },
      { role: 'user', content: 'Q2' },
    ]);
    expect(mapped.warnings).toEqual([]);
  });

  it('merges consecutive same-role turns with a blank line, with a warning', () => {
    const mapped = mapMessages([
      { role: 'user', content: 'Part one.' },
      { role: 'user', content: 'Part two.' },
      { role: 'assistant', content: 'A' },
      { role: 'assistant', content: 'B' },
      { role: 'user', content: 'Q' },
    ]);
    expect(mapped.system).toBeUndefined();
    expect(mapped.messages).toEqual([
      { role: 'user', content: 'Part one.\n\nPart two.' },
      { role: 'assistant', content: 'A\n\nB' },
      { role: 'user', content: 'Q' },
    ]);
    expect(mapped.warnings).toEqual([
      { type: 'other', setting: 'messages', message: expect.stringMatching(/^2 consecutive same-role/) },
    ]);
  });

  it('puts a placeholder user turn before a leading assistant turn', () => {
    const mapped = mapMessages([
      { role: 'assistant', content: 'I said this first.' },
      { role: 'user', content: 'Q' },
    ]);
    expect(mapped.messages).toEqual([
      { role: 'user', content: LEADING_USER_PLACEHOLDER },
      { role: 'assistant', content: 'I said this first.' },
      { role: 'user', content: 'Q' },
    ]);
    expect(mapped.warnings.map((w) => w.message)).toEqual([
      expect.stringContaining('started with an assistant message'),
    ]);
  });

  it('drops empty turns before the last, then merges what became adjacent', () => {
    const mapped = mapMessages([
      { role: 'user', content: 'Q1' },
      { role: 'assistant', content: '  ' },
      { role: 'user', content: 'Q2' },
    ]);
    expect(mapped.messages).toEqual([{ role: 'user', content: 'Q1\n\nQ2' }]);
    expect(mapped.warnings.map((w) => w.message)).toEqual([
      expect.stringMatching(/^1 empty message/),
      expect.stringMatching(/^1 consecutive/),
    ]);
  });

  it('warns when a system message comes after the first turn', () => {
    const mapped = mapMessages([
      { role: 'user', content: 'Q1' },
      { role: 'system', content: 'Late rule.' },
      { role: 'user', content: 'Q2' },
    ]);
    expect(mapped.system).toBe('Late rule.');
    expect(mapped.warnings.map((w) => w.message)).toEqual([
      expect.stringMatching(/^1 system message/),
      expect.stringMatching(/consecutive/),
    ]);
  });
});
