import { describe, expect, it } from 'vitest';
import { MANIFEST, MODELS, ROWS } from './__fixtures__/rows.js';
import { validateAgainstSchema } from './__fixtures__/mini-json-schema.js';
import { validateResultsFile } from '@sc-safety/results';
import { RESULTS_SCHEMA as schema, asJson, changedCopy, fixtureResults } from './__fixtures__/results-file.js';
import type { Json } from './__fixtures__/results-file.js';

// A built file whose first model's answers name a served model that changed, with the manifest's summary.
const rows = ROWS.map((row, i) =>
  row.model === MODELS[0]!.id
    ? { ...row, servedModel: { id: i % 2 === 0 ? 'gpt-4o-2024-08-06' : 'gpt-4o-2024-11-20', fingerprint: 'fp_1' } }
    : row,
);
const manifest = {
  ...MANIFEST,
  servedModels: {
    [MODELS[0]!.id]: {
      versions: [
        { id: 'gpt-4o-2024-08-06', fingerprint: 'fp_1', answers: 2 },
        { id: 'gpt-4o-2024-11-20', fingerprint: 'fp_1', answers: 1 },
      ],
      unreported: 0,
      changed: true,
    },
  },
  warnings: [
    { code: 'served-model-changed', message: 'the served model changed mid-run', models: [MODELS[0]!.id], count: 2 },
  ],
};
const good = asJson(fixtureResults({ rows, manifest, scoring: { bootstrap: false } }));

const broken = (change: (file: Json) => void): Json => changedCopy(good, change);

describe('results.json served-model fields', () => {
  it('answers carry servedModel as recorded, and the validator and the JSON Schema accept the file', () => {
    expect((good.answers as Json[]).filter((a) => a.servedModel !== undefined).length).toBeGreaterThan(0);
    expect(good.answers[0].servedModel).toEqual({ id: 'gpt-4o-2024-08-06', fingerprint: 'fp_1' });
    expect(validateResultsFile(good)).toEqual([]);
    expect(validateAgainstSchema(schema, good)).toEqual([]);
  });

  it.each([
    [
      'a served field that is not a string',
      (f: Json) => (f.answers[0].servedModel.id = 42),
      'answers[0].servedModel.id: expected a string, got number',
    ],
    [
      'an unknown served field',
      (f: Json) => (f.answers[0].servedModel.build = 'b1'),
      'answers[0].servedModel.build: unknown field',
    ],
    [
      'a judgment servedModel that is not an object',
      (f: Json) => (f.answers[0].judgments[0].servedModel = 'gpt'),
      'answers[0].judgments[0].servedModel: expected an object',
    ],
    [
      'a change flag that is not a boolean',
      (f: Json) => (f.manifest.servedModels[MODELS[0]!.id].changed = 'yes'),
      `manifest.servedModels["${MODELS[0]!.id}"].changed: expected a boolean`,
    ],
    [
      'a version without its count',
      (f: Json) => delete f.manifest.servedModels[MODELS[0]!.id].versions[0].answers,
      `manifest.servedModels["${MODELS[0]!.id}"].versions[0].answers: expected a whole number`,
    ],
    [
      'a warning without a message',
      (f: Json) => delete f.manifest.warnings[0].message,
      'manifest.warnings[0].message: expected a string',
    ],
  ])('reports %s, and the JSON Schema rejects it', (_name, change, problem) => {
    const file = broken(change);
    const problems = validateResultsFile(file);
    expect(
      problems.some((p) => p.startsWith(problem)),
      problems.join('\n'),
    ).toBe(true);
    expect(validateAgainstSchema(schema, file)).not.toEqual([]);
  });

  it('accepts files written before the fields existed', () => {
    const old = broken((f) => {
      delete f.manifest.servedModels;
      delete f.manifest.warnings;
      for (const a of f.answers as Json[]) delete a.servedModel;
    });
    expect(validateResultsFile(old)).toEqual([]);
    expect(validateAgainstSchema(schema, old)).toEqual([]);
  });
});
