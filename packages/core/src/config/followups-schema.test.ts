import { describe, expect, it } from 'vitest';
import { validateRunConfig } from './validate-run-config.js';

const base = {
  dataset: 'builtin:sample',
  models: [{ id: 'a', adapter: 'openai', model: 'm' }],
  judge: { adapter: 'openai', model: 'j' },
};
const attacker = { adapter: 'openai', model: 'qwen-max' };

function problems(followups: unknown): string[] {
  const r = validateRunConfig({ ...base, followups }, { baseDir: '/tmp' });
  return r.ok ? [] : r.problems.map((p) => `${p.path}: ${p.message}`);
}

describe('run config followups (adaptive), checked by followups-schema.ts', () => {
  it('fills the defaults: 2 turns, every strategy, seed 1, the 300-character cap', () => {
    const r = validateRunConfig({ ...base, followups: { mode: 'adaptive', attacker } }, { baseDir: '/tmp' });
    expect(r.ok && r.config.followups).toMatchObject({
      mode: 'adaptive',
      turns: 2,
      seed: 1,
      maxChars: 300,
      attacker: { model: 'qwen-max' },
    });
    expect(r.ok && r.config.followups?.strategies).toHaveLength(7);
  });

  it('names every bad field and the fix', () => {
    expect(
      problems({ mode: 'frozen', attacker, turns: 1, strategies: ['pressure', 'pressure', 'shouting'], extra: 1 }),
    ).toEqual([
      expect.stringMatching(
        /^followups\.mode: expected "adaptive", got "frozen"; frozen follow-ups are written into a dataset with "sc-safety dataset followups"/,
      ),
      expect.stringMatching(/^followups\.strategies\[2\]: /),
      'followups.strategies[1]: "pressure" is listed twice; list each strategy once',
      'followups.turns: expected 2 to 10 turns (the question is turn 1; 2 is the SC-Safety shape), got 1',
      expect.stringMatching(/^followups\.extra: unknown followups key/),
    ]);
    expect(problems({ mode: 'adaptive' })).toEqual([
      expect.stringMatching(/^followups\.attacker: required: the model that writes each next turn/),
    ]);
    expect(problems({ attacker })).toEqual([
      expect.stringMatching(/^followups\.mode: expected "adaptive", got nothing/),
    ]);
    expect(problems('adaptive')).toEqual([expect.stringMatching(/^followups: expected a mapping \{mode: adaptive/)]);
  });
});
