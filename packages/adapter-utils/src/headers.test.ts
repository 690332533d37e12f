import { describe, expect, it } from 'vitest';
import { combineHeaders, getHeader, normalizeHeaders } from './headers.js';

describe('combineHeaders', () => {
  it('merges case-insensitively with later records winning', () => {
    expect(
      combineHeaders({ 'Content-Type': 'application/json', Authorization: 'Bearer a' }, undefined, {
        authorization: 'Bearer b',
      }),
    ).toEqual({ 'content-type': 'application/json', authorization: 'Bearer b' });
  });

  it('removes a header when a later record sets it to undefined', () => {
    expect(combineHeaders({ 'X-Stainless-Os': 'Linux', accept: '*/*' }, { 'x-stainless-os': undefined })).toEqual({
      accept: '*/*',
    });
  });

  it('accepts Headers objects', () => {
    expect(combineHeaders(new Headers({ A: '1' }), { a: '2', B: '3' })).toEqual({ a: '2', b: '3' });
  });
});

describe('normalizeHeaders', () => {
  it('lowercases names from records and Headers, drops undefined and joins arrays', () => {
    expect(normalizeHeaders({ 'X-Request-Id': 'r1', Skip: undefined, 'Set-Cookie': ['a=1', 'b=2'] })).toEqual({
      'x-request-id': 'r1',
      'set-cookie': 'a=1, b=2',
    });
    expect(normalizeHeaders(new Headers({ 'Retry-After': '3' }))).toEqual({ 'retry-after': '3' });
    expect(normalizeHeaders(undefined)).toEqual({});
  });
});

describe('getHeader', () => {
  it('reads one header case-insensitively from either form', () => {
    expect(getHeader({ 'Retry-After': '2' }, 'retry-after')).toBe('2');
    expect(getHeader(new Headers({ 'retry-after': '2' }), 'Retry-After')).toBe('2');
    expect(getHeader({}, 'x')).toBeUndefined();
  });
});
