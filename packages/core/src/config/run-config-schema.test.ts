import { describe, expect, it } from 'vitest';
import { validateRunConfig } from './validate-run-config.js';

const BASE = { dataset: 'builtin:sample', models: [{ id: 'a', adapter: 'openai', model: 'm' }] };

function problems(value: unknown, options: { expandedPaths?: Set<string>; judgeOnly?: boolean } = {}): string[] {
  const result = validateRunConfig(value, { baseDir: '/tmp', ...options });
  return result.ok ? [] : result.problems.map((p) => `${p.path}: ${p.message}`);
}

describe('the run-config schema', () => {
  it('reads numeric text as a number only where it came from ${VAR}', () => {
    const value = { ...BASE, limit: '5', models: [{ ...BASE.models[0], concurrency: '12' }] };
    expect(problems(value)).toEqual([
      'models[0].concurrency: expected a positive integer, got "12"',
      'limit: expected a non-negative integer, got "5"',
    ]);
    const result = validateRunConfig(value, {
      baseDir: '/tmp',
      expandedPaths: new Set(['limit', 'models[0].concurrency']),
    });
    expect(result.ok && [result.config.limit, result.config.models[0]?.concurrency]).toEqual([5, 12]);
  });

  it('takes the judge check out of the judge entry and fills its set', () => {
    const result = validateRunConfig(
      { ...BASE, judge: { adapter: 'openai', model: 'j', check: { minKappa: 0.6 } } },
      { baseDir: '/tmp' },
    );
    expect(result.ok && result.config.judgeCheck).toEqual({ minKappa: 0.6, set: 'builtin:judge-check' });
    expect(result.ok && result.config.judge?.extra).toEqual({});
    expect(problems({ ...BASE, judge: { adapter: 'openai', model: 'j', check: { minKappa: 2, sett: 'x' } } })).toEqual([
      "judge.check.minKappa: expected a number from -1 to 1 (κ's range), got 2",
      'judge.check.sett: unknown judge-check setting; did you mean "set"?',
    ]);
  });

  it('bounds epochs and keeps them off judges', () => {
    expect(problems({ ...BASE, epochs: 21, judge: { adapter: 'openai', model: 'j', epochs: 2 } })).toEqual([
      'judge.epochs: not allowed on a judge: epochs repeat the questions asked of a model under test',
      'epochs: at most 20 epochs (each epoch asks every item again), got 21',
    ]);
  });

  it('describes a secret field by type only', () => {
    expect(problems({ ...BASE, models: [{ ...BASE.models[0], apiKey: 123456789 }] })).toEqual([
      'models[0].apiKey: expected a string, got a number',
    ]);
  });

  it('asks a judge-only file for a judge, not for models', () => {
    expect(problems({}, { judgeOnly: true })).toEqual([
      'judge: required: the judge to check ("judge:" with adapter and model) or a panel ("judges:")',
    ]);
  });
});
