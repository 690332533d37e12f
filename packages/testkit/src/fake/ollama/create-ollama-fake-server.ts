import { createHash } from 'node:crypto';
import { createFakeServerBase } from '../server-base.js';
import type { FakeRequestContext, FakeServerBase } from '../server-base.js';
import type { FakeScenario, RecordedRequest, ServedModelOverride } from '../types.js';
import { estimateTokens } from '../common/split-text.js';
import { servedOverride } from '../served-override.js';
import { notPulledError } from './bodies.js';
import { playChat, playStreamError } from './play-chat.js';
import type { OllamaExchange } from './play-chat.js';

export interface OllamaFakeServerOptions {
  /** Models `ollama list` would show, as `name:tag`. Others get the "not found, try pulling it first" 404. Default `['fake-model:latest']`. */
  models?: string[];
  /** Played when the queue is empty and no handler is set. */
  defaultScenario?: FakeScenario;
  /**
   * What the server reports as the served model: `id` replaces the chat answers' `model` (default:
   * the requested name), `digest` the `/api/tags` digest of every listed model (default: a
   * 64-hex-digit SHA-256 of the model's name, the form Ollama lists). Asked per request, so a test
   * can re-pull a model mid-run.
   */
  servedModel?: ServedModelOverride;
}

/** A stream that fails part-way: the text to send first, then the error line. */
export interface OllamaStreamError {
  text: string;
  error: string;
}

/** A running Ollama fake. */
export interface OllamaFakeServer extends FakeServerBase {
  /**
   * Queues a mid-stream failure for the next streamed `/api/chat`: HTTP 200, `text` as `done:
   * false` lines, then `{"error": error}`. Taken before any scenario; recorded with scenario `none`.
   */
  enqueueStreamError(failure: OllamaStreamError): void;
}

/**
 * Starts a loopback fake of Ollama's native API: `GET /` ("Ollama is running"), `GET /api/version`,
 * `GET /api/tags`, and `POST /api/chat` (NDJSON stream by default, one JSON body with
 * `"stream": false`; final line `done: true` with `done_reason`, `prompt_eval_count`,
 * `eval_count`). Unknown models get 404 `model "x" not found, try pulling it first`. Ollama has
 * no auth, quota, rate limit or filter, and truncates over-long prompts: those scenarios answer 501.
 */
export async function createOllamaFakeServer(options: OllamaFakeServerOptions = {}): Promise<OllamaFakeServer> {
  const models = options.models ?? ['fake-model:latest'];
  const streamErrors: OllamaStreamError[] = [];

  const digestOf = (request: RecordedRequest, name: string): string =>
    options.servedModel?.(request)?.digest ?? createHash('sha256').update(name).digest('hex');
  const exchangeOf = (request: RecordedRequest, scenario?: FakeScenario): OllamaExchange => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const requested = typeof body.model === 'string' ? body.model : '';
    const listed = models.find((m) => sameModel(m, requested)) ?? requested;
    const served = scenario === undefined ? options.servedModel : servedOverride(scenario, options.servedModel);
    return {
      model: served?.(request)?.id ?? requested,
      digest: digestOf(request, listed),
      stream: body.stream !== false,
      promptTokens: Array.isArray(body.messages)
        ? body.messages.reduce(
            (n: number, m: unknown) =>
              n + 4 + estimateTokens(String((m as { content?: unknown } | null)?.content ?? '')),
            0,
          )
        : 0,
    };
  };

  const intercept = async (ctx: FakeRequestContext): Promise<boolean> => {
    const { method, path, body } = ctx.request;
    if (method === 'GET' && path === '/') {
      ctx.res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      ctx.res.end('Ollama is running');
      return true;
    }
    if (method === 'GET' && path === '/api/version') {
      ctx.sendJson(200, { version: '0.0.0-fake' });
      return true;
    }
    if (method === 'GET' && path === '/api/tags') {
      ctx.sendJson(200, {
        models: models.map((name) => ({
          name,
          model: name,
          modified_at: '2024-01-01T00:00:00Z',
          size: 1_000_000,
          digest: digestOf(ctx.request, name),
          details: {
            format: 'gguf',
            family: 'llama',
            families: ['llama'],
            parameter_size: '1B',
            quantization_level: 'Q4_K_M',
          },
        })),
      });
      return true;
    }
    if (method !== 'POST' || path !== '/api/chat') {
      ctx.sendJson(404, { error: `404 page not found` });
      return true;
    }
    const record = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    if (typeof record.model !== 'string' || record.model === '') {
      ctx.sendJson(400, { error: 'model is required' });
      return true;
    }
    if (!models.some((m) => sameModel(m, record.model as string))) {
      ctx.sendJson(404, notPulledError(record.model));
      return true;
    }
    if (record.messages !== undefined && !Array.isArray(record.messages)) {
      ctx.sendJson(400, {
        error: 'json: cannot unmarshal string into Go struct field ChatRequest.messages of type []api.Message',
      });
      return true;
    }
    const exchange = exchangeOf(ctx.request);
    const failure = exchange.stream ? streamErrors.shift() : undefined;
    if (failure !== undefined) {
      await playStreamError(ctx, exchange, failure.text, failure.error);
      return true;
    }
    return false;
  };

  const base = await createFakeServerBase({
    intercept,
    respond: (ctx) => playChat(ctx, exchangeOf(ctx.request, ctx.scenario)),
    defaultScenario: options.defaultScenario,
  });
  const reset = base.reset;
  return Object.assign(base, {
    enqueueStreamError(failure: OllamaStreamError) {
      streamErrors.push(failure);
    },
    reset() {
      streamErrors.length = 0;
      reset();
    },
  });
}

/** Ollama's `latest` tag is implied: `qwen2.5` is `qwen2.5:latest`. */
function sameModel(a: string, b: string): boolean {
  const tagged = (name: string): string => ((name.split('/').pop() ?? name).includes(':') ? name : `${name}:latest`);
  return tagged(a) === tagged(b);
}
