import { sendNotExpressible } from '../server-base.js';
import type { FakeRespondContext } from '../server-base.js';
import type { FakeServedModel } from '../types.js';
import { playScenario } from '../common/play-scenario.js';
import type { ErrorScenario } from '../common/play-scenario.js';
import { asTextScenario } from '../common/text-scenario.js';
import type { AnswerScenario } from '../common/text-scenario.js';
import type { BrokenAnswerWire } from '../common/broken-answer.js';
import { estimateTokens, splitCodePoints } from '../common/split-text.js';
import { startSse } from '../common/sse.js';
import { sendLlamaError, sendOverflow, sendServerError } from './errors.js';

/** What the native answer needs to know about the server and the request. */
export interface NativeExchange {
  contextSize: number;
  promptTokens: number;
  stream: boolean;
  /** The loaded file (`/props` `model_path`). */
  modelPath: string;
  /** The answers' `model`: llama-server sends the model path (or its `--alias`). */
  modelName: string;
}

/**
 * Plays a scenario on `POST /completion` in llama-server's native format: one JSON body, or SSE
 * with a `{"content": piece, "stop": false}` frame per token and a final `stop: true` frame with
 * the statistics, and no `[DONE]`.
 */
export function playNative(ctx: FakeRespondContext, exchange: NativeExchange): void | Promise<void> {
  return playScenario(ctx, exchange, { servedModel, playAnswer, playError, brokenWire, playBlock: unsupported });
}

function servedModel(exchange: NativeExchange): FakeServedModel {
  return { id: exchange.modelName, path: exchange.modelPath };
}

function playError(ctx: FakeRespondContext, exchange: NativeExchange, scenario: ErrorScenario): void {
  switch (scenario.kind) {
    case 'server-error':
      return sendServerError(ctx, scenario.status ?? 500);
    case 'context-length':
      return sendOverflow(ctx, Math.max(exchange.promptTokens, exchange.contextSize + 1), exchange.contextSize);
    case 'auth':
      return sendLlamaError(ctx, 401, 'Invalid API Key', 'authentication_error');
    default:
      return unsupported(ctx);
  }
}

/** Rate limits, quota and blocks: llama-server queues instead of throttling, has no account and no content filter. */
function unsupported(ctx: FakeRespondContext): void {
  sendNotExpressible(ctx, 'llamacpp', 'llama-server has no such response');
}

function finalFrame(
  exchange: NativeExchange,
  content: string,
  stopType: string,
  predicted: number,
  evaluated: number,
): Record<string, unknown> {
  return {
    content,
    id_slot: 0,
    stop: true,
    model: exchange.modelName,
    tokens_predicted: predicted,
    tokens_evaluated: evaluated,
    tokens_cached: 0,
    truncated: false,
    stop_type: stopType,
    stopping_word: '',
    generation_settings: { n_ctx: exchange.contextSize },
    timings: { prompt_n: evaluated, prompt_ms: 1.5, predicted_n: predicted, predicted_ms: 2.5 },
  };
}

/** A normal answer (also `empty`, as text ''). */
async function playAnswer(ctx: FakeRespondContext, exchange: NativeExchange, answer: AnswerScenario): Promise<void> {
  const scenario = asTextScenario(answer);
  const stopType = scenario.finishReason === 'length' ? 'limit' : 'eos';
  const predicted = scenario.usage?.outputTokens ?? estimateTokens(scenario.text);
  const evaluated = scenario.usage?.inputTokens ?? exchange.promptTokens;
  if (scenario.delayMs !== undefined && !(await ctx.delay(scenario.delayMs))) return;
  if (!exchange.stream) {
    ctx.sendJson(200, finalFrame(exchange, scenario.text, stopType, predicted, evaluated));
    return;
  }
  beginStream(ctx);
  for (const piece of scenario.chunks ?? splitCodePoints(scenario.text)) {
    if (scenario.chunkDelayMs !== undefined && !(await ctx.delay(scenario.chunkDelayMs))) return;
    if (!writeFrame(ctx, { content: piece, stop: false, id_slot: 0 })) return;
  }
  writeFrame(ctx, finalFrame(exchange, '', stopType, predicted, evaluated));
  ctx.res.end();
}

/** `malformed-json` and `truncated-stream` as llama-server would send them: one JSON body or SSE frames. */
function brokenWire(ctx: FakeRespondContext, exchange: NativeExchange): BrokenAnswerWire {
  return {
    stream: exchange.stream,
    brokenBody: '{"content":"broken","stop":true,"stop_type":"eos","tokens_predicted":',
    wholeAnswer: (text) => finalFrame(exchange, text, 'eos', estimateTokens(text), exchange.promptTokens),
    startStream: () => beginStream(ctx),
    writeBrokenStream: () => {
      ctx.res.write('data: {"content":"broken","stop":false\n\n');
      writeFrame(ctx, finalFrame(exchange, '', 'eos', 1, exchange.promptTokens));
    },
    writePieces: (pieces) => {
      for (const piece of pieces) writeFrame(ctx, { content: piece, stop: false, id_slot: 0 });
    },
    split: splitCodePoints,
  };
}

function beginStream(ctx: FakeRespondContext): void {
  startSse(ctx);
}

function writeFrame(ctx: FakeRespondContext, frame: Record<string, unknown>): boolean {
  if (ctx.gone) return false;
  ctx.res.write(`data: ${JSON.stringify(frame)}\n\n`);
  return true;
}
