import type { ConformanceCase } from './case.js';
import { blockCases } from './cases-blocks.js';
import { errorCases } from './cases-errors.js';
import { servedModelCases } from './cases-served.js';
import { successCases } from './cases-success.js';
import { resolveConformanceOptions } from './options.js';
import type { AdapterConformanceOptions } from './options.js';

/**
 * Every case the suite runs for these options (skipped ones included), in order. Exposed so a
 * single case can be run directly, e.g. to prove a broken adapter fails it.
 */
export function conformanceCases(options: AdapterConformanceOptions): ConformanceCase[] {
  const resolved = resolveConformanceOptions(options);
  return [...successCases(), ...servedModelCases(resolved), ...errorCases(resolved), ...blockCases(resolved)];
}

/** The ids `skip` accepts for these options. */
export function conformanceCaseIds(options: AdapterConformanceOptions): string[] {
  return conformanceCases(options).map((c) => c.id);
}
