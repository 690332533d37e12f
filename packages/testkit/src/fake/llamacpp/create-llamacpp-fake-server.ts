import { createFakeServerBase } from '../server-base.js';
import type { FakeRequestContext, FakeRespondContext, FakeServerBase } from '../server-base.js';
import type { FakeScenario, RecordedRequest, ServedModelOverride } from '../types.js';
import { estimateTokens } from '../common/split-text.js';
import { servedOverride } from '../served-override.js';
import { chatBodyProblem } from '../openai/intercept.js';
import { createOpenAIResponder } from '../openai/respond.js';
import { LOADING_MODEL_ERROR, sendLlamaError, sendOverflow } from './errors.js';
import { playNative } from './native-completion.js';

export interface LlamaCppFakeServerOptions {
  /** How many `/health` requests answer 503 "Loading model" before the model is ready. Default 0. */
  loadingRequests?: number;
  /** `n_ctx` per slot, reported by `/props`; prompts estimated longer than this get the overflow 400. Default 4096. */
  contextSize?: number;
  /** `total_slots` reported by `/props` (`--parallel`). Default 1. */
  totalSlots?: number;
  /** `model_path` reported by `/props`. */
  modelPath?: string;
  /** As `--api-key`: every route but `/health` and `/props` needs `Authorization: Bearer <apiKey>`. */
  apiKey?: string;
  /** Played when the queue is empty and no handler is set. */
  defaultScenario?: FakeScenario;
  /**
   * What the server reports as the served model, per request: `path` replaces `model_path` in
   * `/props` and the native answers' `model` (default `modelPath`: a server restarted on another
   * file), `id` the chat answers' `model` (default: the requested name, as llama-server echoes it),
   * `fingerprint` their `system_fingerprint` (default the build, `b0000-fake`).
   */
  servedModel?: ServedModelOverride;
}

/** A running llama-server fake. */
export interface LlamaCppFakeServer extends FakeServerBase {
  /** `/health` requests answered so far. */
  readonly healthChecks: number;
  /** Makes the next `count` `/health` requests answer 503 again (a model reload). */
  setLoading(count: number): void;
}

const PUBLIC_PATHS = new Set(['/health', '/v1/health', '/props']);
const CHAT_PATH = '/v1/chat/completions';

/**
 * Starts a loopback fake of llama.cpp's `llama-server`: `GET /health` (503 "Loading model" for the
 * first `loadingRequests` polls, then `{"status":"ok"}`), `GET /props`, `GET /v1/models`, the
 * native `POST /completion` (SSE per token without `[DONE]`) and `POST /v1/chat/completions` (the
 * OpenAI-family fake's llama.cpp profile). Prompts estimated longer than `contextSize` tokens get
 * llama-server's overflow 400 whatever the scenario. Rate limits, quota and blocks do not exist
 * on a local server and answer 501.
 */
