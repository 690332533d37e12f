import type { FinishReasonV1 } from '@sc-safety/spec';

/** Ollama's `done_reason` (`stop`, `length`, `load`, `unload`) → a finish reason. */
export function doneReason(raw: unknown): FinishReasonV1 {
  if (typeof raw !== 'string' || raw === '') return { unified: 'unknown', raw: undefined };
  if (raw === 'stop') return { unified: 'stop', raw };
  if (raw === 'length') return { unified: 'length', raw };
  return { unified: 'other', raw };
}
