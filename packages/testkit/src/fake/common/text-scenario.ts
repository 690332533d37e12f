import type { FakeRequestContext } from '../server-base.js';
import type { FakeScenario } from '../types.js';
import { countTokens, splitText } from './split-text.js';

/** A scenario that plays a normal answer: `text`, or `empty` (a 200 answer with no content). */
export type AnswerScenario = Extract<FakeScenario, { kind: 'text' | 'empty' }>;

/** What a fake sends for an {@link AnswerScenario}, whatever its wire format. */
export interface PlannedAnswer {
  text: string;
  /** `length` when the scenario asks for a max-tokens stop; each fake spells it its vendor's way. */
  finish: 'stop' | 'length';
  usage: { input: number; output: number };
  /** Stream pieces: the scenario's `chunks`, else the text split in a few. */
  pieces: string[];
  /** Pause between streamed pieces, when the scenario asks for one. */
  chunkDelayMs?: number;
}

/**
 * Reads a text or empty scenario into what to send, with `inputTokens` as the prompt size unless
 * the scenario fixes the usage, and waits the scenario's `delayMs` first. Undefined when the
 * client went away during that wait: send nothing.
 */
export async function planAnswer(
  ctx: FakeRequestContext,
  scenario: AnswerScenario,
  inputTokens: number,
): Promise<PlannedAnswer | undefined> {
  if (scenario.kind === 'empty')
    return { text: '', finish: 'stop', usage: { input: inputTokens, output: 0 }, pieces: [] };
  if (scenario.delayMs && !(await ctx.delay(scenario.delayMs))) return undefined;
  const { text } = scenario;
  return {
    text,
    finish: scenario.finishReason === 'length' ? 'length' : 'stop',
    usage: {
      input: scenario.usage?.inputTokens ?? inputTokens,
      output: scenario.usage?.outputTokens ?? countTokens(text),
    },
    pieces: scenario.chunks ?? splitText(text),
    ...(scenario.chunkDelayMs === undefined ? {} : { chunkDelayMs: scenario.chunkDelayMs }),
  };
}

/** A text scenario as-is; `empty` as the text scenario it plays like (an answer of ''). */
export function asTextScenario(scenario: AnswerScenario): Extract<FakeScenario, { kind: 'text' }> {
  return scenario.kind === 'empty' ? { kind: 'text', text: '' } : scenario;
}
