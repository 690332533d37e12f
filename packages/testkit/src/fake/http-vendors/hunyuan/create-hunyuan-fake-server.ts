import { createFakeServerBase, sendNotExpressible } from '../../server-base.js';
import type { FakeRequestContext, FakeRespondContext, FakeServerBase } from '../../server-base.js';
import type { FakeScenario } from '../../types.js';
import type { BrokenAnswerWire } from '../../common/broken-answer.js';
import { playScenario } from '../../common/play-scenario.js';
import type { BlockScenario, ErrorScenario } from '../../common/play-scenario.js';
import { playServerError } from '../../common/gateway.js';
import { countTokens, splitText } from '../../common/split-text.js';
import { startSse } from '../../common/sse.js';
import { planAnswer } from '../../common/text-scenario.js';
import type { AnswerScenario } from '../../common/text-scenario.js';
import { httpExchange } from '../common/exchange.js';
import type { HttpExchange } from '../common/exchange.js';
import { verifyTc3 } from './verify-tc3.js';

export interface HunyuanFakeServerOptions {
  /** The SecretId / SecretKey pair the server accepts. */
  secretId: string;
  secretKey: string;
  /** The server's clock in milliseconds (signatures more than 300 s off are expired). Default `Date.now`. */
  now?: () => number;
  defaultScenario?: FakeScenario;
}

/**
 * A loopback fake of Tencent Hunyuan's native API (POST `/`, `X-TC-Action: ChatCompletions`). It
 * verifies the TC3-HMAC-SHA256 signature over the exact body bytes with its own clock and answers
 * `AuthFailure.SignatureFailure` / `SignatureExpire` / `SecretIdNotFound` as the service does:
 * HTTP 200 with `Response.Error`. Answers are PascalCase inside `Response`; streams are SSE frames
 * not wrapped in `Response`, with the request id in `X-TC-RequestId`.
 * Rate limits (`LimitExceeded`) are HTTP 200 bodies; Hunyuan documents no context-overflow code
 * (`context-length` answers 501). Block signal `hunyuan-sensitive`: output = FinishReason
 * sensitive (streams); input = `OperationDenied.TextIllegalDetected`, a code the docs/vendor-apis.md
 * mark as unconfirmed, played so adapters can prove they record it as an error, not a block.
 */
export async function createHunyuanFakeServer(options: HunyuanFakeServerOptions): Promise<FakeServerBase> {
  const now = options.now ?? Date.now;
  let seq = 0;
  const players = { playAnswer, playError, brokenWire, playBlock };
  return createFakeServerBase({
    intercept: (ctx) => intercept(ctx, options, now),
    respond: (ctx) =>
      playScenario(ctx, httpExchange(ctx, `hy-${String(++seq).padStart(4, '0')}-7c9e`, 'Stream'), players),
    defaultScenario: options.defaultScenario,
  });
}

function sendError(
  ctx: FakeRequestContext,
  code: string,
  message: string,
  requestId: string,
  status = 200,
  headers: Record<string, string> = {},
): void {
  ctx.sendJson(status, { Response: { Error: { Code: code, Message: message }, RequestId: requestId } }, headers);
}

function intercept(ctx: FakeRequestContext, options: HunyuanFakeServerOptions, now: () => number): boolean {
  const { method, path, headers, rawBody, search, body } = ctx.request;
  if (method !== 'POST' || path !== '/') {
    sendError(ctx, 'InvalidAction', `The requested path ${path} does not exist.`, 'hy-preflight', 404);
    return true;
  }
  const rejection = verifyTc3({
    method,
    path,
    query: search.replace(/^\?/, ''),
    headers,
    rawBody,
    keys: { [options.secretId]: options.secretKey },
    nowSeconds: Math.floor(now() / 1000),
  });
  if (rejection !== undefined) {
    ctx.request.scenario = 'auth';
    sendError(ctx, rejection.code, rejection.message, 'hy-preflight');
    return true;
  }
  if (headers['x-tc-action'] !== 'ChatCompletions' || headers['x-tc-version'] !== '2023-09-01') {
    sendError(ctx, 'InvalidAction', 'The action or version is not supported.', 'hy-preflight');
    return true;
  }
  const messages = (body as { Messages?: { Role?: string; Content?: unknown }[] } | undefined)?.Messages;
  if (
    typeof (body as { Model?: unknown } | undefined)?.Model !== 'string' ||
    !Array.isArray(messages) ||
    messages.length === 0 ||
    messages.length > 40
  ) {
    sendError(ctx, 'InvalidParameter', 'Model and 1 to 40 Messages are required.', 'hy-preflight');
    return true;
  }
  const turns = messages.filter((m, i) => !(i === 0 && m.Role === 'system'));
  if (!turns.every((m, i) => m.Role === (i % 2 === 0 ? 'user' : 'assistant')) || turns.at(-1)?.Role !== 'user') {
    sendError(
      ctx,
      'InvalidParameterValue',
      'Messages must alternate user and assistant and end with user.',
      'hy-preflight',
    );
    return true;
  }
  return false;
}

