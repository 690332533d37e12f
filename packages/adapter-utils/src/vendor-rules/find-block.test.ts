import { describe, expect, it } from 'vitest';
import { findBlock, flagWarning } from './find-block.js';
import type { BlockRule } from './types.js';
import { dashscopeStage } from './vendors/dashscope.js';

const ROLE_RULE: BlockRule = {
  when: { path: 'error.code', equals: '1301' },
  stage: { path: 'contentFilter[0].role', map: { user: 'input', assistant: 'output' }, otherwise: 'unknown' },
  code: '1301',
  description: 'unsafe content',
  details: { level: 'contentFilter[0].level' },
  signal: 'error.code=1301',
};

describe('findBlock', () => {
  it('resolves the first matching rule: stage from a field map, literal code, details, the signal', () => {
    const body = { error: { code: 1301, message: 'sensitive' }, contentFilter: [{ role: 'user', level: 2 }] };
    expect(findBlock([ROLE_RULE], { status: 400, body })).toMatchObject({
      effect: 'block',
      stage: 'input',
      code: '1301',
      details: { signal: 'error.code=1301', level: 2 },
    });
    expect(findBlock([ROLE_RULE], { body: { error: { code: '1301' } } })?.stage).toBe('unknown');
    expect(findBlock([ROLE_RULE], { body: { error: { code: '1302' } } })).toBeUndefined();
  });

  it('reads the stage from a message prefix, longest wording first (DashScope)', () => {
    const rule: BlockRule = {
      when: { path: 'code', exists: true },
      stage: dashscopeStage('message'),
      code: 'x',
      description: 'd',
      signal: 's',
    };
    const stage = (message: string): string | undefined =>
      findBlock([rule], { body: { code: 'DataInspectionFailed', message } })?.stage;
    expect(stage('Input or output data may contain inappropriate content.')).toBe('unknown');
    expect(stage('Input data may contain inappropriate content.')).toBe('input');
    expect(stage('  output data may contain inappropriate content.')).toBe('output');
    expect(stage('Something else')).toBe('unknown');
  });

  it('reads the code from the body, falling back to the signal; the message from its path, the adapter default, then the description', () => {
    const rule: BlockRule = {
      when: { status: 400 },
      stage: 'input',
      code: { path: 'error.code' },
      message: 'msg',
      description: 'what it means',
      signal: 'sig',
    };
    expect(findBlock([rule], { status: 400, body: { error: { code: 'New' }, msg: 'vendor words' } })).toMatchObject({
      code: 'New',
      message: 'vendor words',
    });
    expect(findBlock([rule], { status: 400, body: {} })).toMatchObject({ code: 'sig', message: 'what it means' });
    const noPath: BlockRule = { ...rule, message: undefined };
    delete noPath.message;
    expect(
      findBlock(
        [noPath],
        { status: 400, body: { m: 'default words' } },
        { defaultMessage: (b) => (b as { m: string }).m },
      )?.message,
    ).toBe('default words');
    expect(
      findBlock([noPath], { status: 400, body: { m: ' ' } }, { defaultMessage: (b) => (b as { m: string }).m })
        ?.message,
    ).toBe('what it means');
  });

  it('skips rules written for the other kind of body; rules without `on` see both', () => {
    const onError: BlockRule = {
      on: 'error',
      when: { path: 'x', exists: true },
      stage: 'input',
      code: 'e',
      description: 'd',
      signal: 'e',
    };
    const either: BlockRule = {
      when: { path: 'x', exists: true },
      stage: 'output',
      code: 'any',
      description: 'd',
      signal: 'any',
    };
    const subject = { body: { x: 1 } };
    expect(findBlock([onError, either], subject, { on: 'response' })?.code).toBe('any');
    expect(findBlock([onError, either], subject, { on: 'error' })?.code).toBe('e');
    expect(findBlock([onError, either], subject)?.code).toBe('e');
  });

  it('a flag rule keeps the answer; its warning names the signal, code, message and details', () => {
    const rule: BlockRule = {
      effect: 'flag',
      when: { path: 'flag', gte: 1 },
      stage: 'unknown',
      code: 'flag',
      description: 'low risk',
      details: { flag: 'flag' },
      signal: 'flag>=1',
    };
    const match = findBlock([rule], { body: { flag: 1 } });
    expect(match?.effect).toBe('flag');
    expect(flagWarning(match!)).toEqual({
      type: 'other',
      setting: 'moderation',
      message: 'Vendor moderation flag flag>=1 (flag): low risk [flag=1]',
    });
  });
});
