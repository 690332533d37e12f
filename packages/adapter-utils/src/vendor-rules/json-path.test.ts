import { describe, expect, it } from 'vitest';
import { getFirst, getPath, isJsonPath, parsePath, setPath } from './json-path.js';

describe('json path', () => {
  it('parses dotted names, [n] and .n indices and a leading $.', () => {
    expect(parsePath('output.choices[0].message.content')).toEqual(['output', 'choices', 0, 'message', 'content']);
    expect(parsePath('$.a.0.b[2][1]')).toEqual(['a', 0, 'b', 2, 1]);
    for (const bad of ['', 'a..b', 'a[x]', 'a b', '[0', '.a']) expect(isJsonPath(bad), bad).toBe(false);
  });

  it('reads safely and writes creating objects and arrays', () => {
    const body = { Response: { Choices: [{ Message: { Content: 'hi' } }] } };
    expect(getPath(body, 'Response.Choices[0].Message.Content')).toBe('hi');
    expect(getPath(body, 'Response.Choices[1].Message')).toBeUndefined();
    expect(getPath('text', 'a')).toBeUndefined();
    expect(getFirst({ b: 0 }, ['a', 'b'])).toBe(0);
    const target: Record<string, unknown> = {};
    setPath(target, 'payload.message.text', []);
    setPath(target, 'list[0].x', 1);
    expect(target).toEqual({ payload: { message: { text: [] } }, list: [{ x: 1 }] });
  });
});
