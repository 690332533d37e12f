import type { AnswerRow } from './types.js';

/** Progress and diagnostics, emitted as the run goes. */
export type EngineEvent =
  | { type: 'row'; row: AnswerRow }
  | { type: 'retry'; lane: string; attempt: number; delayMs: number; errorKind: string }
  | { type: 'lane-stopped'; lane: string; reason: string; message: string };
