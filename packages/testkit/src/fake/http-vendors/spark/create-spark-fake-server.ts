import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { recordRequest } from '../../record-request.js';
import { SCENARIO_HEADER } from '../../scenario-header.js';
import { createScenarioSource } from '../../scenario-source.js';
import { DEFAULT_FAKE_SCENARIO } from '../../server-base.js';
import { trackSockets } from '../../track-sockets.js';
import type { FakeScenario, FakeServer } from '../../types.js';
import { countTokens, splitText } from '../../common/split-text.js';
import { truncatedText } from '../../common/truncated.js';
import { acceptWebSocket } from './ws-server-socket.js';
import type { WsServerSocket } from './ws-server-socket.js';

export interface SparkFakeServerOptions {
  appId: string;
  apiKey: string;
  apiSecret: string;
  /** The server's clock (ms); signed dates more than 300 s away are refused. Default `Date.now`. */
  now?: () => number;
  defaultScenario?: FakeScenario;
}

/** Paths the classic Spark service answers (docs/vendor-apis.md §8a). */
export const SPARK_PATHS = ['/v1.1/chat', '/v3.1/chat', '/chat/pro-128k', '/v3.5/chat', '/chat/max-32k', '/v4.0/chat'];

/** A running Spark fake. `baseURL` is `ws://127.0.0.1:<port>`. */
export interface SparkFakeServer extends FakeServer {
  readonly port: number;
}

/**
 * A loopback fake of iFlytek Spark's WebSocket chat. The upgrade request's signed URL is verified
 * (HMAC-SHA256 with the APISecret over host, date and request line; date within 300 s of the
 * server's clock) and refused with HTTP 401/403 and a JSON message as the service does; then one
 * request frame is read (its `header.app_id` checked) and the answer is sent as multi-frame JSON
 * (`header.status` 0/1/2, usage on the last frame). Errors are frames with `header.code != 0`.
 * Block signal `spark-audit`: input 10013 (or 10019 with `severity: 19`), output 10014 after
 * partial text. Rate limits are frames (11202), never a 429. The recorded `body` is the request frame.
 */
export async function createSparkFakeServer(options: SparkFakeServerOptions): Promise<SparkFakeServer> {
  const now = options.now ?? Date.now;
  const source = createScenarioSource(options.defaultScenario ?? DEFAULT_FAKE_SCENARIO);
  let seq = 0;

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(426, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ message: 'Upgrade Required' }));
  });
  const sockets = trackSockets(server);
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    void handle(req, socket, head).catch(() => socket.destroy());
  });

  function refuse(socket: Duplex, status: number, message: string): void {
    const body = JSON.stringify({ message });
    socket.end(
      `HTTP/1.1 ${status} ${status === 401 ? 'Unauthorized' : status === 403 ? 'Forbidden' : 'Error'}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
  }

  async function handle(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    // The upgrade request has no body; the request frame is recorded as `body` once it arrives.
    const request = recordRequest(req, '');
    const { headers } = request;
    source.requests.push(request);
    if (!SPARK_PATHS.includes(url.pathname)) return refuse(socket, 404, 'Not Found');
    const problem = verifySignedUrl(url, headers.host ?? '', options, now());
    if (problem !== undefined) {
      request.scenario = 'auth';
      return refuse(socket, problem.status, problem.message);
    }
    let scenario: FakeScenario;
    try {
      scenario = await source.pick(request, headers[SCENARIO_HEADER]);
    } catch (error) {
      return refuse(socket, 400, (error as Error).message);
    }
    request.scenario = scenario.kind;
    request.playedScenario = scenario;
    const sid = `cht000b${String(++seq).padStart(4, '0')}@dx-fake`;
    request.requestId = sid;
    // Handshake-level scenarios: what a gateway in front of the service does.
    if (scenario.kind === 'reset') return void (socket as Socket).resetAndDestroy();
    if (scenario.kind === 'hang') return;
    if (scenario.kind === 'server-error') {
      const status = scenario.status ?? 500;
      return refuse(socket, status, status === 502 ? '<html>502 Bad Gateway</html>' : 'internal error');
    }
    if (scenario.kind === 'auth') return refuse(socket, 401, 'HMAC signature cannot be verified');
    const ws = acceptWebSocket(req, socket, head);
    const text = await ws.firstMessage();
    request.rawBody = text;
    try {
      request.body = JSON.parse(text);
    } catch {
      request.body = undefined;
    }
    const frame = request.body as { header?: { app_id?: unknown } } | undefined;
    if (frame?.header?.app_id !== options.appId)
      return finishWith(ws, errorFrame(11200, 'AppIdNoAuthError:(11200)auth no license', sid));
    await play(ws, scenario, sid);
  }

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string')
        return reject(new Error('fake spark server: no TCP address'));
      const url = `http://127.0.0.1:${address.port}`;
      resolve({
        url,
        port: address.port,
        baseURL: `ws://127.0.0.1:${address.port}`,
        requests: source.requests,
        enqueue: source.enqueue,
        setHandler: source.setHandler,
        reset: source.reset,
        close: async () => {
          const closed = new Promise<void>((done) => server.close(() => done()));
          for (const socket of sockets) socket.destroy();
          await closed;
        },
      });
    });
  });
}

