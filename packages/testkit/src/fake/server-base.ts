import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { SCENARIO_HEADER } from './scenario-header.js';
import { recordRequest } from './record-request.js';
import { createScenarioSource } from './scenario-source.js';
import { trackSockets } from './track-sockets.js';
import type { FakeScenario, FakeServer, RecordedRequest } from './types.js';

/** What a protocol family sees for each request. */
export interface FakeRequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  /** The request as recorded (already in `server.requests`); set `scenario` when you answer it yourself. */
  request: RecordedRequest;
  /**
   * Waits `ms` milliseconds. Resolves `false` early when the client went away or the server is
   * closing, so a family can stop writing instead of writing into a dead socket.
   */
  delay(ms: number): Promise<boolean>;
  /** True once the client disconnected or the server started closing. */
  readonly gone: boolean;
  /** Writes a JSON response (helper for the common case). */
  sendJson(status: number, body: unknown, headers?: Record<string, string>): void;
}

/** The context of a request that plays a scenario. */
export interface FakeRespondContext extends FakeRequestContext {
  scenario: FakeScenario;
}

/** How a protocol family plugs into the generic loopback server. */
export interface FakeServerBaseOptions {
  /** Appended to the origin to form `baseURL` (e.g. `/v1`). Default ''. */
  basePath?: string;
  /**
   * Runs first for every request. Answer it here (unknown route → 404, model list, failed key
   * check) and return `true`; return `false` to have a scenario picked and played.
   */
  intercept?(ctx: FakeRequestContext): boolean | Promise<boolean>;
  /**
   * Writes the response for a scenario in the family's wire format. `hang` and `reset` are played
   * by the base and never reach it; a scenario the family cannot express should get a 501 that
   * names it (see {@link sendNotExpressible}).
   */
  respond(ctx: FakeRespondContext): void | Promise<void>;
  /** Played when the queue is empty and no handler is set. Default: a short text answer. */
  defaultScenario?: FakeScenario;
  /** Header that picks a scenario per request; `false` disables it. Default `x-fake-scenario`. */
  scenarioHeader?: string | false;
}

/** A running loopback server. Families wrap it to add their own fields. */
export interface FakeServerBase extends FakeServer {
  readonly port: number;
  /** Scenarios still queued. */
  readonly pending: readonly FakeScenario[];
}

/** The default answer when nothing else was chosen. */
export const DEFAULT_FAKE_SCENARIO: FakeScenario = { kind: 'text', text: 'Hello from the fake server.' };

/**
 * Starts a loopback HTTP server on 127.0.0.1 (random port) that records every request and plays
 * scenarios picked, in order of precedence, from the `x-fake-scenario` header, the queue, the
 * handler, or the default. `close()` destroys open sockets, so it never waits on a hung client.
 */
export async function createFakeServerBase(options: FakeServerBaseOptions): Promise<FakeServerBase> {
  const source = createScenarioSource(options.defaultScenario ?? DEFAULT_FAKE_SCENARIO);
  const timers = new Set<{ timer: NodeJS.Timeout; resolve: (ok: boolean) => void }>();
  let closing = false;
  const headerName =
    options.scenarioHeader === false ? undefined : (options.scenarioHeader ?? SCENARIO_HEADER).toLowerCase();

  const server: Server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      // A bug in a family's respond() must surface in the test, not as a hung request.
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(`fake server error: ${(error as Error).message}`);
      } else {
        res.destroy();
      }
    });
  });
  const sockets = trackSockets(server);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawBody = await readBody(req);
    const request = recordRequest(req, rawBody);
    source.requests.push(request);
    let clientGone = false;
    res.on('close', () => {
      clientGone = true;
    });
    const ctx: FakeRequestContext = {
      req,
      res,
      request,
      get gone() {
        return clientGone || closing || res.destroyed;
      },
      delay: (ms) => delay(ms, () => clientGone || closing),
      sendJson: (status, body, headers) => sendJson(res, status, body, headers),
    };
    if (options.intercept && (await options.intercept(ctx))) return;

    let scenario: FakeScenario;
    try {
      const fromHeader = headerName ? req.headers[headerName] : undefined;
      scenario = await source.pick(request, typeof fromHeader === 'string' ? fromHeader : undefined);
    } catch (error) {
      request.scenario = 'none';
      sendJson(res, 400, { error: { message: (error as Error).message, type: 'fake_server_error' } });
      return;
    }
    request.scenario = scenario.kind;
    request.playedScenario = scenario;
    if (scenario.kind === 'reset') {
      destroyHard(req);
      return;
    }
    if (scenario.kind === 'hang') {
      if (scenario.ms === undefined) return; // held until the client leaves or close() destroys it
      await ctx.delay(scenario.ms);
      destroyHard(req);
      return;
    }
    await options.respond(Object.assign(ctx, { scenario }));
  }

  function delay(ms: number, stop: () => boolean): Promise<boolean> {
    if (stop()) return Promise.resolve(false);
    return new Promise((resolve) => {
      const entry = {
        resolve,
        timer: setTimeout(() => {
          timers.delete(entry);
          resolve(!stop());
        }, ms),
      };
      timers.add(entry);
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('fake server: no TCP address');
  const url = `http://127.0.0.1:${address.port}`;

  return {
    url,
    port: address.port,
    baseURL: url + (options.basePath ?? ''),
    requests: source.requests,
    get pending() {
      return source.pending;
    },
    enqueue: source.enqueue,
    setHandler: source.setHandler,
    reset: source.reset,
    close: async () => {
      if (closing) return;
      closing = true;
      for (const entry of timers) {
        clearTimeout(entry.timer);
        entry.resolve(false);
      }
      timers.clear();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      server.closeAllConnections();
      await closed;
    },
  };
}

/** Answers a scenario the family's protocol has no way to express: 501 naming it. */
export function sendNotExpressible(ctx: FakeRespondContext, family: string, detail?: string): void {
  const name = ctx.scenario.kind === 'block' ? `block/${ctx.scenario.signal}/${ctx.scenario.stage}` : ctx.scenario.kind;
  ctx.sendJson(501, {
    error: {
      message: `fake ${family} server cannot express scenario "${name}"${detail ? `: ${detail}` : ''}`,
      type: 'fake_scenario_not_expressible',
    },
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(text);
}

function destroyHard(req: IncomingMessage): void {
  // An RST (not a polite FIN) is what a crashed upstream or a dropping proxy looks like.
  const socket = req.socket as Socket & { resetAndDestroy?: () => Socket };
  if (typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
  else socket.destroy();
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
