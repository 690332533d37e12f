import { sendNotExpressible } from '../server-base.js';
import type { FakeRequestContext, FakeRespondContext } from '../server-base.js';
import type { FakeServedModel } from '../types.js';
import type { BrokenAnswerWire } from '../common/broken-answer.js';
import { playServerError } from '../common/gateway.js';
import { playScenario } from '../common/play-scenario.js';
import type { ErrorScenario } from '../common/play-scenario.js';
import { asTextScenario } from '../common/text-scenario.js';
import type { AnswerScenario } from '../common/text-scenario.js';
import { estimateTokens, splitCodePoints } from '../common/split-text.js';
import { doneLine } from './bodies.js';

/** What every response to one `/api/chat` request shares. */
export interface OllamaExchange {
  /** The answers' `model`: the requested name unless a served-model override says otherwise. */
  model: string;
  /** The `/api/tags` digest of the model answering (recorded as what was served; not in chat lines). */
  digest: string;
  /** Ollama streams unless the body says `"stream": false`. */
  stream: boolean;
  promptTokens: number;
}

/** Plays a scenario on `POST /api/chat` in Ollama's wire format (NDJSON or one JSON body). */
export function playChat(ctx: FakeRespondContext, exchange: OllamaExchange): void | Promise<void> {
  return playScenario(ctx, exchange, { servedModel, playAnswer, playError, brokenWire, playBlock: unsupported });
}

function servedModel(exchange: OllamaExchange): FakeServedModel {
  return { id: exchange.model, digest: exchange.digest };
}

function playError(ctx: FakeRespondContext, _exchange: OllamaExchange, scenario: ErrorScenario): void {
  if (scenario.kind === 'server-error') return playServerError(ctx, scenario, (status) => sendServerError(ctx, status));
  // Ollama cuts an over-long prompt down to num_ctx instead of failing.
  if (scenario.kind === 'context-length')
    return sendNotExpressible(ctx, 'ollama', 'Ollama truncates the prompt to num_ctx instead of failing');
  unsupported(ctx);
}

/** Rate limits, quota, auth and blocks: Ollama has none. */
function unsupported(ctx: FakeRespondContext): void {
  sendNotExpressible(ctx, 'ollama', 'Ollama has no such response');
}

/**
 * A stream that fails after part of the answer: HTTP 200, some `done: false` lines, then an
 * `{"error": …}` line, the way Ollama reports a runner crash mid-generation.
 */
export async function playStreamError(
  ctx: FakeRequestContext,
  exchange: OllamaExchange,
  text: string,
  error: string,
): Promise<void> {
  beginStream(ctx);
  for (const piece of splitCodePoints(text)) writeLine(ctx, pieceLine(exchange, piece));
  writeLine(ctx, { error });
  ctx.res.end();
}

/** A normal answer (also `empty`, as text ''). */
async function playAnswer(ctx: FakeRespondContext, exchange: OllamaExchange, answer: AnswerScenario): Promise<void> {
  const scenario = asTextScenario(answer);
  const reason = scenario.finishReason ?? 'stop';
  const promptTokens = scenario.usage?.inputTokens ?? exchange.promptTokens;
  const outputTokens = scenario.usage?.outputTokens ?? estimateTokens(scenario.text);
  if (scenario.delayMs !== undefined && !(await ctx.delay(scenario.delayMs))) return;
  if (!exchange.stream) {
    ctx.sendJson(200, doneLine(exchange.model, scenario.text, reason, promptTokens, outputTokens));
    return;
  }
  beginStream(ctx);
  for (const piece of scenario.chunks ?? splitCodePoints(scenario.text)) {
    if (scenario.chunkDelayMs !== undefined && !(await ctx.delay(scenario.chunkDelayMs))) return;
    if (!writeLine(ctx, pieceLine(exchange, piece))) return;
  }
  writeLine(ctx, doneLine(exchange.model, '', reason, promptTokens, outputTokens));
  ctx.res.end();
}

/** A 5xx other than 502 as Ollama sends it. */
function sendServerError(ctx: FakeRespondContext, status: number): void {
  const message =
    status === 503
      ? 'server busy, please try again.  maximum pending requests exceeded'
      : 'llama runner process has terminated: exit status 2';
  ctx.sendJson(status, { error: message });
}

/** `malformed-json` and `truncated-stream` as Ollama would send them: one JSON body or NDJSON lines. */
function brokenWire(ctx: FakeRespondContext, exchange: OllamaExchange): BrokenAnswerWire {
  return {
    stream: exchange.stream,
    brokenBody: `{"model":"${exchange.model}","message":{"role":"assistant","content":"broken"},"done":tru`,
    wholeAnswer: (text) => doneLine(exchange.model, text, 'stop', exchange.promptTokens, estimateTokens(text)),
    startStream: () => beginStream(ctx),
    writeBrokenStream: () => {
      ctx.res.write(`{"model":"${exchange.model}","message":{"role":"assistant","content":"broken"},"done":fals\n`);
      writeLine(ctx, doneLine(exchange.model, '', 'stop', exchange.promptTokens, 1));
    },
    writePieces: (pieces) => {
      for (const piece of pieces) writeLine(ctx, pieceLine(exchange, piece));
    },
    split: splitCodePoints,
  };
}

function beginStream(ctx: FakeRequestContext): void {
  ctx.res.writeHead(200, { 'content-type': 'application/x-ndjson' });
  ctx.res.flushHeaders();
}

function writeLine(ctx: FakeRequestContext, line: Record<string, unknown>): boolean {
  if (ctx.gone) return false;
  ctx.res.write(`${JSON.stringify(line)}\n`);
  return true;
}

/** A `done: false` line carrying one streamed piece of the answer. */
function pieceLine(exchange: OllamaExchange, piece: string): Record<string, unknown> {
  return {
    model: exchange.model,
    created_at: new Date().toISOString(),
    message: { role: 'assistant', content: piece },
    done: false,
  };
}
