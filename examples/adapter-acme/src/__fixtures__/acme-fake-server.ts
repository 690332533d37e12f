import { createFakeServerBase, sendNotExpressible } from '@sc-safety/testkit/fake';
import type { BlockSignal, FakeRequestContext, FakeRespondContext, FakeServerBase } from '@sc-safety/testkit/fake';
import type { ChatMessageV1 } from '@sc-safety/spec';
import { ACME_FAULT_STATUS, ACME_GENERATE_PATH } from '../acme-wire.js';
import type { AcmeFaultKind, AcmeRequestBody, AcmeResponseBody } from '../acme-wire.js';

/** Acme's own block signal: a third-party fake names its vendor's signals itself. */
export const ACME_MODERATION: BlockSignal = 'acme-moderation';

const KNOWN_FIELDS = new Set(['model', 'dialogue', 'instructions', 'sampling']);
const KNOWN_SAMPLING = new Set(['temperature', 'max_new_tokens', 'seed']);

/**
 * A loopback fake of Acme's API, built on the testkit's server base: POST /acme/v2/generate,
 * `X-Acme-Key` checked, request bodies validated, every scenario Acme can express played in
 * Acme's format (the rest answer 501). Acme does not stream, so `truncated-stream` is a body cut
 * short of its Content-Length.
 */
export async function createAcmeFakeServer(options: { apiKey?: string } = {}): Promise<FakeServerBase> {
  let seq = 0;
  return createFakeServerBase({
    intercept: (ctx) => {
      const { method, path, headers, body } = ctx.request;
      if (method !== 'POST' || path !== ACME_GENERATE_PATH) return fault(ctx, 'bad_request', `no such endpoint: ${method} ${path}`, 404);
      if (options.apiKey !== undefined && headers['x-acme-key'] !== options.apiKey) {
        ctx.request.scenario = 'auth';
        return fault(ctx, 'credentials', 'unknown or missing X-Acme-Key');
      }
      const problem = bodyProblem(body);
      return problem === undefined ? false : fault(ctx, 'bad_request', problem);
    },
    respond: (ctx) => {
      const traceId = `acme-trace-${String(++seq).padStart(4, '0')}`;
      return play(ctx, traceId);
    },
  });
}

function play(ctx: FakeRespondContext, traceId: string): void {
  const { scenario } = ctx;
  const body = ctx.request.body as AcmeRequestBody;
  const prompt = body.dialogue.reduce((n, turn) => n + tokens(turn.text), tokens(body.instructions ?? ''));
  const answer = (text: string, stop: AcmeResponseBody['output']['stop'], usage?: { inputTokens: number; outputTokens: number }, moderation?: AcmeResponseBody['moderation']): AcmeResponseBody => ({
    output: { text, stop },
    ...(moderation ? { moderation } : {}),
    tokens: { prompt: usage?.inputTokens ?? prompt, generated: usage?.outputTokens ?? tokens(text) },
    trace_id: traceId,
  });
  switch (scenario.kind) {
    case 'text':
      ctx.request.requestId = traceId;
      ctx.sendJson(200, answer(scenario.text, scenario.finishReason === 'length' ? 'max_length' : 'done', scenario.usage));
      return;
    case 'empty':
      ctx.request.requestId = traceId;
      ctx.sendJson(200, answer('', 'done'));
      return;
    case 'block':
      if (scenario.signal !== ACME_MODERATION) return sendNotExpressible(ctx, 'acme');
      ctx.request.requestId = traceId;
      ctx.sendJson(200, answer(scenario.stage === 'output' ? (scenario.partialText ?? '') : '', 'moderated', undefined, { blocked: true, phase: scenario.stage === 'input' ? 'prompt' : 'completion', label: 'violence' }));
      return;
    case 'rate-limit': {
      const headers: Record<string, string> = {};
      const wait = scenario.retryAfter;
      if (wait && 'seconds' in wait) headers['retry-after'] = String(wait.seconds);
      else if (wait && 'ms' in wait) headers['retry-after-ms'] = String(wait.ms);
      else if (wait) headers['retry-after'] = wait.httpDate.toUTCString();
      fault(ctx, 'throttled', 'too many requests for this key', undefined, headers);
      return;
    }
    case 'server-error': {
      const status = scenario.status ?? 503;
      if (status === 503) fault(ctx, 'overloaded', 'all Acme models are busy');
      else sendText(ctx, status, status === 502 ? '<html><body><h1>502 Bad Gateway</h1></body></html>' : 'internal error', status === 502 ? 'text/html' : 'text/plain');
      return;
    }
    case 'quota':
      fault(ctx, 'balance', 'your Acme balance is empty');
      return;
    case 'auth':
      fault(ctx, 'credentials', 'unknown or missing X-Acme-Key');
      return;
    case 'context-length':
      fault(ctx, 'too_long', 'dialogue is longer than the model window (32768 tokens)');
      return;
    case 'malformed-json':
      sendText(ctx, 200, `{"output":{"text":"broken","stop":"done"},"tokens":`, 'application/json');
      return;
    case 'truncated-stream': {
      const bytes = Buffer.from(JSON.stringify(answer(scenario.text ?? 'This answer stops in the middle of', 'done')));
      ctx.res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(bytes.length) });
      ctx.res.write(bytes.subarray(0, Math.floor(bytes.length / 2)));
      ctx.res.socket?.end();
      return;
    }
    case 'hang':
    case 'reset':
      return; // played by the server base
  }
}

