import type { FakeRespondContext } from '../server-base.js';
import type { FakeUsage } from '../types.js';
import type { BrokenAnswerWire } from '../common/broken-answer.js';
import { asTextScenario } from '../common/text-scenario.js';
import type { AnswerScenario } from '../common/text-scenario.js';
import { splitCodePoints } from '../common/split-text.js';
import { completionBody } from './bodies.js';
import type { ChoiceParts } from './bodies.js';
import { usageFor } from './exchange.js';
import type { Exchange } from './exchange.js';
import { baseHeaders } from './response-headers.js';
import { OpenAIStreamWriter } from './stream-writer.js';

/** A normal answer (also `empty`, as text ''), streamed or not. */
export async function playText(ctx: FakeRespondContext, exchange: Exchange, answer: AnswerScenario): Promise<void> {
  const scenario = asTextScenario(answer);
  const finishReason = scenario.finishReason ?? 'stop';
  const usage = usageFor(exchange, scenario.text, scenario.usage);
  if (!exchange.stream) {
    await sendCompletion(ctx, exchange, { content: scenario.text, finishReason }, usage, scenario.delayMs);
    return;
  }
  const writer = new OpenAIStreamWriter(ctx, exchange, scenario.chunkDelayMs);
  if (!(await writer.begin(scenario.delayMs))) return;
  if (!(await writer.deltas(scenario.chunks ?? splitCodePoints(scenario.text)))) return;
  writer.finish(finishReason, usage);
}

/**
 * Sends a non-streamed body. DeepSeek sends headers at once and blank lines while it waits for
 * the model (no Content-Length then), so a parser must tolerate leading whitespace.
 */
export async function sendCompletion(
  ctx: FakeRespondContext,
  exchange: Exchange,
  choice: ChoiceParts,
  usage: FakeUsage,
  delayMs = 0,
): Promise<void> {
  const text = JSON.stringify(completionBody(exchange, choice, usage));
  const headers = { 'content-type': 'application/json', ...baseHeaders(exchange) };
  if (exchange.profile.keepAlive) {
    ctx.res.writeHead(200, headers);
    ctx.res.write('\n');
    if (delayMs > 0 && !(await ctx.delay(delayMs))) return;
    ctx.res.end(`\n${text}`);
    return;
  }
  if (delayMs > 0 && !(await ctx.delay(delayMs))) return;
  ctx.res.writeHead(200, { ...headers, 'content-length': String(Buffer.byteLength(text)) });
  ctx.res.end(text);
}

/**
 * `malformed-json`: a 200 body (or one SSE frame) that is not JSON; the stream still ends with
 * `[DONE]`, so a parser must not skip the bad frame. `truncated-stream`: a stream that stops
 * mid-answer (no finish reason, no `[DONE]`); a non-stream body cut short of its Content-Length.
 */
export function brokenWire(ctx: FakeRespondContext, exchange: Exchange): BrokenAnswerWire {
  const writer = new OpenAIStreamWriter(ctx, exchange);
  return {
    stream: exchange.stream,
    headers: baseHeaders(exchange),
    brokenBody: `{"id":"${exchange.completionId}","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"broken"},"finish_reason":"stop"}],"usage":}`,
    wholeAnswer: (text) => completionBody(exchange, { content: text, finishReason: 'stop' }, usageFor(exchange, text)),
    startStream: () => writer.begin(),
    writeBrokenStream: () => {
      writer.data(
        `{"id":"${exchange.completionId}","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"broken"}]`,
      );
      writer.data('[DONE]');
    },
    writePieces: (pieces) => {
      for (const piece of pieces) writer.frame({ delta: { content: piece } });
    },
    split: splitCodePoints,
  };
}