export async function createLlamaCppFakeServer(options: LlamaCppFakeServerOptions = {}): Promise<LlamaCppFakeServer> {
  const contextSize = options.contextSize ?? 4096;
  const totalSlots = options.totalSlots ?? 1;
  const defaultPath = options.modelPath ?? '/models/fake-model-q4_k_m.gguf';
  const pathFor = (request: RecordedRequest): string => options.servedModel?.(request)?.path ?? defaultPath;
  let loadingLeft = options.loadingRequests ?? 0;
  let healthChecks = 0;
  const chatResponder = createOpenAIResponder('llamacpp', options.servedModel);

  const intercept = (ctx: FakeRequestContext): boolean => {
    const { method, path, headers, body } = ctx.request;
    if (method === 'GET' && (path === '/health' || path === '/v1/health')) {
      healthChecks++;
      if (loadingLeft > 0) {
        loadingLeft--;
        ctx.sendJson(503, { error: LOADING_MODEL_ERROR });
      } else {
        ctx.sendJson(200, { status: 'ok' });
      }
      return true;
    }
    if (
      options.apiKey !== undefined &&
      !PUBLIC_PATHS.has(path) &&
      headers.authorization !== `Bearer ${options.apiKey}`
    ) {
      ctx.request.scenario = 'auth';
      sendLlamaError(ctx, 401, 'Invalid API Key', 'authentication_error');
      return true;
    }
    if (method === 'GET' && path === '/props') {
      ctx.sendJson(200, {
        default_generation_settings: {
          n_ctx: contextSize,
          params: { n_predict: -1, seed: 4294967295, temperature: 0.8, top_k: 40, top_p: 0.95 },
        },
        total_slots: totalSlots,
        model_path: pathFor(ctx.request),
        chat_template:
          "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}",
        bos_token: '<s>',
        eos_token: '</s>',
        build_info: 'b0000-fake',
      });
      return true;
    }
    if (method === 'GET' && (path === '/v1/models' || path === '/models')) {
      ctx.sendJson(200, {
        object: 'list',
        data: [
          { id: pathFor(ctx.request).split('/').pop(), object: 'model', created: 1_700_000_000, owned_by: 'llamacpp' },
        ],
      });
      return true;
    }
    if (method === 'POST' && path === '/completion') {
      const prompt = (body as { prompt?: unknown } | undefined)?.prompt;
      if (typeof prompt !== 'string' && !Array.isArray(prompt)) {
        sendLlamaError(ctx, 400, '"prompt" must be a string or an array of tokens', 'invalid_request_error');
        return true;
      }
      return false;
    }
    if (method === 'POST' && path === CHAT_PATH) {
      const problem = chatBodyProblem(body, 'llamacpp');
      if (problem === undefined) return false;
      sendLlamaError(ctx, 400, problem, 'invalid_request_error');
      return true;
    }
    sendLlamaError(ctx, 404, `File Not Found: ${method} ${path}`, 'not_found_error');
    return true;
  };

  const respond = async (ctx: FakeRespondContext): Promise<void> => {
    const body = (ctx.request.body ?? {}) as Record<string, unknown>;
    const promptTokens =
      ctx.request.path === CHAT_PATH ? chatPromptTokens(body.messages) : completionPromptTokens(body.prompt);
    // llama-server checks the prompt against the slot's context before generating anything.
    if (promptTokens > contextSize && ctx.scenario.kind !== 'hang' && ctx.scenario.kind !== 'reset') {
      sendOverflow(ctx, promptTokens, contextSize);
      return;
    }
    if (ctx.request.path === CHAT_PATH) {
      if (ctx.scenario.kind === 'context-length') {
        sendOverflow(ctx, contextSize + 1, contextSize);
        return;
      }
      await chatResponder(ctx);
      if (ctx.request.served !== undefined) ctx.request.served.path = pathFor(ctx.request);
      return;
    }
    const modelPath = pathFor(ctx.request);
    const modelName = servedOverride(ctx.scenario, options.servedModel)?.(ctx.request)?.id ?? modelPath;
    await playNative(ctx, { contextSize, promptTokens, stream: body.stream === true, modelPath, modelName });
  };

  const base = await createFakeServerBase({ intercept, respond, defaultScenario: options.defaultScenario });
  // Object.assign would copy the getter's current value; define it so it stays live.
  Object.defineProperty(base, 'healthChecks', { get: () => healthChecks, enumerable: true });
  return Object.assign(base as FakeServerBase & { readonly healthChecks: number }, {
    setLoading(count: number) {
      loadingLeft = count;
    },
  });
}

/** The fakes' stand-in tokenizer over a chat body (four characters a token, four per message). */
function chatPromptTokens(messages: unknown): number {
  if (!Array.isArray(messages)) return 0;
  return messages.reduce((total: number, m: unknown) => {
    const content = (m as { content?: unknown } | null)?.content;
    return total + 4 + (typeof content === 'string' ? estimateTokens(content) : 0);
  }, 0);
}

function completionPromptTokens(prompt: unknown): number {
  if (typeof prompt === 'string') return estimateTokens(prompt);
  return Array.isArray(prompt) ? prompt.length : 0;
}
