import type { AnswerRow, EngineItem } from './types.js';

/** Progress and diagnostics, emitted as the run goes. */
export type EngineEvent =
  /** A finished row, with the dataset item it answers. */
  | { type: 'row'; row: AnswerRow; item: EngineItem }
  | { type: 'retry'; lane: string; attempt: number; delayMs: number; errorKind: string }
  | { type: 'lane-stopped'; lane: string; reason: string; message: string };