/** Checks a signed Spark URL; undefined when it is valid at `nowMs`. */
export function verifySignedUrl(
  url: URL,
  host: string,
  keys: { apiKey: string; apiSecret: string },
  nowMs: number,
): { status: number; message: string } | undefined {
  const authorization = url.searchParams.get('authorization');
  const date = url.searchParams.get('date');
  if (authorization === null || date === null || url.searchParams.get('host') !== host)
    return { status: 401, message: 'HMAC signature cannot be verified, missing authorization, date or host' };
  const when = Date.parse(date);
  if (Number.isNaN(when) || Math.abs(nowMs - when) > 300_000)
    return {
      status: 403,
      message: 'HMAC signature cannot be verified, a valid date or x-date header is required for HMAC Authentication',
    };
  const origin = Buffer.from(authorization, 'base64').toString('utf8');
  const match =
    /^api_key="([^"]*)", algorithm="hmac-sha256", headers="host date request-line", signature="([^"]*)"$/.exec(origin);
  if (match === null || match[1] !== keys.apiKey) return { status: 401, message: 'HMAC signature cannot be verified' };
  const expected = createHmac('sha256', keys.apiSecret)
    .update(`host: ${host}\ndate: ${date}\nGET ${url.pathname} HTTP/1.1`)
    .digest();
  const given = Buffer.from(match[2] ?? '', 'base64');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { status: 401, message: 'HMAC signature does not match' };
  return undefined;
}

function answerFrame(
  sid: string,
  content: string,
  status: number,
  seq: number,
  usage?: { input: number; output: number },
): string {
  const payload: Record<string, unknown> = {
    choices: { status, seq, text: [{ content, role: 'assistant', index: 0 }] },
  };
  if (usage)
    payload.usage = {
      text: {
        question_tokens: usage.input,
        prompt_tokens: usage.input,
        completion_tokens: usage.output,
        total_tokens: usage.input + usage.output,
      },
    };
  return JSON.stringify({ header: { code: 0, message: 'Success', sid, status }, payload });
}

function errorFrame(code: number, message: string, sid: string): string {
  return JSON.stringify({ header: { code, message, sid, status: 2 } });
}

function finishWith(ws: WsServerSocket, frame: string): void {
  ws.sendText(frame);
  ws.close();
}

async function play(ws: WsServerSocket, scenario: FakeScenario, sid: string): Promise<void> {
  switch (scenario.kind) {
    case 'text':
    case 'empty': {
      const text = scenario.kind === 'text' ? scenario.text : '';
      const pieces = scenario.kind === 'text' ? (scenario.chunks ?? splitText(text)) : [];
      const usage = {
        input: scenario.kind === 'text' ? (scenario.usage?.inputTokens ?? 8) : 8,
        output: scenario.kind === 'text' ? (scenario.usage?.outputTokens ?? countTokens(text)) : 0,
      };
      pieces.forEach((piece, i) => ws.sendText(answerFrame(sid, piece, i === 0 ? 0 : 1, i)));
      return finishWith(ws, answerFrame(sid, '', 2, pieces.length, usage));
    }
    case 'rate-limit':
      return finishWith(ws, errorFrame(11202, 'AppIdQpsOverFlowError:(11202)secondly limit', sid));
    case 'quota':
      return finishWith(ws, errorFrame(11201, 'AppIdNoAuthError:(11201)auth no enough license', sid));
    case 'context-length':
      return finishWith(ws, errorFrame(10907, 'token数量超过上限', sid));
    case 'malformed-json':
      ws.sendText('{"header":{"code":0,"status":1},"payload":');
      return ws.close();
    case 'truncated-stream': {
      splitText(truncatedText(scenario)).forEach((piece, i) =>
        ws.sendText(answerFrame(sid, piece, i === 0 ? 0 : 1, i)),
      );
      return scenario.cut === 'clean' ? ws.close() : ws.drop();
    }
    case 'block': {
      if ((scenario.signal as string) !== 'spark-audit')
        return finishWith(ws, errorFrame(10163, `fake spark server cannot express block/${scenario.signal}`, sid));
      if (scenario.stage === 'input') {
        return finishWith(
          ws,
          scenario.severity === 19
            ? errorFrame(10019, 'session tends towards violation', sid)
            : errorFrame(10013, 'input content audit failed', sid),
        );
      }
      splitText(scenario.partialText ?? 'Some partial text').forEach((piece, i) =>
        ws.sendText(answerFrame(sid, piece, i === 0 ? 0 : 1, i)),
      );
      return finishWith(ws, errorFrame(10014, 'output content involves sensitive information', sid));
    }
    default:
      return finishWith(ws, errorFrame(10163, `fake spark server cannot express ${scenario.kind}`, sid));
  }
}
