import { describe, expect, it } from 'vitest';
import { extractAnthropicMessages } from './extract-messages.js';

describe('extractAnthropicMessages', () => {
  it('reads the top-level system as a leading system message, then the turns', () => {
    expect(
      extractAnthropicMessages({
        system: [{ type: 'text', text: 'Be terse.' }],
        messages: [
          { role: 'user', content: 'Q' },
          {
            role: 'assistant',
            content: [
              { type: 'text', text: 'A' },
              { type: 'text', text: '!' },
            ],
          },
        ],
      }),
    ).toEqual([
      { role: 'system', content: 'Be terse.' },
      { role: 'user', content: 'Q' },
      { role: 'assistant', content: 'A!' },
    ]);
    expect(extractAnthropicMessages({ messages: [{ role: 'user', content: 'Q' }] })).toEqual([
      { role: 'user', content: 'Q' },
    ]);
  });

  it('refuses bodies that are not Messages requests', () => {
    expect(() => extractAnthropicMessages({})).toThrow(/no messages/);
    expect(() => extractAnthropicMessages({ messages: [{ role: 'system', content: 'x' }] })).toThrow(/unexpected role/);
  });
});
