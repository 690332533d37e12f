import { describe, expect, it } from 'vitest';
import { LEADING_USER_PLACEHOLDER, mapMessages } from './map-messages.js';

const system = (content: string) => ({ role: 'system' as const, content });
const user = (content: string) => ({ role: 'user' as const, content });
const assistant = (content: string) => ({ role: 'assistant' as const, content });

describe('mapMessages', () => {
  it('moves system messages to the top-level system, joined, and keeps a well-formed conversation as is', () => {
    const mapped = mapMessages([
      system('Be terse.'),
      system('Answer in Chinese.'),
      user('Q1'),
      assistant('A1'),
      user('Q2'),
    ]);
    expect(mapped.system).toBe('Be terse.\n\nAnswer in Chinese.');
    expect(mapped.messages).toEqual([user('Q1'), assistant('A1'), user('Q2')]);
    expect(mapped.warnings).toEqual([]);
  });

  it('merges consecutive same-role turns with a blank line, with a warning', () => {
    const mapped = mapMessages([user('Part one.'), user('Part two.'), assistant('A'), assistant('B'), user('Q')]);
    expect(mapped.system).toBeUndefined();
    expect(mapped.messages).toEqual([user('Part one.\n\nPart two.'), assistant('A\n\nB'), user('Q')]);
    expect(mapped.warnings).toEqual([
      { type: 'other', setting: 'messages', message: expect.stringMatching(/^2 consecutive same-role/) },
    ]);
  });

  it('puts a placeholder user turn before a leading assistant turn', () => {
    const mapped = mapMessages([assistant('I said this first.'), user('Q')]);
    expect(mapped.messages).toEqual([user(LEADING_USER_PLACEHOLDER), assistant('I said this first.'), user('Q')]);
    expect(mapped.warnings.map((w) => w.message)).toEqual([
      expect.stringContaining('started with an assistant message'),
    ]);
  });

  it('drops empty turns before the last, then merges what became adjacent', () => {
    const mapped = mapMessages([user('Q1'), assistant('  '), user('Q2')]);
    expect(mapped.messages).toEqual([user('Q1\n\nQ2')]);
    expect(mapped.warnings.map((w) => w.message)).toEqual([
      expect.stringMatching(/^1 empty message/),
      expect.stringMatching(/^1 consecutive/),
    ]);
  });

  it('warns when a system message comes after the first turn', () => {
    const mapped = mapMessages([user('Q1'), system('Late rule.'), user('Q2')]);
    expect(mapped.system).toBe('Late rule.');
    expect(mapped.warnings.map((w) => w.message)).toEqual([
      expect.stringMatching(/^1 system message/),
      expect.stringMatching(/consecutive/),
    ]);
  });
});
