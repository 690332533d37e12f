import { describe, expect, it } from 'vitest';
import {
  configModelId,
  extraTurnsWarningOf,
  hasExtraTurns,
  judgeTargetWarnings,
  servedChangeWarnings,
} from './run-warnings.js';

describe('run warnings', () => {
  const targets = [
    { id: 'gpt', adapter: 'openai', model: 'gpt-4o' },
    { id: 'claude', adapter: 'anthropic', model: 'claude-sonnet-4-5' },
  ];

  it('a judge with the same adapter and model id as a target', () => {
    const warnings = judgeTargetWarnings(targets, [{ id: 'judge', adapter: 'openai', model: 'gpt-4o' }]);
    expect(warnings).toEqual([
      {
        code: 'judge-is-target',
        message:
          'judge judge is also a model under test (gpt; same adapter and model: openai, gpt-4o): it grades its own answers.',
        models: ['gpt', 'judge'],
      },
    ]);
    expect(judgeTargetWarnings(targets, [{ id: 'judge', adapter: 'anthropic', model: 'gpt-4o' }])).toEqual([]);
  });

  it('a judge served the same model id as a target, under another name', () => {
    const served = {
      targets: { gpt: { versions: [{ id: 'gpt-4o-2024-08-06', answers: 3 }], unreported: 0, changed: false } },
      judges: new Map([['judge', new Set(['gpt-4o-2024-08-06'])]]),
    };
    const warnings = judgeTargetWarnings(
      targets,
      [{ id: 'judge', adapter: 'openai', model: 'gpt-4o-latest-alias' }],
      served,
    );
    expect(warnings.map((w) => w.message)).toEqual([
      'judge judge is also a model under test (gpt; both served by gpt-4o-2024-08-06): it grades its own answers.',
    ]);
  });

  it('a served model that changed mid-run', () => {
    const warnings = servedChangeWarnings({
      gpt: {
        versions: [
          { id: 'a', answers: 2 },
          { id: 'b', answers: 1 },
        ],
        unreported: 0,
        changed: true,
      },
      claude: { versions: [{ id: 'c', answers: 3 }], unreported: 0, changed: false },
    });
    expect(warnings).toEqual([
      {
        code: 'served-model-changed',
        message: 'gpt: the served model changed mid-run (2 versions: a × 2, b × 1); its scores mix them.',
        models: ['gpt'],
        count: 2,
      },
    ]);
  });

  it('items with more turns than the run asks, counted once', () => {
    const warningOf = (items: { turns: string[] }[]) => extraTurnsWarningOf(items.filter(hasExtraTurns).length);
    expect(warningOf([{ turns: ['q', 'f'] }, { turns: ['q'] }])).toBeUndefined();
    expect(warningOf([{ turns: ['q', 'f', 'g'] }, { turns: ['q', 'f', 'g', 'h'] }, { turns: ['q', 'f'] }])).toEqual({
      code: 'extra-turns',
      message: '2 dataset item(s) have more than 2 turns; a run asks 2 rounds, so their later turns are not asked.',
      count: 2,
    });
  });

  it('reads the model id of an adapter config', () => {
    expect(configModelId({ model: 'qwen-max', baseURL: 'x' })).toBe('qwen-max');
    expect(configModelId({})).toBeUndefined();
    expect(configModelId(null)).toBeUndefined();
  });
});
