import { sendNotExpressible } from '../../server-base.js';
import type { FakeRequestContext, FakeRespondContext, FakeServerBase } from '../../server-base.js';
import type { BrokenAnswerWire } from '../../common/broken-answer.js';
import type { BlockScenario, ErrorScenario } from '../../common/play-scenario.js';
import { playServerError } from '../../common/gateway.js';
import { countTokens, splitText } from '../../common/split-text.js';
import { startSse as startStream, writeSseData as data } from '../../common/sse.js';
import { planAnswer } from '../../common/text-scenario.js';
import { createBearerRouteFakeServer } from '../common/bearer-route.js';
import type { BearerRouteOptions, BearerRouteVendor } from '../common/bearer-route.js';
import type { AnswerScenario } from '../../common/text-scenario.js';

/** chatcompletion_v2 (docs/vendor-apis.md §9a). */
export const MINIMAX_CHAT_PATH = '/v1/text/chatcompletion_v2';

/** Options of the MiniMax fake; a request without the `apiKey` asked for gets HTTP 200 with base_resp 1004. */
export type MiniMaxFakeServerOptions = BearerRouteOptions;

/**
 * A loopback fake of MiniMax chatcompletion_v2: OpenAI-like answers plus `input_sensitive*`,
 * `output_sensitive*` and `base_resp`; errors are **HTTP 200** with `base_resp.status_code != 0`
 * and no choices; streams are SSE `chat.completion.chunk` deltas whose last frame repeats the
 * whole `message` with `usage` and `base_resp` (no `[DONE]`).
 * Rate limits (1002) and quota (1008) are HTTP 200 bodies, so `rate-limit` never carries a 429.
 * MiniMax's context-overflow error is not documented: `context-length` answers 501.
 * Block signals: `minimax-base-resp` (1026 input / 1027 output), `minimax-sensitive-flag`.
 */
export function createMiniMaxFakeServer(options: MiniMaxFakeServerOptions = {}): Promise<FakeServerBase> {
  return createBearerRouteFakeServer(MINIMAX, options);
}

function baseResp(code: number, msg: string): { status_code: number; status_msg: string } {
  return { status_code: code, status_msg: msg };
}

function badBody(ctx: FakeRequestContext): boolean {
  const b = ctx.request.body as { model?: unknown; messages?: unknown } | undefined;
  if (typeof b?.model !== 'string' || !Array.isArray(b.messages) || b.messages.length === 0) {
    ctx.sendJson(200, { base_resp: baseResp(2013, 'invalid params, model and messages are required') });
    return true;
  }
  return false;
}

interface Exchange {
  id: string;
  model: string;
  stream: boolean;
}

interface Sensitivity {
  input?: boolean;
  output?: boolean;
}

function sensitivity(s: Sensitivity): Record<string, unknown> {
  return {
    input_sensitive: s.input === true,
    output_sensitive: s.output === true,
    input_sensitive_type: s.input === true ? 1 : 0,
    output_sensitive_type: s.output === true ? 1 : 0,
    output_sensitive_int: s.output === true ? 1 : 0,
  };
}

function completion(
  x: Exchange,
  content: string,
  finish: string,
  usage: { input: number; output: number },
  s: Sensitivity = {},
): unknown {
  return {
    id: x.id,
    choices: [{ finish_reason: finish, index: 0, message: { content, role: 'assistant', name: 'MiniMax AI' } }],
    created: 1_700_000_000,
    model: x.model,
    object: 'chat.completion',
    usage: {
      total_tokens: usage.input + usage.output,
      total_characters: 0,
      prompt_tokens: usage.input,
      completion_tokens: usage.output,
    },
    ...sensitivity(s),
    base_resp: baseResp(0, ''),
  };
}

function chunk(x: Exchange, content: string): unknown {
  return {
    id: x.id,
    choices: [{ index: 0, delta: { content, role: 'assistant', name: 'MiniMax AI' } }],
    created: 1_700_000_000,
    model: x.model,
    object: 'chat.completion.chunk',
    usage: null,
    ...sensitivity({}),
  };
}

/** What the answers to one request share; records the request id. */
function exchangeOf(ctx: FakeRespondContext, id: string): Exchange {
  const body = ctx.request.body as { model: string; stream?: unknown };
  const { scenario } = ctx;
  // Every MiniMax answer names its model; a text scenario may say another one served it.
  const served = scenario.kind === 'text' ? scenario.served?.id : undefined;
  const x: Exchange = { id, model: served ?? body.model, stream: body.stream === true };
  ctx.request.requestId = id;
  return x;
}

