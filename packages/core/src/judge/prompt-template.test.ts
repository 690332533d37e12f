import { describe, expect, it } from 'vitest';
import { fillTemplate } from './prompt-template.js';

/** The one-pass fill as a single regex replace: what {@link fillTemplate} must always agree with. */
function fillByReplace(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{([\w:-]+)\}\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`template placeholder {{${name}}} has no value`);
    return value;
  });
}

describe('fillTemplate', () => {
  it('fills every placeholder once and never expands what it put in', () => {
    expect(fillTemplate('{{a}}{{b}} {{a}}', { a: '{{b}}', b: 'x' })).toBe('{{b}}x {{b}}');
    expect(fillTemplate('no placeholders', {})).toBe('no placeholders');
    expect(fillTemplate('{{fence:ANSWER}}', { 'fence:ANSWER': 'A' })).toBe('A');
    // The same template again with other values (it is kept split after the first fill).
    expect(fillTemplate('{{a}}{{b}} {{a}}', { a: '1', b: '2' })).toBe('12 1');
  });

  it('refuses a placeholder without a value, naming it', () => {
    expect(() => fillTemplate('x {{missing}} y', { other: '' })).toThrow('{{missing}}');
  });

  it('agrees with a single regex replace on 2,000 generated templates, refusals included', () => {
    // Pieces that stress the split: braces that are not placeholders, adjacent and repeated
    // placeholders, names with `:` and `-`, CJK and astral text.
    const pieces = ['{{a}}', '{{b-c}}', '{{d:e}}', '{', '}', '{{', '}}', '{{}}', '{{ a }}', '文字', '😀', '\n', 'x'];
    const values = { a: '{{b-c}}', 'b-c': '$&', 'd:e': '' };
    let state = 7;
    const next = () => {
      state = (state * 1103515245 + 12345) % 2 ** 31;
      return state;
    };
    for (let i = 0; i < 2000; i++) {
      const template = Array.from({ length: next() % 12 }, () => pieces[next() % pieces.length]).join('');
      // Pieces can join into a placeholder without a value (`{{` `x` `}}`): both must then refuse alike.
      const outcome = (fill: typeof fillByReplace) => {
        try {
          return fill(template, values);
        } catch (error) {
          return `refused: ${(error as Error).message}`;
        }
      };
      expect(outcome(fillTemplate)).toBe(outcome(fillByReplace));
    }
  });
});
