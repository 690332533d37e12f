import type { FakeRespondContext } from '../server-base.js';
import type { FakeUsage } from '../types.js';
import type { BrokenAnswerWire } from '../common/broken-answer.js';
import { asTextScenario } from '../common/text-scenario.js';
import type { AnswerScenario } from '../common/text-scenario.js';
import { splitCodePoints } from '../common/split-text.js';
import { messageBody } from './bodies.js';
import type { MessageParts } from './bodies.js';
import { usageFor } from './exchange.js';
import type { AnthropicExchange } from './exchange.js';
import { AnthropicStreamWriter } from './stream-writer.js';

/** A normal answer (also `empty`, as text ''), streamed or not; `length` becomes `max_tokens`. */
export async function playText(
  ctx: FakeRespondContext,
  exchange: AnthropicExchange,
  answer: AnswerScenario,
): Promise<void> {
  const scenario = asTextScenario(answer);
  const stopReason = scenario.finishReason === 'length' ? 'max_tokens' : 'end_turn';
  const usage = usageFor(exchange, scenario.text, scenario.usage);
  if (!exchange.stream) {
    await sendMessage(ctx, exchange, { text: scenario.text, stopReason }, usage, scenario.delayMs);
    return;
  }
  const writer = new AnthropicStreamWriter(ctx, exchange, scenario.chunkDelayMs);
  if (!(await writer.begin(scenario.delayMs, usage.inputTokens))) return;
  const pieces = scenario.chunks ?? splitCodePoints(scenario.text);
  // An empty answer has no content block at all, only the ping.
  if (pieces.length === 0) writer.ping();
  if (!(await writer.deltas(pieces))) return;
  writer.finish(stopReason, usage);
}

/** Sends a non-streamed message body with its `request-id` header. */
export async function sendMessage(
  ctx: FakeRespondContext,
  exchange: AnthropicExchange,
  parts: MessageParts,
  usage: FakeUsage,
  delayMs = 0,
): Promise<void> {
  if (delayMs > 0 && !(await ctx.delay(delayMs))) return;
  ctx.sendJson(200, messageBody(exchange, parts, usage), { 'request-id': exchange.requestId });
}

/**
 * `malformed-json`: a 200 body (or one stream event) that is not JSON; the stream goes on to
 * `message_stop` afterwards, so a parser that skips the bad event would wrongly see a complete
 * answer. `truncated-stream`: a stream that stops mid-answer (no message_delta, no message_stop);
 * a non-stream body cut short of its Content-Length.
 */
export function brokenWire(ctx: FakeRespondContext, exchange: AnthropicExchange): BrokenAnswerWire {
  const writer = new AnthropicStreamWriter(ctx, exchange);
  return {
    stream: exchange.stream,
    headers: { 'request-id': exchange.requestId },
    brokenBody: `{"id":"${exchange.messageId}","type":"message","role":"assistant","content":[{"type":"text","text":"broken"}],"stop_reason":"end_turn","usage":}`,
    wholeAnswer: (text) => messageBody(exchange, { text, stopReason: 'end_turn' }, usageFor(exchange, text)),
    startStream: () => writer.begin(),
    writeBrokenStream: () => {
      writer.openText();
      writer.event(
        'content_block_delta',
        '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"broken"}',
      );
      writer.finish('end_turn', usageFor(exchange, 'broken'));
    },
    writePieces: (pieces) => writer.deltas(pieces),
    split: splitCodePoints,
  };
}
