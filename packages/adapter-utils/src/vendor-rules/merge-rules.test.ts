import { describe, expect, it } from 'vitest';
import { findBlock } from './find-block.js';
import { findFailure } from './find-failure.js';
import { mergeRules } from './merge-rules.js';
import type { BlockRule, FailureRule } from './types.js';

describe('mergeRules', () => {
  const builtInBlock: BlockRule = {
    when: { path: 'code', equals: 'A' },
    stage: 'input',
    code: 'A',
    description: 'built in',
    signal: 'code=A',
  };
  const builtInFailure: FailureRule = { when: { path: 'code', equals: 'Q' }, kind: 'quota_exhausted' };

  it("puts the entry's rules first, so they add new codes and override built-in ones", () => {
    const userBlock: BlockRule = {
      when: { path: 'code', oneOf: ['A', 'B'] },
      stage: 'output',
      code: { path: 'code' },
      description: 'user',
      signal: 'user',
    };
    const userFailure: FailureRule = { when: { path: 'code', equals: 'Q' }, kind: 'rate_limited' };
    const merged = mergeRules(
      { blocks: [userBlock], failures: [userFailure] },
      { blocks: [builtInBlock], failures: [builtInFailure] },
    );
    expect(merged.blocks).toEqual([userBlock, builtInBlock]);
    expect(findBlock(merged.blocks, { body: { code: 'B' } })?.stage).toBe('output');
    expect(findBlock(merged.blocks, { body: { code: 'A' } })?.rule).toBe(userBlock);
    expect(findFailure(merged.failures, { body: { code: 'Q' } })?.kind).toBe('rate_limited');
  });

  it('keeps the built-in rules when the entry has none', () => {
    expect(mergeRules(undefined, { blocks: [builtInBlock] })).toEqual({ blocks: [builtInBlock], failures: [] });
  });
});
