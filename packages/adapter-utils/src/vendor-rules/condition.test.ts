import { describe, expect, it } from 'vitest';
import { matches } from './condition.js';

describe('conditions', () => {
  const body = {
    base_resp: { status_code: 1026, status_msg: 'input new_sensitive' },
    flag: '2',
    need_clear_history: true,
    error: { code: '1301' },
  };

  it('tests fields: equals across types, notEquals, oneOf, gte, includes, startsWith, matches, isTrue, exists', () => {
    expect(matches({ path: 'base_resp.status_code', equals: '1026' }, { body })).toBe(true);
    expect(matches({ path: 'error.code', equals: 1301 }, { body })).toBe(true);
    expect(matches({ path: 'base_resp.status_code', exists: true, notEquals: 0 }, { body })).toBe(true);
    expect(matches({ path: 'missing', exists: true, notEquals: 0 }, { body })).toBe(false);
    expect(matches({ path: 'flag', gte: 2 }, { body })).toBe(true);
    expect(matches({ path: 'flag', gte: 3 }, { body })).toBe(false);
    expect(matches({ path: 'base_resp.status_msg', includes: 'SENSITIVE' }, { body })).toBe(true);
    expect(matches({ path: 'base_resp.status_msg', startsWith: 'output' }, { body })).toBe(false);
    expect(matches({ path: 'base_resp.status_msg', matches: '^input\\s' }, { body })).toBe(true);
    expect(matches({ path: 'need_clear_history', isTrue: true }, { body })).toBe(true);
    expect(matches({ path: 'base_resp.status_code', oneOf: [1002, 1039] }, { body })).toBe(false);
  });

  it('tests status and event, combines with all / any / not, and an empty condition never matches', () => {
    expect(matches({ status: [400, 429] }, { status: 429, body })).toBe(true);
    expect(matches({ statusAtLeast: 400 }, { status: undefined, body })).toBe(false);
    expect(matches({ event: 'error' }, { body, event: 'error' })).toBe(true);
    expect(matches({ all: [{ status: 400 }, { path: 'error.code', equals: '1301' }] }, { status: 400, body })).toBe(
      true,
    );
    expect(matches({ any: [{ status: 500 }, { not: { path: 'flag', equals: 2 } }] }, { status: 400, body })).toBe(
      false,
    );
    expect(matches({}, { body })).toBe(false);
  });
});
