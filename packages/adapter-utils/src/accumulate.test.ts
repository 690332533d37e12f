import { describe, expect, it } from 'vitest';
import { appendDelta, createTextAccumulator, takeCumulative } from './accumulate.js';

describe('appendDelta / takeCumulative', () => {
  it('append deltas and keep text on frames without content', () => {
    expect(appendDelta('Hel', 'lo')).toBe('Hello');
    expect(appendDelta('Hel', undefined)).toBe('Hel');
    expect(appendDelta('Hel', null)).toBe('Hel');
  });

  it('take the latest cumulative frame, even one that rewrites earlier text', () => {
    expect(takeCumulative('Hel', 'Hello')).toBe('Hello');
    expect(takeCumulative('Hello wrld', 'Hello world')).toBe('Hello world');
    expect(takeCumulative('Hello', undefined)).toBe('Hello');
  });
});

describe('createTextAccumulator', () => {
  it('delta mode reports each fragment as the delta', () => {
    const acc = createTextAccumulator('delta');
    expect(acc.push('你')).toEqual({ text: '你', delta: '你', rewritten: false });
    expect(acc.push(undefined)).toEqual({ text: '你', delta: '', rewritten: false });
    expect(acc.push('好')).toEqual({ text: '你好', delta: '好', rewritten: false });
    expect(acc.text).toBe('你好');
  });

  it('cumulative mode derives deltas from prefix extensions and flags rewrites', () => {
    const acc = createTextAccumulator('cumulative');
    expect(acc.push('I')).toEqual({ text: 'I', delta: 'I', rewritten: false });
    expect(acc.push('I can')).toEqual({ text: 'I can', delta: ' can', rewritten: false });
    expect(acc.push('I cannot')).toEqual({ text: 'I cannot', delta: 'not', rewritten: false });
    expect(acc.push('I will not')).toEqual({ text: 'I will not', delta: '', rewritten: true });
    expect(acc.push(null)).toEqual({ text: 'I will not', delta: '', rewritten: false });
    expect(acc.text).toBe('I will not');
    expect(acc.rewrites).toBe(1);
  });
});
