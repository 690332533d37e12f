import { randomBytes } from 'node:crypto';
import { createFakeServerBase, sendNotExpressible } from '../../server-base.js';
import type { FakeRequestContext, FakeRespondContext, FakeServerBase } from '../../server-base.js';
import type { FakeScenario, RecordedRequest } from '../../types.js';
import type { BrokenAnswerWire } from '../../common/broken-answer.js';
import { playScenario } from '../../common/play-scenario.js';
import type { BlockScenario, ErrorScenario } from '../../common/play-scenario.js';
import { playServerError } from '../../common/gateway.js';
import { countTokens, splitText } from '../../common/split-text.js';
import { startSse as startStream, writeSseData as frame } from '../../common/sse.js';
import { planAnswer } from '../../common/text-scenario.js';
import { httpExchange } from '../common/exchange.js';
import type { HttpExchange } from '../common/exchange.js';
import type { AnswerScenario } from '../../common/text-scenario.js';

/** The chat route prefix; the model path follows (`completions_pro`, …). */
export const QIANFAN_CHAT_PREFIX = '/rpc/2.0/ai_custom/v1/wenxinworkshop/chat/';

export interface QianfanFakeServerOptions {
  /** API Key and Secret Key the token endpoint accepts. */
  apiKey: string;
  secretKey: string;
  /** The server's clock (ms) for token expiry. Default `Date.now`. */
  now?: () => number;
  /** `expires_in` of issued tokens, in seconds. Default 2 592 000 (30 days). */
  tokenTtlSeconds?: number;
  defaultScenario?: FakeScenario;
}

/** A Qianfan v1 fake: the chat server plus its token endpoint on a second port. */
export interface QianfanFakeServer extends FakeServerBase {
  /** `http://127.0.0.1:<port>/oauth/2.0/token`. */
  readonly tokenURL: string;
  /** Requests the token endpoint received (kept apart so `requests` holds chat calls only). */
  readonly tokenRequests: RecordedRequest[];
  /** Tokens issued so far. */
  readonly issuedTokens: readonly string[];
  /** Forgets every issued token: the next chat call gets error_code 110. */
  revokeTokens(): void;
}

/**
 * A loopback fake of Baidu Qianfan v1 (wenxinworkshop): a client_credentials token endpoint that
 * checks API Key and Secret Key, and a chat route that checks `?access_token=` (missing 100,
 * unknown 110, expired 111 by the server's clock). Errors are HTTP 200 `{error_code, error_msg}`;
 * streams are SSE `data:` frames with `is_end` and no `[DONE]`, and an error on a stream request
 * is a plain JSON body. Moderation: `qianfan-v1-clear-history` (need_clear_history + ban_round),
 * `qianfan-v1-content-filter`, `qianfan-v1-flag` (`severity` = flag, default 2).
 * Rate limits are HTTP 200 bodies (error_code 18), so `rate-limit` never carries a 429.
 */