function fault(ctx: FakeRequestContext, kind: AcmeFaultKind, detail: string, status: number = ACME_FAULT_STATUS[kind], headers: Record<string, string> = {}): true {
  ctx.sendJson(status, { fault: { kind, detail } }, headers);
  return true;
}

function sendText(ctx: FakeRequestContext, status: number, text: string, type: string): void {
  ctx.res.writeHead(status, { 'content-type': type, 'content-length': String(Buffer.byteLength(text)) });
  ctx.res.end(text);
}

function tokens(text: string): number {
  return text === '' ? 0 : Math.ceil(text.length / 4);
}

/** What Acme refuses with 400 bad_request. */
function bodyProblem(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return 'body must be a JSON object';
  const b = body as Record<string, unknown>;
  for (const key of Object.keys(b)) if (!KNOWN_FIELDS.has(key)) return `unknown field "${key}"`;
  if (typeof b.model !== 'string' || b.model === '') return 'model is required';
  if (!Array.isArray(b.dialogue) || b.dialogue.length === 0) return 'dialogue must be a non-empty list';
  for (const turn of b.dialogue as Array<Record<string, unknown>>) {
    if (turn?.speaker !== 'human' && turn?.speaker !== 'bot') return 'dialogue[].speaker must be "human" or "bot"';
    if (typeof turn.text !== 'string') return 'dialogue[].text must be a string';
  }
  if (b.instructions !== undefined && typeof b.instructions !== 'string') return 'instructions must be a string';
  if (typeof b.sampling !== 'object' || b.sampling === null) return 'sampling is required';
  for (const [key, value] of Object.entries(b.sampling)) {
    if (!KNOWN_SAMPLING.has(key)) return `unknown sampling field "${key}"`;
    if (typeof value !== 'number') return `sampling.${key} must be a number`;
  }
  return undefined;
}

/** Reads a recorded Acme body back into chat messages, for the conformance suite. */
export function extractAcmeMessages(recordedBody: unknown): ChatMessageV1[] {
  const body = recordedBody as AcmeRequestBody;
  return [
    ...(body.instructions === undefined ? [] : [{ role: 'system' as const, content: body.instructions }]),
    ...body.dialogue.map((turn) => ({ role: turn.speaker === 'human' ? ('user' as const) : ('assistant' as const), content: turn.text })),
  ];
}