async function playAnswer(ctx: FakeRespondContext, x: Exchange, scenario: AnswerScenario): Promise<void> {
  const answer = await planAnswer(ctx, scenario, 12);
  if (answer === undefined) return;
  const { text, finish, usage } = answer;
  ctx.request.served = { id: x.model };
  if (!x.stream) return ctx.sendJson(200, completion(x, text, finish, usage));
  startStream(ctx);
  for (const piece of answer.pieces) {
    if (answer.chunkDelayMs && !(await ctx.delay(answer.chunkDelayMs))) return;
    data(ctx, chunk(x, piece));
  }
  data(ctx, completion(x, text, finish, usage));
  ctx.res.end();
}

/** The HTTP 200 `base_resp` codes and messages MiniMax answers these scenarios with. */
const BASE_RESP_ERRORS = {
  'rate-limit': [1002, 'rate limit exceeded(RPM)'],
  quota: [1008, 'insufficient balance'],
  auth: [2049, 'invalid api key'],
} as const;

function playError(ctx: FakeRespondContext, x: Exchange, scenario: ErrorScenario): void {
  if (scenario.kind === 'server-error')
    return playServerError(ctx, scenario, (status) =>
      ctx.sendJson(status, { base_resp: baseResp(1033, 'system error') }),
    );
  if (scenario.kind === 'context-length')
    return sendNotExpressible(ctx, 'minimax-v2', 'MiniMax documents no context-overflow error');
  const [code, msg] = BASE_RESP_ERRORS[scenario.kind];
  ctx.sendJson(200, { id: x.id, base_resp: baseResp(code, msg) });
}

function brokenWire(ctx: FakeRespondContext, x: Exchange): BrokenAnswerWire {
  return {
    stream: x.stream,
    brokenBody: `{"id":"${x.id}","choices":[{"message":{"content":"broken"}}],"base_resp":`,
    wholeAnswer: (text) => completion(x, text, 'stop', { input: 9, output: 9 }),
    startStream: () => startStream(ctx),
    writeBrokenStream: () => {
      ctx.res.write(`data: {"id":"${x.id}","choices":[{"delta":{"content":"bro\n\n`);
    },
    writePieces: (pieces) => {
      for (const piece of pieces) data(ctx, chunk(x, piece));
    },
  };
}

function playBlock(ctx: FakeRespondContext, x: Exchange, scenario: BlockScenario): void {
  const signal = scenario.signal as string;
  const partial = scenario.partialText ?? 'Some partial text';
  if (signal === 'minimax-base-resp') {
    if (scenario.stage === 'input' || !x.stream) {
      const code = scenario.stage === 'input' ? 1026 : 1027;
      ctx.sendJson(200, {
        id: x.id,
        base_resp: baseResp(code, scenario.stage === 'input' ? 'input new_sensitive' : 'output new_sensitive'),
      });
      return;
    }
    startStream(ctx);
    for (const piece of splitText(partial)) data(ctx, chunk(x, piece));
    data(ctx, { id: x.id, base_resp: baseResp(1027, 'output new_sensitive') });
    ctx.res.end();
    return;
  }
  if (signal !== 'minimax-sensitive-flag') return sendNotExpressible(ctx, 'minimax-v2');
  const s: Sensitivity = scenario.stage === 'input' ? { input: true } : { output: true };
  const text = scenario.stage === 'input' ? '' : partial;
  if (!x.stream) return ctx.sendJson(200, completion(x, text, 'stop', { input: 9, output: countTokens(text) }, s));
  startStream(ctx);
  for (const piece of splitText(text)) data(ctx, chunk(x, piece));
  data(ctx, completion(x, text, 'stop', { input: 9, output: countTokens(text) }, s));
  ctx.res.end();
}

/** The MiniMax fake's route, preflight errors (HTTP 200 `base_resp` but for 404), request ids and scenario players. */
const MINIMAX: BearerRouteVendor<Exchange> = {
  path: MINIMAX_CHAT_PATH,
  notFound: (ctx) => ctx.sendJson(404, { base_resp: baseResp(404, `not found: ${ctx.request.path}`) }),
  badKey: (ctx) =>
    ctx.sendJson(200, {
      base_resp: baseResp(
        1004,
        "login fail: Please carry the API secret key in the 'Authorization' field of the request header",
      ),
    }),
  badBody,
  exchange: (ctx, n) => exchangeOf(ctx, `mm-${String(n).padStart(6, '0')}`),
  players: { playAnswer, playError, brokenWire, playBlock },
};
