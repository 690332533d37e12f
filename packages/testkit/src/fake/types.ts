import type { HttpVendorBlockSignal } from './http-vendors/common/block-signals.js';
/**
 * What a loopback fake vendor server does for one request. Every fake server (one per protocol
 * family) plays every scenario in its own vendor's wire format; scenarios a family cannot express
 * answer with a 501 naming the scenario, so a test never passes by accident.
 */
export type FakeScenario =
  /** A normal answer. `chunks` splits a streamed answer (defaults to a few pieces of `text`). */
  | {
      kind: 'text';
      text: string;
      chunks?: string[];
      finishReason?: 'stop' | 'length';
      usage?: FakeUsage;
      delayMs?: number;
      chunkDelayMs?: number;
      /**
       * The served model this answer reports, where the answer itself carries it (`id` as the
       * response's `model`, `fingerprint` as `system_fingerprint`); wins over the server's `servedModel` option.
       */
      served?: Pick<FakeServedModel, 'id' | 'fingerprint'>;
    }
  /** A 200 answer with empty content. */
  | { kind: 'empty' }
  /** Throttled: 429 with a Retry-After header in the given form. */
  | { kind: 'rate-limit'; retryAfter?: { seconds: number } | { ms: number } | { httpDate: Date } }
  /** 5xx (500, 502, 503; 529 for Anthropic "overloaded"). */
  | { kind: 'server-error'; status?: number }
  /** The connection is destroyed before any response. */
  | { kind: 'reset' }
  /**
   * Headers never arrive. The server waits until the client gives up (abort, timeout) or the
   * server closes; with `ms`, it destroys the connection after that many milliseconds instead.
   */
  | { kind: 'hang'; ms?: number }
  /** 200 with a body that is not valid JSON (or an SSE frame that is not). */
  | { kind: 'malformed-json' }
  /** A stream that stops mid-way without its terminator; non-stream requests get a cut-off body. */
  | {
      kind: 'truncated-stream';
      text?: string;
      /**
       * How the stream ends. `socket` (default): the connection closes without the HTTP
       * end-of-body, as when a proxy or the vendor drops it. `clean`: the HTTP body ends
       * properly but the protocol's terminator (finish reason, `[DONE]`, `message_stop`) never came.
       */
      cut?: 'socket' | 'clean';
    }
  /** The account's balance or quota is spent (vendor-specific code, usually 429 or 402). */
  | { kind: 'quota' }
  /** Bad credentials. */
  | { kind: 'auth' }
  /** The prompt is longer than the context window: an invalid request, never a block. */
  | { kind: 'context-length' }
  /** The vendor content filter fires. `partialText` is streamed before an output block. */
  | {
      kind: 'block';
      signal: BlockSignal;
      stage: 'input' | 'output';
      partialText?: string;
      /** Vendor severity where the signal has one: Zhipu `contentFilter[].level` (default 1), Qianfan `flag` (default 2). */
      severity?: number;
    };

/** The OpenAI-family and Anthropic content-filter signals (docs/vendor-apis.md §19.4). */
export type OpenAIFamilyBlockSignal =
  | 'openai-content-filter' // finish_reason=content_filter (output)
  | 'openai-refusal' // message.refusal (output)
  | 'openai-invalid-prompt' // 400 code invalid_prompt (input)
  | 'anthropic-refusal' // stop_reason=refusal, after partial text (output)
  | 'dashscope-compat' // 400 data_inspection_failed, message says Input/Output
  | 'zhipu-1301' // 400 code 1301 + contentFilter[{role}] (input: user, output: assistant); stream: finish_reason=sensitive
  | 'moonshot-content-filter' // 400 type content_filter
  | 'deepseek-risk' // 400 {"detail":"Content Exists Risk"} (input); finish_reason content_filter (output)
  | 'qianfan-v2-flag' // choices[].flag / ban_round (output), 400 type unsafe_request (input)
  | 'ark-sensitive'; // 400 InputTextSensitiveContentDetected / OutputTextSensitiveContentDetected

/**
 * A vendor content-filter signal a fake server can play: the built-in ones (OpenAI family,
 * Anthropic, the http-vendor fakes) or any name a third-party fake defines for its own vendor.
 * Each fake plays only its own signals and answers 501 for the rest.
 */
export type BlockSignal = OpenAIFamilyBlockSignal | HttpVendorBlockSignal | (string & {});

export interface FakeUsage {
  inputTokens: number;
  outputTokens: number;
}

/** One request as the fake server received it. */
export interface RecordedRequest {
  method: string;
  path: string;
  /** Lowercased names; repeated headers joined with `, `. Holds credentials as sent (fakes see fake keys only). */
  headers: Record<string, string>;
  /** Parsed JSON body (undefined when it was not JSON). */
  body: unknown;
  rawBody: string;
  /** The query string including `?`, or '' (`path` holds the path name only). */
  search: string;
  /**
   * Which scenario answered it: `none` when the server answered without playing one (model list,
   * unknown route, bad `x-fake-scenario` header); `auth` also when the server's own key check failed.
   */
  scenario: FakeScenario['kind'] | 'none';
  /** The request id the server sent back (header or body), when the protocol has one. */
  requestId?: string;
  /** The scenario played in full, when one was. */
  playedScenario?: FakeScenario;
  /**
   * The served-model fields the answer carried, in the contract's terms (the response's `model` as
   * `id`, `system_fingerprint` as `fingerprint`, the Ollama digest and llama.cpp model path the
   * server reports elsewhere). Set only for answers that carry them (text and empty answers).
   */
  served?: FakeServedModel;
  /** `Date.now()` when the request's body had been read. */
  receivedAt: number;
}

/**
 * The model a fake says served an answer, in the contract's terms (`ServedModelV1`): `id` is the
 * response's `model`, `fingerprint` OpenAI's `system_fingerprint`, `digest` Ollama's `/api/tags`
 * digest, `path` llama.cpp's `/props` `model_path`.
 */
export interface FakeServedModel {
  id?: string;
  fingerprint?: string;
  digest?: string;
  path?: string;
}

/**
 * Overrides what a fake reports as the served model, per request (the request asking for the
 * answer, or for `/api/tags` / `/props`). A field left undefined keeps the fake's default: the
 * requested model as `id`, the vendor's usual fingerprint, digest and path. Lets a test switch the
 * model behind an alias mid-run, as a vendor may.
 */
export type ServedModelOverride = (request: RecordedRequest) => FakeServedModel | undefined;

/** Picks the scenario for a request: a fixed queue, or a function of the request (personas). */
export type ScenarioHandler = (request: RecordedRequest) => FakeScenario | Promise<FakeScenario>;

export interface FakeServer {
  /** Origin, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  /** The base URL an SDK client takes (e.g. `${url}/v1` for the OpenAI family). */
  readonly baseURL: string;
  /** Every request received, in order. */
  readonly requests: RecordedRequest[];
  /** Queue scenarios for the next requests, in order. */
  enqueue(...scenarios: FakeScenario[]): void;
  /** What to play when the queue is empty (default: a short text answer). */
  setHandler(handler: ScenarioHandler): void;
  /** Clears the queue, the handler and the request log. */
  reset(): void;
  close(): Promise<void>;
}
