import { describe, expect, it } from 'vitest';
import { splitIssuePath, validateRuleOverrides } from './validate-rules.js';

describe('validateRuleOverrides', () => {
  it('accepts well-formed block and failure rules, and an entry without any', () => {
    expect(validateRuleOverrides({})).toEqual([]);
    expect(
      validateRuleOverrides({
        blocks: [
          {
            on: 'error',
            when: { path: 'error.code', equals: 'new_filter' },
            stage: { path: 'error.side', map: { prompt: 'input' }, otherwise: 'unknown' },
            code: { path: 'error.code' },
            description: 'the new content filter',
            signal: 'error.code=new_filter',
          },
        ],
        failures: [
          {
            when: { any: [{ status: 402 }, { path: 'error.code', oneOf: ['E1', 'E2'] }] },
            kind: 'quota_exhausted',
            retryAfter: [{ headers: true }],
          },
        ],
      }),
    ).toEqual([]);
  });

  it('names every wrong field with what was expected', () => {
    const issues = validateRuleOverrides({
      blocks: [
        {
          when: { path: 'error..code', equals: 'x' },
          stage: 'sideways',
          code: '',
          description: 'd',
          signal: 's',
          colour: 'red',
          on: 'both',
        },
        'rule',
      ],
      failures: [
        { when: {}, kind: 'slow' },
        { when: { equals: 1 }, kind: 'auth', retryAfter: [{ messagePattern: 'no group' }] },
      ],
    });
    const byPath = Object.fromEntries(issues.map((i) => [i.path, i.message]));
    expect(byPath['blocks[0].when.path']).toMatch(/expected a JSON path such as/);
    expect(byPath['blocks[0].stage']).toMatch(/expected input, output, unknown/);
    expect(byPath['blocks[0].code']).toBe('expected a non-empty code');
    expect(byPath['blocks[0].colour']).toMatch(/unknown field; known fields: on, when, effect, stage/);
    expect(byPath['blocks[0].on']).toMatch(/expected error .* or response/);
    expect(byPath['blocks[1]']).toMatch(/^expected \{ when, stage, code, description, signal/);
    expect(byPath['failures[0].when']).toMatch(/an empty condition never matches/);
    expect(byPath['failures[0].kind']).toMatch(/expected one of rate_limited, quota_exhausted, auth/);
    expect(byPath['failures[1].when.path']).toBe('equals need a "path" to test');
    expect(byPath['failures[1].retryAfter[0].messagePattern']).toMatch(/capture group/);
  });

  it('refuses a list that is not a list', () => {
    expect(validateRuleOverrides({ blocks: { when: {} } })).toEqual([{ path: 'blocks', message: 'expected a list' }]);
  });
});

describe('splitIssuePath', () => {
  it('turns a dotted path with indices into config path segments', () => {
    expect(splitIssuePath('blocks[0].when.any[2].path')).toEqual(['blocks', 0, 'when', 'any', 2, 'path']);
  });
});
