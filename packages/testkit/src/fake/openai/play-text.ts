import type { FakeRespondContext } from '../server-base.js';
import type { FakeScenario, FakeUsage } from '../types.js';
import { sendBrokenJson, sendHalfJson } from '../common/broken-body.js';
import { splitCodePoints } from '../common/split-text.js';
import { endTruncated, truncatedText } from '../common/truncated.js';
import { completionBody } from './bodies.js';
import type { ChoiceParts } from './bodies.js';
import { usageFor } from './exchange.js';
import type { Exchange } from './exchange.js';
import { baseHeaders } from './response-headers.js';
import { OpenAIStreamWriter } from './stream-writer.js';

type TextScenario = Extract<FakeScenario, { kind: 'text' }>;

/** A normal answer (also `empty`, as text ''), streamed or not. */
export async function playText(ctx: FakeRespondContext, exchange: Exchange, scenario: TextScenario): Promise<void> {
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

/** 200 whose body (or one SSE frame) is not JSON. The stream still ends with `[DONE]`: a parser must not skip the bad frame. */
export async function playMalformed(ctx: FakeRespondContext, exchange: Exchange): Promise<void> {
  if (!exchange.stream) {
    const broken = `{"id":"${exchange.completionId}","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"broken"},"finish_reason":"stop"}],"usage":}`;
    sendBrokenJson(ctx, broken, baseHeaders(exchange));
    return;
  }
  const writer = new OpenAIStreamWriter(ctx, exchange);
  if (!(await writer.begin())) return;
  writer.data(
    `{"id":"${exchange.completionId}","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"broken"}]`,
  );
  writer.data('[DONE]');
  ctx.res.end();
}

type TruncatedScenario = Extract<FakeScenario, { kind: 'truncated-stream' }>;

/** A stream that stops mid-answer: no finish reason, no `[DONE]`; a non-stream body cut short of its Content-Length. */
export async function playTruncated(
  ctx: FakeRespondContext,
  exchange: Exchange,
  scenario: TruncatedScenario,
): Promise<void> {
  const text = truncatedText(scenario);
  if (!exchange.stream) {
    sendHalfJson(
      ctx,
      completionBody(exchange, { content: text, finishReason: 'stop' }, usageFor(exchange, text)),
      baseHeaders(exchange),
    );
    return;
  }
  const writer = new OpenAIStreamWriter(ctx, exchange);
  if (!(await writer.begin())) return;
  for (const piece of splitCodePoints(text)) writer.frame({ delta: { content: piece } });
  endTruncated(ctx, scenario.cut);
}
