import { describe, expect, it } from 'vitest';
import { validateAgainstSchema } from './__fixtures__/mini-json-schema.js';
import { validateResultsFile } from '@sc-safety/results';
import { RESULTS_SCHEMA as schema, asJson, changedCopy, fixtureResults } from './__fixtures__/results-file.js';
import type { Json } from './__fixtures__/results-file.js';

const good = asJson(fixtureResults({ scoring: { bootstrap: { iterations: 50 } } }));

/** A deep copy of the good file with one change. */
const broken = (change: (file: Json) => void): Json => changedCopy(good, change);

describe('validateResultsFile', () => {
  it('accepts a built file, and extra fields (additive changes)', () => {
    expect(validateResultsFile(good)).toEqual([]);
    expect(validateResultsFile(broken((f) => (f.newTopLevelThing = { x: 1 })))).toEqual([]);
  });

  it('writes version 3 and still reads version-1 and version-2 files (no not_asked rows, pooled delta; two rounds)', () => {
    expect(good.schemaVersion).toBe(3);
    const v2 = broken((f) => (f.schemaVersion = 2));
    expect(validateResultsFile(v2)).toEqual([]);
    expect(validateAgainstSchema(schema, v2)).toEqual([]);
    const v1 = broken((f) => {
      f.schemaVersion = 1;
      f.answers = (f.answers as Json[]).filter((a) => a.outcome !== 'not_asked');
    });
    expect(validateResultsFile(v1)).toEqual([]);
    expect(validateAgainstSchema(schema, v1)).toEqual([]);
  });

  it.each([
    ['not an object', [1, 2], '$: expected an object, got array'],
    ['wrong format', broken((f) => (f.format = 'something-else')), 'format: expected "sc-safety/results"'],
    [
      'newer schema',
      broken((f) => (f.schemaVersion = 4)),
      'schemaVersion: file has schema version 4, newer than this reader',
    ],
    [
      'missing fingerprint',
      broken((f) => delete f.manifest.dataset.fingerprint),
      'manifest.dataset.fingerprint: expected a string, got undefined',
    ],
    [
      'bad status',
      broken((f) => (f.manifest.status = 'done')),
      'manifest.status: expected one of "complete", "interrupted", "partial", "failed", got "done"',
    ],
    ['model without id', broken((f) => delete f.models[1].id), 'models[1].id: expected a string'],
    [
      'unknown outcome',
      broken((f) => (f.answers[3].outcome = 'refused')),
      'answers[3].outcome: expected one of "scored", "blocked"',
    ],
    [
      'score on an unscored answer',
      broken((f) => (f.answers[4].score = 1)),
      'answers[4].score: must be null when outcome is "blocked", got 1',
    ],
    [
      'scored answer without score',
      broken((f) => (f.answers[0].score = null)),
      'answers[0].score: expected a whole number, got null',
    ],
    ['bad round', broken((f) => (f.answers[0].round = 3)), 'answers[0].round: expected one of 1, 2, got 3'],
    ['unknown category', broken((f) => (f.answers[0].category = '传统安全类')), 'answers[0].category: expected one of'],
    // Cross-references JSON Schema cannot express: the validator alone catches them.
    [
      'answer of an unlisted model',
      () => broken((f) => (f.answers[0].model = 'ghost')),
      'answers[0].model: "ghost" is not in models',
    ],
    [
      'bad judge outcome',
      broken((f) => (f.answers[0].judgments[0].outcome = 'ok')),
      'answers[0].judgments[0].outcome: expected one of',
    ],
    [
      'total as a string',
      broken((f) => (f.leaderboard.models.alpha.total = '62.50')),
      'leaderboard.models["alpha"].total: expected a number or null, got string',
    ],
    [
      'missing category',
      broken((f) => delete f.leaderboard.models['千问-7B'].categories.responsible_ai),
      'leaderboard.models["千问-7B"].categories.responsible_ai: expected an object, got undefined',
    ],
    [
      'missing delta',
      broken((f) => delete f.leaderboard.models.alpha.categories.traditional_safety.delta),
      'leaderboard.models["alpha"].categories.traditional_safety.delta: expected a number or null',
    ],
    [
      'listed model missing from the leaderboard',
      () => broken((f) => delete f.leaderboard.models.reference),
      'leaderboard.models: model "reference" is missing',
    ],
    [
      'missing board',
      broken((f) => delete f.leaderboard.boards.multiRound),
      'leaderboard.boards.multiRound: expected an object',
    ],
    ['missing agreement', broken((f) => delete f.agreement), 'agreement: missing'],
    [
      'matched pairs as a string',
      broken((f) => (f.leaderboard.models.alpha.matchedPairs = '2')),
      'leaderboard.models["alpha"].matchedPairs: expected a whole number',
    ],
    [
      'bounds without best',
      broken((f) => delete f.leaderboard.models.alpha.bounds.best),
      'leaderboard.models["alpha"].bounds.best: expected a number',
    ],
    [
      'comparison without difference',
      broken((f) => (f.leaderboard.comparisons.all[0].difference = 'big')),
      'leaderboard.comparisons.all[0].difference: expected a number or null',
    ],
    [
      'comparison of an unlisted model',
      () => broken((f) => (f.leaderboard.comparisons.all[0].a = 'ghost')),
      'leaderboard.comparisons.all[0].a: "ghost" is not in models',
    ],
    [
      'distinguishable as a string',
      broken((f) => (f.leaderboard.comparisons.categories.responsible_ai[0].distinguishable = 'no')),
      'leaderboard.comparisons.categories.responsible_ai[0].distinguishable: expected a boolean or null',
    ],
  ])('reports %s (and the JSON Schema rejects it unless it is a cross-reference)', (_name, file, problem) => {
    const json: unknown = typeof file === 'function' ? file() : file;
    const problems = validateResultsFile(json);
    expect(
      problems.some((p) => p.startsWith(problem)),
      problems.join('\n'),
    ).toBe(true);
    if (typeof file !== 'function') expect(validateAgainstSchema(schema, json)).not.toEqual([]);
  });

  it('accepts a not-asked answer, and an older file without the statistics added within version 1', () => {
    const notAsked = broken((f) => {
      Object.assign(f.answers[5], { outcome: 'not_asked', score: null, error: null });
    });
    expect(validateResultsFile(notAsked)).toEqual([]);
    expect(validateAgainstSchema(schema, notAsked)).toEqual([]);
    const older = broken((f) => {
      delete f.leaderboard.comparisons;
      delete f.leaderboard.bootstrap.strata;
      for (const m of Object.values(f.leaderboard.models) as Json[]) {
        delete m.matchedPairs;
        delete m.bounds;
      }
    });
    expect(validateResultsFile(older)).toEqual([]);
    expect(validateAgainstSchema(schema, older)).toEqual([]);
  });

  it('caps the list of problems', () => {
    const bad = broken((f) => f.answers.forEach((a: Json) => (a.outcome = 'nope')));
    const problems = validateResultsFile(bad, { maxProblems: 5 });
    expect(problems).toHaveLength(6);
    expect(problems[5]).toMatch(/^… and \d+ more problems$/);
  });
});

describe('docs/results.schema.json', () => {
  it('is a draft 2020-12 schema that accepts a built file', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(validateAgainstSchema(schema, good)).toEqual([]);
  });

  it('requires what the validator requires', () => {
    expect(
      validateAgainstSchema(
        schema,
        broken((f) => delete f.manifest.dataset.fingerprint),
      ),
    ).toContain('$.manifest.dataset: missing fingerprint');
    expect(
      validateAgainstSchema(
        schema,
        broken((f) => (f.answers[2].outcome = 'refused')),
      ),
    ).toContain('$.answers[2].outcome: not in enum');
    expect(
      validateAgainstSchema(
        schema,
        broken((f) => delete f.leaderboard.models.alpha.categories.instruction_attack),
      ),
    ).toContain('$.leaderboard.models.alpha.categories: missing instruction_attack');
    expect(
      validateAgainstSchema(
        schema,
        broken((f) => (f.schemaVersion = 4)),
      ),
    ).toContain('$.schemaVersion: not in enum');
  });
});
