import type { GenerateResultV1 } from '@sc-safety/spec';
import type { EngineStoredAnswer } from './engine-store.js';
import type { AnswerError } from './types.js';

type Completed = Extract<GenerateResultV1, { type: 'completed' }>;
type Blocked = Extract<GenerateResultV1, { type: 'blocked' }>;

/** What asking one turn ended in. */
export type AnswerState =
  | { kind: 'completed'; key: string; result: Completed; cached: boolean; latencyMs: number; attempts: number }
  | { kind: 'blocked'; key: string; result: Blocked; cached: boolean; latencyMs: number; attempts: number }
  | { kind: 'error'; key?: string; error: AnswerError }
  | { kind: 'interrupted' };

/** Interrupted (Ctrl-C) work: nothing is recorded for it, the re-run picks it up. */
export class Interrupted extends Error {}

/** A stored answer as the state of its turn (`cached`). */
export function stateFromStored(hit: EngineStoredAnswer): AnswerState {
  const result = hit.result as GenerateResultV1;
  const base = { key: hit.key, cached: true, latencyMs: hit.latencyMs, attempts: hit.attempts };
  return result.type === 'blocked'
    ? { kind: 'blocked', ...base, result }
    : { kind: 'completed', ...base, result: result as Completed };
}
