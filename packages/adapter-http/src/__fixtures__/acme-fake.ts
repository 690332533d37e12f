import { createFakeServerBase, sendNotExpressible } from '@sc-safety/testkit';
import type { FakeRespondContext, FakeServerBase } from '@sc-safety/testkit';

/**
 * A loopback fake of the made-up "Acme Cloud Chat" vendor described by
 * docs/acme-chat.template.yaml: HTTP-200 error bodies with `status.code`, NDJSON streaming, a
 * request-id header. It exists to prove that a vendor written only as a template works end to end.
 */
export async function createAcmeFakeServer(options: { apiKey: string }): Promise<FakeServerBase> {
  let seq = 0;
  return createFakeServerBase({
    intercept: (ctx) => {
      if (!/^\/v2\/models\/[^/]+\/generate$/.test(ctx.request.path)) {
        ctx.sendJson(404, { status: { code: 4040, msg: 'no such route' } });
        return true;
      }
      if (ctx.request.headers['x-acme-key'] !== options.apiKey) {
        ctx.request.scenario = 'auth';
        ctx.sendJson(401, { status: { code: 4010, msg: 'bad key' } });
        return true;
      }
      return false;
    },
    respond: (ctx) => respond(ctx, `acme-${++seq}`),
  });
}

const ok = { code: 0, msg: 'ok' };

async function respond(ctx: FakeRespondContext, requestId: string): Promise<void> {
  ctx.request.requestId = requestId;
  const stream = (ctx.request.body as { options?: { stream?: boolean } } | undefined)?.options?.stream === true;
  const headers = { 'x-acme-request-id': requestId };
  const send = (body: unknown, status = 200, extra: Record<string, string> = {}): void => ctx.sendJson(status, body, { ...headers, ...extra });
  const { scenario } = ctx;
  switch (scenario.kind) {
    case 'text':
    case 'empty': {
      const text = scenario.kind === 'text' ? scenario.text : '';
      const stop = scenario.kind === 'text' && scenario.finishReason === 'length' ? 'max_tokens' : 'stop';
      const usage = { in: scenario.kind === 'text' ? (scenario.usage?.inputTokens ?? 5) : 5, out: scenario.kind === 'text' ? (scenario.usage?.outputTokens ?? 3) : 0 };
      if (!stream) return send({ status: ok, trace_id: requestId, result: { output: { text, stop_reason: stop }, usage } });
      const chunks = scenario.kind === 'text' ? (scenario.chunks ?? [text.slice(0, 4), text.slice(4)]) : [];
      ctx.res.writeHead(200, { 'content-type': 'application/x-ndjson', ...headers });
      for (const delta of chunks) ctx.res.write(`${JSON.stringify({ status: ok, delta })}\n`);
      ctx.res.end(`${JSON.stringify({ status: ok, delta: '', done: true, stop_reason: stop, usage })}\n`);
      return;
    }
    case 'rate-limit': {
      const extra: Record<string, string> = {};
      const ra = scenario.retryAfter;
      if (ra && 'seconds' in ra) extra['retry-after'] = String(ra.seconds);
      else if (ra && 'ms' in ra) extra['retry-after-ms'] = String(ra.ms);
      else if (ra) extra['retry-after'] = ra.httpDate.toUTCString();
      // Without a header, Acme says how long to wait in the body.
      const status = ra ? { code: 4290, msg: 'slow down' } : { code: 4290, msg: 'slow down', retry_after: 3 };
      return send({ status, trace_id: requestId }, 429, extra);
    }
    case 'quota':
      return send({ status: { code: 4020, msg: 'balance is zero' }, trace_id: requestId });
    case 'auth':
      return send({ status: { code: 4010, msg: 'bad key' }, trace_id: requestId });
    case 'context-length':
      return send({ status: { code: 4130, msg: 'prompt too long' }, trace_id: requestId });
    case 'server-error':
      if (scenario.status === 502) {
        ctx.res.writeHead(502, { 'content-type': 'text/html' });
        ctx.res.end('<html><body>502 Bad Gateway</body></html>');
        return;
      }
      return send({ status: { code: 5000, msg: 'internal' } }, scenario.status ?? 500);
    case 'malformed-json':
      ctx.res.writeHead(200, { 'content-type': stream ? 'application/x-ndjson' : 'application/json', ...headers });
      ctx.res.end(stream ? '{"status":{"code":0},"delta":"bro\n' : '{"status":{"code":0},"result":');
      return;
    case 'truncated-stream': {
      const text = scenario.text ?? 'cut';
      if (!stream) {
        const full = Buffer.from(JSON.stringify({ status: ok, result: { output: { text, stop_reason: 'end' } } }));
        ctx.res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(full.length), ...headers });
        ctx.res.write(full.subarray(0, 20));
        ctx.res.socket?.end();
        return;
      }
      ctx.res.writeHead(200, { 'content-type': 'application/x-ndjson', ...headers });
      ctx.res.write(`${JSON.stringify({ status: ok, delta: text })}\n`);
      if (scenario.cut === 'clean') ctx.res.end();
      else ctx.res.socket?.end();
      return;
    }
    case 'block': {
      if (scenario.stage === 'input') return send({ status: { code: 4201, msg: 'input refused' }, trace_id: requestId });
      if (!stream) return send({ status: { code: 4202, msg: 'output withdrawn' }, trace_id: requestId, result: { output: { text: scenario.partialText ?? '' } } });
      ctx.res.writeHead(200, { 'content-type': 'application/x-ndjson', ...headers });
      ctx.res.write(`${JSON.stringify({ status: ok, delta: scenario.partialText ?? '' })}\n`);
      ctx.res.end(`${JSON.stringify({ status: { code: 4202, msg: 'output withdrawn' } })}\n`);
      return;
    }
    default:
      sendNotExpressible(ctx, 'acme');
  }
}
