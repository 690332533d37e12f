import { readFileSync } from 'node:fs';
import type { ResultsFile } from '@sc-safety/results';
import { buildResults } from '../build-results.js';
import type { BuildResultsInput } from '../build-results.js';
import { ITEMS, MANIFEST, MODELS, ROWS } from './rows.js';

/** A parsed results.json, read loosely: tests reach into any field and break it on purpose. */
export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** docs/results.schema.json, parsed. */
export const RESULTS_SCHEMA = JSON.parse(
  readFileSync(new URL('../../../../../docs/results.schema.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;

/**
 * buildResults over the shared fixture (ROWS, MODELS, MANIFEST, ITEMS of rows.ts); `input` sets the
 * scoring and the rest, and replaces any of the four.
 */
export function fixtureResults(input: Partial<BuildResultsInput> = {}): ResultsFile {
  return buildResults({ rows: ROWS, models: MODELS, manifest: MANIFEST, items: ITEMS, ...input });
}

/** A results file as a reader gets it: written as JSON and parsed back. */
export function asJson(results: ResultsFile): Json {
  return JSON.parse(JSON.stringify(results)) as Json;
}

/** A deep copy of `file` with one change. */
export function changedCopy(file: Json, change: (file: Json) => void): Json {
  const copy = structuredClone(file);
  change(copy);
  return copy;
}