export async function createQianfanFakeServer(options: QianfanFakeServerOptions): Promise<QianfanFakeServer> {
  const now = options.now ?? Date.now;
  const tokens = new Map<string, number>();
  const ttl = options.tokenTtlSeconds ?? 2_592_000;
  const tokenServer = await createFakeServerBase({
    scenarioHeader: false,
    intercept: (ctx) => {
      const query = new URLSearchParams(ctx.request.search);
      if (ctx.request.path !== '/oauth/2.0/token') {
        ctx.sendJson(404, { error: 'not_found', error_description: 'no such route' });
        return true;
      }
      if (query.get('grant_type') !== 'client_credentials') {
        ctx.sendJson(400, {
          error: 'unsupported_grant_type',
          error_description: 'The authorization grant type is not supported',
        });
        return true;
      }
      if (query.get('client_id') !== options.apiKey) {
        ctx.sendJson(401, { error: 'invalid_client', error_description: 'unknown client id' });
        return true;
      }
      if (query.get('client_secret') !== options.secretKey) {
        ctx.sendJson(401, { error: 'invalid_client', error_description: 'Client authentication failed' });
        return true;
      }
      const token = `24.${randomBytes(16).toString('hex')}.${ttl}.${Math.floor(now() / 1000)}-fake`;
      tokens.set(token, now() + ttl * 1000);
      ctx.sendJson(200, {
        refresh_token: `25.${randomBytes(8).toString('hex')}`,
        expires_in: ttl,
        session_key: 'fake',
        access_token: token,
        scope: 'public ai_custom_qianfan',
        session_secret: 'fake',
      });
      return true;
    },
    respond: (ctx) => sendNotExpressible(ctx, 'qianfan-token'),
  });
  let seq = 0;
  const players = { playAnswer, playError, brokenWire, playBlock };
  const chat = await createFakeServerBase({
    intercept: (ctx) => checkToken(ctx, tokens, now),
    respond: (ctx) => playScenario(ctx, httpExchange(ctx, `as-fake${String(++seq).padStart(6, '0')}`), players),
    defaultScenario: options.defaultScenario,
  });
  const closeChat = chat.close;
  // Object.assign would read getters once; define them so `issuedTokens` (and `pending`) stay live.
  const server = Object.assign(chat, {
    tokenURL: `${tokenServer.url}/oauth/2.0/token`,
    tokenRequests: tokenServer.requests,
    revokeTokens: () => tokens.clear(),
    close: async () => {
      await Promise.all([closeChat(), tokenServer.close()]);
    },
  });
  return Object.defineProperty(server, 'issuedTokens', {
    get: () => [...tokens.keys()],
    enumerable: true,
  }) as QianfanFakeServer;
}

function checkToken(ctx: FakeRequestContext, tokens: Map<string, number>, now: () => number): boolean {
  const { method, path, search } = ctx.request;
  if (method !== 'POST' || !path.startsWith(QIANFAN_CHAT_PREFIX) || path.length === QIANFAN_CHAT_PREFIX.length) {
    ctx.sendJson(200, { error_code: 3, error_msg: 'Unsupported openapi method' });
    return true;
  }
  const token = new URLSearchParams(search).get('access_token');
  const expiresAt = token === null ? undefined : tokens.get(token);
  const reject = (code: number, msg: string): true => {
    ctx.request.scenario = 'auth';
    ctx.sendJson(200, { error_code: code, error_msg: msg });
    return true;
  };
  if (token === null) return reject(100, 'Invalid parameter');
  if (expiresAt === undefined) return reject(110, 'Access token invalid or no longer valid');
  if (expiresAt <= now()) return reject(111, 'Access token expired');
  const messages = (ctx.request.body as { messages?: { role?: string }[] } | undefined)?.messages;
  const alternating =
    Array.isArray(messages) &&
    messages.length % 2 === 1 &&
    messages.every((m, i) => m.role === (i % 2 === 0 ? 'user' : 'assistant'));
  if (!alternating) {
    ctx.sendJson(200, { error_code: 336003, error_msg: 'the length of messages must be an odd number' });
    return true;
  }
  return false;
}

function answer(
  x: HttpExchange,
  result: string,
  extra: Record<string, unknown>,
  usage: { input: number; output: number },
): Record<string, unknown> {
  return {
    id: x.requestId,
    object: 'chat.completion',
    created: 1_700_000_000,
    result,
    is_truncated: false,
    need_clear_history: false,
    finish_reason: 'normal',
    usage: { prompt_tokens: usage.input, completion_tokens: usage.output, total_tokens: usage.input + usage.output },
    ...extra,
  };
}

async function playAnswer(ctx: FakeRespondContext, x: HttpExchange, scenario: AnswerScenario): Promise<void> {
  const planned = await planAnswer(ctx, scenario, 7);
  if (planned === undefined) return;
  // Qianfan's ordinary stop is "normal".
  const extra = { finish_reason: planned.finish === 'length' ? 'length' : 'normal' };
  if (!x.stream) return ctx.sendJson(200, answer(x, planned.text, extra, planned.usage));
  return stream(ctx, x, planned.pieces, extra, planned.usage, planned.chunkDelayMs);
}

