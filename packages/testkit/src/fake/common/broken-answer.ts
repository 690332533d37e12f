import type { FakeRequestContext } from '../server-base.js';
import type { FakeScenario } from '../types.js';
import { sendBrokenJson, sendHalfJson } from './broken-body.js';
import { splitText } from './split-text.js';
import { endTruncated, truncatedText } from './truncated.js';

/** One step of writing a stream; `false` means the client has gone and nothing more is written. */
type StreamStep = boolean | void | Promise<boolean | void>;

/** The scenarios that play a broken answer: not JSON, or cut off. */
export type BrokenAnswerScenario = Extract<FakeScenario, { kind: 'malformed-json' | 'truncated-stream' }>;

/**
 * How one fake writes a broken answer in its vendor's wire format; {@link playBrokenAnswer} holds
 * what every fake does the same way (which body or frame breaks, and how the answer ends).
 */
export interface BrokenAnswerWire {
  /** Whether the request asked for a stream. */
  stream: boolean;
  /** Headers of a non-streamed broken body. */
  headers?: Record<string, string>;
  /** `malformed-json`, not streaming: the start of the vendor's answer, cut before its JSON closes. */
  brokenBody: string;
  /** `truncated-stream`, not streaming: the whole answer holding `text` (half of it is sent). */
  wholeAnswer(text: string): unknown;
  /** Sends the stream's head (and any opening frames). */
  startStream(): StreamStep;
  /** `malformed-json`, streaming: writes a frame that is not JSON and whatever the vendor sends after it. */
  writeBrokenStream(): void | Promise<void>;
  /** `truncated-stream`, streaming: writes the pieces as the vendor's frames. */
  writePieces(pieces: string[]): StreamStep;
  /** How the vendor splits a text into stream pieces; default {@link splitText}. */
  split?(text: string): string[];
}

/**
 * Plays `malformed-json` (a 200 body, or one stream frame, that is not JSON; the stream then ends
 * normally) or `truncated-stream` (a body cut short of its Content-Length, or a stream that stops
 * mid-answer as the scenario's `cut` says).
 */
export async function playBrokenAnswer(
  ctx: FakeRequestContext,
  scenario: BrokenAnswerScenario,
  wire: BrokenAnswerWire,
): Promise<void> {
  const text = scenario.kind === 'truncated-stream' ? truncatedText(scenario) : '';
  if (!wire.stream) {
    if (scenario.kind === 'malformed-json') sendBrokenJson(ctx, wire.brokenBody, wire.headers);
    else sendHalfJson(ctx, wire.wholeAnswer(text), wire.headers);
    return;
  }
  if ((await wire.startStream()) === false) return;
  if (scenario.kind === 'malformed-json') {
    await wire.writeBrokenStream();
    if (!ctx.res.writableEnded) ctx.res.end();
    return;
  }
  if ((await wire.writePieces((wire.split ?? splitText)(text))) === false) return;
  endTruncated(ctx, scenario.cut);
}
