import type { BlockedResultV1 } from '@sc-safety/spec';
import { expect } from 'vitest';
import type { ConformanceCase } from './case.js';
import { describeError, describeResult, play } from './env.js';
import type { ConformanceBlockCase, ResolvedConformanceOptions } from './options.js';

/** The text the server streams before an output block. */
export const CONFORMANCE_PARTIAL_TEXT = 'Here is the first part of the';

/** Stable id of a block case, for `skip`. */
export function blockCaseId(block: ConformanceBlockCase): string {
  return `block:${block.signal}:${block.stage}`;
}

/** One case per configured block: a `blocked` result with the right stage, a code, partial text. */
export function blockCases(options: ResolvedConformanceOptions): ConformanceCase[] {
  return options.blocks.map((block) => ({
    id: blockCaseId(block),
    title: `vendor block ${block.signal} (${block.stage}) → blocked result, stage ${block.expectStage ?? block.stage}${block.expectPartialText ? ', partial text kept' : ''}`,
    run: async (env) => {
      const partialText = block.stage === 'output' ? CONFORMANCE_PARTIAL_TEXT : undefined;
      const outcome = await play(env, { kind: 'block', signal: block.signal, stage: block.stage, partialText }).then(
        (result) => ({ result }),
        (error: unknown) => ({ error }),
      );
      if ('error' in outcome) {
        throw new Error(
          `a vendor block is a result, not an error; generate rejected with ${describeError(outcome.error)} (a 501 means the fake's vendor cannot play this signal)`,
        );
      }
      expect(outcome.result.type, `expected blocked, got ${describeResult(outcome.result)}`).toBe('blocked');
      const result = outcome.result as BlockedResultV1;
      expect(result.stage).toBe(block.expectStage ?? block.stage);
      expect(typeof result.code === 'string' && result.code !== '', 'code must be a non-empty string').toBe(true);
      if (block.expectCode !== undefined) expect(result.code).toBe(block.expectCode);
      expect(typeof result.message).toBe('string');
      expect(Array.isArray(result.warnings), 'warnings must be an array').toBe(true);
      if (block.expectPartialText) expect(result.partialText).toBe(CONFORMANCE_PARTIAL_TEXT);
      expect(env.server.requests.length, 'a block is never retried').toBe(1);
      expect(JSON.stringify(result)).not.toContain(env.options.apiKey);
    },
  }));
}