/** The HTTP 200 `error_code`s and messages Qianfan answers these scenarios with. */
const ERROR_CODES = {
  'rate-limit': [18, 'Open api qps request limit reached'],
  quota: [17, 'Open api daily request limit reached'],
  auth: [110, 'Access token invalid or no longer valid'],
  'context-length': [336103, 'the max length of current question is 4800'],
} as const;

function playError(ctx: FakeRespondContext, _x: HttpExchange, scenario: ErrorScenario): void {
  if (scenario.kind === 'server-error')
    return playServerError(ctx, scenario, (status) =>
      ctx.sendJson(status, {
        error_code: status === 503 ? 2 : 336000,
        error_msg: status === 503 ? 'Service temporarily unavailable' : 'Internal error',
      }),
    );
  const [code, msg] = ERROR_CODES[scenario.kind];
  ctx.sendJson(200, { error_code: code, error_msg: msg });
}

function brokenWire(ctx: FakeRespondContext, x: HttpExchange): BrokenAnswerWire {
  return {
    stream: x.stream,
    brokenBody: `{"id":"${x.requestId}","result":"broken","usage":`,
    wholeAnswer: (text) => answer(x, text, {}, { input: 7, output: 7 }),
    startStream: () => startStream(ctx),
    writeBrokenStream: () => {
      ctx.res.write(`data: {"id":"${x.requestId}","result":"bro\n\n`);
    },
    writePieces: (pieces) =>
      pieces.forEach((piece, i) =>
        frame(ctx, answer(x, piece, { sentence_id: i, is_end: false, finish_reason: '' }, { input: 7, output: 0 })),
      ),
  };
}

function playBlock(ctx: FakeRespondContext, x: HttpExchange, scenario: BlockScenario): Promise<void> | void {
  const signal = scenario.signal as string;
  const partial = scenario.partialText ?? 'Some partial text';
  const usage = { input: 7, output: countTokens(partial) };
  if (signal === 'qianfan-v1-clear-history') {
    // A canned refusal comes back as the "answer", with the flag that makes it a block.
    const extra = { need_clear_history: true, ban_round: -1, flag: 1, finish_reason: 'normal' };
    const canned = '作为一个人工智能语言模型，我无法回答这个问题。';
    if (!x.stream) return ctx.sendJson(200, answer(x, canned, extra, usage));
    return stream(ctx, x, [canned], extra, usage);
  }
  const extra =
    signal === 'qianfan-v1-content-filter'
      ? { finish_reason: 'content_filter' }
      : signal === 'qianfan-v1-flag'
        ? { flag: scenario.severity ?? 2 }
        : undefined;
  if (extra === undefined || scenario.stage !== 'output')
    return sendNotExpressible(ctx, 'qianfan-v1', 'this signal is an output signal');
  if (!x.stream) return ctx.sendJson(200, answer(x, partial, extra, usage));
  return stream(ctx, x, splitText(partial), extra, usage);
}

/** Delta frames, the last one with `is_end: true`, `extra` (finish reason, flags) and usage. */
async function stream(
  ctx: FakeRespondContext,
  x: HttpExchange,
  pieces: readonly string[],
  extra: Record<string, unknown>,
  usage: { input: number; output: number },
  delayMs?: number,
): Promise<void> {
  startStream(ctx);
  const list = pieces.length === 0 ? [''] : pieces;
  for (const [i, piece] of list.entries()) {
    if (delayMs && !(await ctx.delay(delayMs))) return;
    const last = i === list.length - 1;
    frame(
      ctx,
      answer(
        x,
        piece,
        { sentence_id: i, is_end: last, ...(last ? extra : { finish_reason: '' }) },
        last ? usage : { input: usage.input, output: 0 },
      ),
    );
  }
  ctx.res.end();
}