function usageOf(input: number, output: number): Record<string, number> {
  return { PromptTokens: input, CompletionTokens: output, TotalTokens: input + output };
}

async function playAnswer(ctx: FakeRespondContext, x: HttpExchange, scenario: AnswerScenario): Promise<void> {
  const planned = await planAnswer(ctx, scenario, 6);
  if (planned === undefined) return;
  const usage = usageOf(planned.usage.input, planned.usage.output);
  if (!x.stream) {
    const choice = { Index: 0, Message: { Role: 'assistant', Content: planned.text }, FinishReason: planned.finish };
    const note = '以上内容为AI生成，不代表开发者立场，请勿删除或修改本标记';
    return ctx.sendJson(200, { Response: { RequestId: x.requestId, ...turnFields(x, note, choice, usage) } });
  }
  return stream(ctx, x, planned.pieces, planned.finish, usage, planned.chunkDelayMs);
}

/** The HTTP 200 `Response.Error` codes and messages Hunyuan answers these scenarios with. */
const ERROR_CODES = {
  'rate-limit': ['RequestLimitExceeded', 'The number of requests exceeds the frequency limit.'],
  quota: ['FailedOperation.ResourcePackExhausted', 'The resource pack is exhausted.'],
  auth: ['AuthFailure.SignatureFailure', 'The provided credentials could not be validated.'],
} as const;

function playError(ctx: FakeRespondContext, x: HttpExchange, scenario: ErrorScenario): void {
  if (scenario.kind === 'server-error')
    return playServerError(ctx, scenario, (status) =>
      sendError(ctx, 'InternalError', 'An internal error occurred.', x.requestId, status),
    );
  if (scenario.kind === 'context-length')
    return sendNotExpressible(ctx, 'hunyuan-native', 'Hunyuan documents no context-overflow error');
  const [code, message] = ERROR_CODES[scenario.kind];
  sendError(ctx, code, message, x.requestId);
}

function brokenWire(ctx: FakeRespondContext, x: HttpExchange): BrokenAnswerWire {
  return {
    stream: x.stream,
    brokenBody: `{"Response":{"RequestId":"${x.requestId}","Choices":[{"Message":{"Content":"broken"`,
    wholeAnswer: (text) => ({
      Response: {
        RequestId: x.requestId,
        Choices: [{ Index: 0, Message: { Role: 'assistant', Content: text }, FinishReason: 'stop' }],
      },
    }),
    startStream: () => startStream(ctx, x),
    writeBrokenStream: () => {
      ctx.res.write('data: {"Choices":[{"Delta":{"Content":"bro\n\n');
    },
    writePieces: (pieces) => {
      for (const piece of pieces) frame(ctx, x, piece, '', usageOf(6, 0));
    },
  };
}

function playBlock(ctx: FakeRespondContext, x: HttpExchange, scenario: BlockScenario): Promise<void> | void {
  if ((scenario.signal as string) !== 'hunyuan-sensitive') return sendNotExpressible(ctx, 'hunyuan-native');
  if (scenario.stage === 'input')
    return sendError(ctx, 'OperationDenied.TextIllegalDetected', 'The text contains illegal content.', x.requestId);
  if (!x.stream)
    return sendNotExpressible(ctx, 'hunyuan-native', 'FinishReason sensitive only appears with stream moderation');
  const partial = scenario.partialText ?? 'Some partial text';
  return stream(ctx, x, splitText(partial), 'sensitive', usageOf(6, countTokens(partial)));
}

/** What an answer and each stream frame carry around their one choice: the AI-content note, time, id and usage. */
function turnFields(
  x: HttpExchange,
  note: string,
  choice: Record<string, unknown>,
  usage: Record<string, number>,
): Record<string, unknown> {
  return { Note: note, Choices: [choice], Created: 1_700_000_000, Id: x.requestId, Usage: usage };
}

async function stream(
  ctx: FakeRespondContext,
  x: HttpExchange,
  pieces: readonly string[],
  finish: string,
  usage: Record<string, number>,
  delayMs?: number,
): Promise<void> {
  startStream(ctx, x);
  for (const piece of pieces) {
    if (delayMs && !(await ctx.delay(delayMs))) return;
    frame(ctx, x, piece, '', usageOf(usage.PromptTokens ?? 0, 0));
  }
  frame(ctx, x, '', finish, usage);
  ctx.res.end();
}

function startStream(ctx: FakeRespondContext, x: HttpExchange): void {
  startSse(ctx, 200, { 'x-tc-requestid': x.requestId });
}

function frame(
  ctx: FakeRespondContext,
  x: HttpExchange,
  content: string,
  finish: string,
  usage: Record<string, number>,
): void {
  if (ctx.gone) return;
  const choice = { Delta: { Role: 'assistant', Content: content }, FinishReason: finish };
  ctx.res.write(`data: ${JSON.stringify(turnFields(x, '以上内容为AI生成', choice, usage))}\n\n`);
}
