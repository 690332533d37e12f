import type { CompletedResultV1, ServedModelV1 } from '@sc-safety/spec';
import { expect } from 'vitest';
import type { ConformanceCase } from './case.js';
import { describeResult, play } from './env.js';
import type { ResolvedConformanceOptions } from './options.js';

const SERVED_FIELDS = ['id', 'fingerprint', 'digest', 'path'] as const;

/** A served id and fingerprint no adapter could produce from its own config. */
const PLAYED = { id: 'conformance-served-2024-06-01', fingerprint: 'fp_conformance_7' } as const;

/**
 * The served-model case, for adapters that declare `reportsServedModel`: an answer whose vendor
 * names a model other than the one asked for must report that model (not echo its config), with
 * every field the fake recorded sending (the `/api/tags` digest, the `/props` path) equal to it.
 */
export function servedModelCases(options: ResolvedConformanceOptions): ConformanceCase[] {
  if (!options.supports.servedModel) return [];
  return [
    {
      id: 'served-model',
      title: 'reports the model the vendor says served the answer (servedModel), not the one asked for',
      run: async (env) => {
        const result = await play(env, { kind: 'text', text: 'Served.', served: PLAYED });
        expect(result.type, `expected a completed result, got ${describeResult(result)}`).toBe('completed');
        const served = (result as CompletedResultV1).servedModel;
        expect(served, 'an adapter that declares reportsServedModel must set servedModel').toBeDefined();
        const fields = served as ServedModelV1;
        for (const [name, value] of Object.entries(fields)) {
          expect(SERVED_FIELDS as readonly string[], `servedModel has an unknown field ${name}`).toContain(name);
          expect(typeof value === 'string' && value !== '', `servedModel.${name} must be a non-empty string`).toBe(
            true,
          );
        }
        const recorded = env.server.requests.find((r) => r.served !== undefined)?.served;
        expect(
          recorded,
          "the fake server recorded no served model: it must honour the scenario's `served`",
        ).toBeDefined();
        // What the answer itself carried must be reported as sent; fields the vendor reports
        // elsewhere (digest, path) must match when the adapter reports them.
        if (recorded?.id !== undefined)
          expect(fields.id, 'servedModel.id must be the model the response named').toBe(recorded.id);
        if (recorded?.fingerprint !== undefined)
          expect(fields.fingerprint, "servedModel.fingerprint must be the response's fingerprint").toBe(
            recorded.fingerprint,
          );
        for (const name of ['digest', 'path'] as const) {
          if (fields[name] !== undefined)
            expect(fields[name], `servedModel.${name} must be what the server reports`).toBe(recorded?.[name]);
        }
      },
    },
  ];
}
