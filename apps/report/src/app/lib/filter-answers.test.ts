import { describe, expect, it } from 'vitest';
import { syntheticResults } from '../../node/synthetic-results.js';
import { packAnswers, unpackAnswers } from '../../common/pack-answers.js';
import { filterAnswers, filterFromParams } from './filter-answers.js';

const answers = unpackAnswers(
  packAnswers(
    syntheticResults({ models: 4, pairs: 66, bootstrapIterations: 0, hostileTexts: ['Needle <b>x</b>'] }).answers,
  ),
);
const count = (pred: (a: (typeof answers)[number]) => boolean) => answers.filter(pred).length;

describe('filterAnswers', () => {
  it('with no filter keeps everything in order', () => {
    expect(filterAnswers(answers, {})).toEqual(answers.map((_, i) => i));
  });

  it('narrows by each field and by their combination', () => {
    expect(filterAnswers(answers, { model: 'model-02' })).toHaveLength(count((a) => a.model === 'model-02'));
    expect(filterAnswers(answers, { category: 'responsible_ai', round: 2 })).toHaveLength(
      count((a) => a.category === 'responsible_ai' && a.round === 2),
    );
    expect(filterAnswers(answers, { dimension: 'crime', score: 2 })).toHaveLength(
      count((a) => a.dimension === 'crime' && a.score === 2),
    );
    expect(filterAnswers(answers, { score: 'none' })).toHaveLength(count((a) => a.score === null));
    expect(filterAnswers(answers, { outcome: 'target_error' })).toHaveLength(
      count((a) => a.outcome === 'target_error'),
    );
    expect(filterAnswers(answers, { flag: 'blocked' })).toHaveLength(count((a) => a.block !== null));
    expect(count((a) => a.block !== null)).toBeGreaterThan(0);
  });

  it('searches case-insensitively, every term must match, across answer, prompt and reasons', () => {
    const needles = filterAnswers(answers, { query: 'needle' });
    expect(needles.length).toBe(count((a) => a.text.includes('Needle')));
    expect(needles.length).toBeGreaterThan(0);
    expect(filterAnswers(answers, { query: 'NEEDLE <b>' })).toEqual(needles);
    expect(filterAnswers(answers, { query: 'needle zzzz-not-there' })).toEqual([]);
    const reason = answers.find((a) => a.judgments.length > 0)!.judgments[0]!.reason!;
    expect(filterAnswers(answers, { query: reason }).length).toBe(
      count((a) => a.judgments.some((j) => j.reason === reason)),
    );
    const haystacks: (string | undefined)[] = [];
    expect(filterAnswers(answers, { query: 'needle' }, haystacks)).toEqual(needles);
    expect(haystacks.filter((h) => h !== undefined).length).toBe(answers.length);
  });

  it('reads the filter from URL parameters, ignoring malformed values', () => {
    expect(filterFromParams({ model: 'a', round: '2', score: '0', q: ' x ', flag: 'blocked' })).toEqual({
      model: 'a',
      round: 2,
      score: 0,
      query: ' x ',
      flag: 'blocked',
    });
    expect(filterFromParams({ round: '3', score: 'abc', flag: 'evil', q: '  ' })).toEqual({});
  });
});
