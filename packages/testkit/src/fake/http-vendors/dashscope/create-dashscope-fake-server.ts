import { sendNotExpressible } from '../../server-base.js';
import type { FakeRequestContext, FakeRespondContext, FakeServerBase } from '../../server-base.js';
import type { BrokenAnswerWire } from '../../common/broken-answer.js';
import type { BlockScenario, ErrorScenario } from '../../common/play-scenario.js';
import { playServerError } from '../../common/gateway.js';
import { retryAfterHeaders } from '../../common/retry-after.js';
import { countTokens, splitText } from '../../common/split-text.js';
import { startSse } from '../../common/sse.js';
import { planAnswer } from '../../common/text-scenario.js';
import { createBearerRouteFakeServer } from '../common/bearer-route.js';
import type { BearerRouteOptions, BearerRouteVendor } from '../common/bearer-route.js';
import type { AnswerScenario } from '../../common/text-scenario.js';

/** The native text-generation route (docs/vendor-apis.md §4a). */
export const DASHSCOPE_GENERATION_PATH = '/api/v1/services/aigc/text-generation/generation';

/** Options of the DashScope fake; a request without the `apiKey` asked for gets 401 InvalidApiKey. */
export type DashScopeFakeServerOptions = BearerRouteOptions;

/**
 * A loopback fake of DashScope's native protocol: `{model, input:{messages}, parameters}`,
 * `output.choices[0].message` answers (or `output.text` with `result_format: text`), HTTP 4xx
 * `{code, message, request_id}` errors, and SSE streams (on `X-DashScope-SSE: enable` or
 * `Accept: text/event-stream`) framed as `id:` / `event:result` / `:HTTP_STATUS/200` / `data:`,
 * cumulative unless `parameters.incremental_output` is true. Errors inside a stream are sent as
 * `event:error` with `:HTTP_STATUS/<status>` (the exact framing is an open question, docs/vendor-apis.md §19.6 #6).
 * Block signals: `dashscope-data-inspection`, `dashscope-custom-role`.
 */
export function createDashScopeFakeServer(options: DashScopeFakeServerOptions = {}): Promise<FakeServerBase> {
  return createBearerRouteFakeServer(DASHSCOPE, options);
}

/** Errors sent before a scenario is played carry this request id. */
function sendPreflightError(ctx: FakeRequestContext, status: number, code: string, message: string): void {
  ctx.sendJson(status, { code, message, request_id: 'ds-preflight' });
}

function badBody(ctx: FakeRequestContext): boolean {
  const b = ctx.request.body as { model?: unknown; input?: { messages?: unknown } } | undefined;
  if (typeof b?.model !== 'string' || !Array.isArray(b.input?.messages) || b.input.messages.length === 0) {
    sendPreflightError(ctx, 400, 'InvalidParameter', 'Required parameter(s) missing or invalid: model, input.messages');
    return true;
  }
  return false;
}

interface Exchange {
  requestId: string;
  stream: boolean;
  incremental: boolean;
  messageFormat: boolean;
  eventId: number;
}

function answerBody(x: Exchange, content: string, finish: string, usage: { input: number; output: number }): unknown {
  const output = x.messageFormat
    ? { text: null, finish_reason: null, choices: [{ finish_reason: finish, message: { role: 'assistant', content } }] }
    : { text: content, finish_reason: finish };
  return {
    status_code: 200,
    request_id: x.requestId,
    code: '',
    message: '',
    output,
    usage: { input_tokens: usage.input, output_tokens: usage.output, total_tokens: usage.input + usage.output },
  };
}

function errorBody(x: Exchange, code: string, message: string): unknown {
  return { code, message, request_id: x.requestId };
}

/** What the answers to one request share; records the request id. */
function exchangeOf(ctx: FakeRespondContext, requestId: string): Exchange {
  const { headers, body } = ctx.request;
  const parameters =
    (body as { parameters?: { incremental_output?: unknown; result_format?: unknown } }).parameters ?? {};
  const x: Exchange = {
    requestId,
    stream: headers['x-dashscope-sse'] === 'enable' || (headers.accept ?? '').includes('text/event-stream'),
    incremental: parameters.incremental_output === true,
    messageFormat: parameters.result_format === 'message',
    eventId: 0,
  };
  ctx.request.requestId = requestId;
  return x;
}

async function playAnswer(ctx: FakeRespondContext, x: Exchange, scenario: AnswerScenario): Promise<void> {
  const answer = await planAnswer(ctx, scenario, 9);
  if (answer === undefined) return;
  const { text, finish, usage, pieces } = answer;
  if (!x.stream) return ctx.sendJson(200, answerBody(x, text, finish, usage));
  startStream(ctx, 200);
  await writePieces(ctx, x, pieces, answer.chunkDelayMs);
  writeEvent(ctx, x, 'result', 200, answerBody(x, x.incremental ? '' : pieces.join(''), finish, usage));
  ctx.res.end();
}

function playError(ctx: FakeRespondContext, x: Exchange, scenario: ErrorScenario): void {
  switch (scenario.kind) {
    case 'rate-limit':
      return sendError(
        ctx,
        x,
        429,
        'Throttling.RateQuota',
        'Requests rate limit exceeded, please try again later.',
        retryAfterHeaders(scenario.retryAfter),
      );
    case 'quota':
      return sendError(ctx, x, 400, 'Arrearage', 'Access denied, please make sure your account is in good standing.');
    case 'auth':
      return sendError(ctx, x, 401, 'InvalidApiKey', 'Invalid API-key provided.');
    case 'context-length':
      return sendError(ctx, x, 400, 'InvalidParameter', 'Range of input length should be [1, 6000]');
    case 'server-error':
      return playServerError(ctx, scenario, (status) =>
        sendError(
          ctx,
          x,
          status,
          status === 503 ? 'ModelServingError' : 'InternalError',
          'An internal error has occured, please try again later.',
        ),
      );
  }
}

function brokenWire(ctx: FakeRespondContext, x: Exchange): BrokenAnswerWire {
  return {
    stream: x.stream,
    brokenBody: `{"request_id":"${x.requestId}","output":{"choices":[{"message":{"content":"broken"`,
    wholeAnswer: (text) => answerBody(x, text, 'stop', { input: 9, output: 9 }),
    startStream: () => startStream(ctx, 200),
    writeBrokenStream: () => {
      ctx.res.write(`id:1\nevent:result\n:HTTP_STATUS/200\ndata:{"output":{"choices":[{"message":{"content":"bro\n\n`);
    },
    writePieces: (pieces) => writePieces(ctx, x, pieces),
  };
}

function sendError(
  ctx: FakeRespondContext,
  x: Exchange,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): void {
  if (!x.stream) return ctx.sendJson(status, errorBody(x, code, message), headers);
  startStream(ctx, status, headers);
  writeEvent(ctx, x, 'error', status, errorBody(x, code, message));
  ctx.res.end();
}

function playBlock(ctx: FakeRespondContext, x: Exchange, scenario: BlockScenario): Promise<void> | void {
  const signal = scenario.signal as string;
  if (signal === 'dashscope-custom-role') {
    return sendError(
      ctx,
      x,
      400,
      'CustomRoleBlocked',
      'Input or output data may contain inappropriate content with custom rule.',
    );
  }
  if (signal !== 'dashscope-data-inspection') return sendNotExpressible(ctx, 'dashscope-native');
  const code = 'DataInspectionFailed';
  if (scenario.stage === 'input') return sendError(ctx, x, 400, code, 'Input data may contain inappropriate content.');
  if (!x.stream) return sendError(ctx, x, 400, code, 'Output data may contain inappropriate content.');
  return (async () => {
    startStream(ctx, 200);
    await writePieces(ctx, x, splitText(scenario.partialText ?? 'Some partial text'));
    writeEvent(ctx, x, 'error', 400, errorBody(x, code, 'Output data may contain inappropriate content.'));
    ctx.res.end();
  })();
}

function startStream(ctx: FakeRespondContext, status: number, headers: Record<string, string> = {}): void {
  startSse(ctx, status, { 'content-type': 'text/event-stream;charset=UTF-8', ...headers });
}

/** Frames while generating: finish_reason is the string "null", text cumulative unless incremental. */
async function writePieces(
  ctx: FakeRespondContext,
  x: Exchange,
  pieces: readonly string[],
  delayMs?: number,
): Promise<void> {
  let sofar = '';
  for (const piece of pieces) {
    if (delayMs && !(await ctx.delay(delayMs))) return;
    sofar += piece;
    writeEvent(
      ctx,
      x,
      'result',
      200,
      answerBody(x, x.incremental ? piece : sofar, 'null', { input: 9, output: countTokens(sofar) }),
    );
  }
}

function writeEvent(
  ctx: FakeRespondContext,
  x: Exchange,
  event: 'result' | 'error',
  status: number,
  data: unknown,
): void {
  if (ctx.gone) return;
  ctx.res.write(`id:${++x.eventId}\nevent:${event}\n:HTTP_STATUS/${status}\ndata:${JSON.stringify(data)}\n\n`);
}

/** The DashScope fake's route, preflight errors, request ids and scenario players. */
const DASHSCOPE: BearerRouteVendor<Exchange> = {
  path: DASHSCOPE_GENERATION_PATH,
  notFound: (ctx) => {
    sendPreflightError(ctx, 404, 'NotFound', `Not Found: ${ctx.request.method} ${ctx.request.path}`);
  },
  badKey: (ctx) => {
    sendPreflightError(ctx, 401, 'InvalidApiKey', 'Invalid API-key provided.');
  },
  badBody,
  exchange: (ctx, n) => exchangeOf(ctx, `ds-${String(n).padStart(4, '0')}-fake`),
  players: { playAnswer, playError, brokenWire, playBlock },
};
