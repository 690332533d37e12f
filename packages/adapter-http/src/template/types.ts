import type { BlockRule, Condition, FailureRule, JsonPath } from '@sc-safety/adapter-utils';
import type { UnifiedFinishReason } from '@sc-safety/spec';

// The vendor rule language (paths, conditions, block and failure rules) is shared with adapter-openai.
export type {
  BlockRule,
  Condition,
  FailureKind,
  FailureRule,
  JsonPath,
  RetryAfterSource,
  StageSpec,
} from '@sc-safety/adapter-utils';

/** A numeric setting's body field and accepted range (out-of-range values are clamped with a warning). */
export interface ParamSpec {
  path: JsonPath;
  min?: number;
  max?: number;
  /** The bound itself is refused (Baidu temperature `(0, 1]`): values are moved one `step` inside. */
  minExclusive?: boolean;
  maxExclusive?: boolean;
  /** Distance kept from an exclusive bound (default 0.01; 1 for integers). */
  step?: number;
  /** Round to a whole number (token counts, seeds). */
  integer?: boolean;
}

/** Request mapping: where the conversation and the settings go in the body. */
export interface RequestMapping {
  /** Body field for the model id; omit when the model is in the URL (Qianfan v1, Spark). */
  model?: JsonPath;
  /** Body field holding the message array, e.g. `messages`, `input.messages`, `Messages`, `payload.message.text`. */
  messages: JsonPath;
  /** Field names inside one message (default `role` / `content`). */
  roleField?: string;
  contentField?: string;
  /** Vendor role names (default: the same names). */
  roles?: { system?: string; user?: string; assistant?: string };
  /**
   * System prompt placement: `message` (first message with the system role), `field` (a body field
   * given by `systemPath`), `merge` (folded into the first user message), `drop` (sent nowhere, with
   * a warning).
   */
  system: 'message' | 'field' | 'merge' | 'drop';
  systemPath?: JsonPath;
  /**
   * Turn rules. `alternate`: user and assistant must alternate, starting with user (Baidu v1,
   * Hunyuan); consecutive turns of one role are joined (`merge: join`, with a warning) or refused
   * before sending (`merge: reject`). `maxMessages`: oldest user/assistant pairs are dropped beyond it.
   */
  alternation?: { alternate: boolean; merge: 'join' | 'reject'; maxMessages?: number };
  /** Settings. A setting without a field here is not sent and produces an `unsupported-setting` warning. */
  params?: {
    temperature?: ParamSpec;
    topP?: ParamSpec;
    maxTokens?: ParamSpec;
    seed?: ParamSpec;
    stop?: { path: JsonPath };
  };
  /** Fixed body fields (path → value). String values may use `{model}`, `{modelPath}` and plugin variables such as `{appId}`. */
  body?: Record<JsonPath, unknown>;
  /** Where streaming is switched on: body fields and/or headers added only to streamed calls. */
  stream?: { body?: Record<JsonPath, unknown>; headers?: Record<string, string> };
  /** Body fields added only to non-streamed calls (`stream: false` where the vendor defaults to streaming). */
  noStream?: { body?: Record<JsonPath, unknown> };
}

/** Usage fields; each may list fallbacks (the first present wins). */
export interface UsagePaths {
  input?: JsonPath | JsonPath[];
  output?: JsonPath | JsonPath[];
  total?: JsonPath | JsonPath[];
  reasoning?: JsonPath | JsonPath[];
}

/**
 * Where the served model is (the contract's `ServedModelV1`): the response's own `model` as `id`,
 * a `system_fingerprint` as `fingerprint`… Each may list fallbacks (the first present wins).
 */
export interface ServedModelPaths {
  id?: JsonPath | JsonPath[];
  fingerprint?: JsonPath | JsonPath[];
  digest?: JsonPath | JsonPath[];
  path?: JsonPath | JsonPath[];
}

/** A request id from a body field or a response header. */
export type RequestIdSource = { path: JsonPath } | { header: string };

/** Where an answer's parts are. */
export interface ResponsePaths {
  text: JsonPath;
  reasoning?: JsonPath;
  finishReason?: JsonPath;
  usage?: UsagePaths;
  /** Tried in order. */
  requestId?: RequestIdSource[];
  /** The model the vendor says answered, for vendors whose body names it (MiniMax, Zhipu `model`). */
  servedModel?: ServedModelPaths;
}

/** Stream handling. */
export interface StreamSpec {
  /** `sse` server-sent events; `ndjson` one JSON object per line; `ws` WebSocket text frames. */
  format: 'sse' | 'ndjson' | 'ws';
  /** `delta`: each frame adds text; `cumulative`: each frame repeats the whole text so far. */
  accumulate: 'delta' | 'cumulative';
  /** Per-frame text (the delta, or the whole text so far when cumulative). */
  text: JsonPath;
  /** A frame field holding the complete answer (MiniMax's last frame): when present it replaces the accumulated text. */
  fullText?: JsonPath;
  reasoning?: JsonPath;
  finishReason?: JsonPath;
  usage?: UsagePaths;
  requestId?: RequestIdSource[];
  /** The served model in a frame (the last frame that names it wins). */
  servedModel?: ServedModelPaths;
  /**
   * How a complete stream is recognised. `sentinel`: a data line such as `[DONE]` (reading stops
   * there); `when`: a frame that ends the answer (`is_end`, a finish reason, `header.status == 2`).
   * A stream that closes before either is reported as truncated.
   */
  done: { sentinel?: string; when?: Condition };
  /** SSE `event:` names whose data is an error body (DashScope `error`). */
  errorEvents?: string[];
  /**
   * A regular expression over SSE comment lines whose first group is an HTTP status for the next
   * frame (DashScope `:HTTP_STATUS/400`). Other comment lines (`: keep-alive`) are ignored.
   */
  statusComment?: string;
}

/** How errors are recognised and read. */
export interface ErrorSpec {
  /** Bodies that are errors even with HTTP 200 (`error_code` present, `base_resp.status_code != 0`). */
  when?: Condition[];
  /** Where the vendor's code is (first present wins). */
  code: JsonPath[];
  /** Where the vendor's message is (first present wins). */
  message: JsonPath[];
  /** Request id inside an error body. */
  requestId?: JsonPath[];
}

/** Auth: static schemes, or a named plugin (signing, token exchange, JWT, signed WebSocket URL). */
export type AuthSpec =
  | { type: 'none' }
  | { type: 'bearer' }
  | { type: 'header'; name: string; prefix?: string }
  | { type: 'query'; name: string }
  | { type: 'plugin'; plugin: string; options?: Record<string, unknown> };

/**
 * A vendor as data: endpoint, auth, request mapping, response paths, stream format, error
 * detection, block rules and failure rules. Built-in presets are templates; a new vendor can be
 * written as a YAML file (see the package README).
 */
export interface HttpTemplate {
  /** Short name used as the provider suffix (`http.<name>`). */
  name: string;
  /** Vendor name for messages. */
  label: string;
  endpoint: {
    /** Origin plus any base path, e.g. `https://dashscope.aliyuncs.com`. */
    baseURL: string;
    /** Path appended to the base URL; `{model}` and `{modelPath}` are substituted. */
    path: string;
    /** Model id → path segment for `{modelPath}` (unknown models use their own id). */
    modelPaths?: Record<string, string>;
    /** Fixed query parameters. */
    query?: Record<string, string>;
  };
  auth: AuthSpec;
  /** Environment variable for the API key (default: none; then `apiKey` must be given when auth needs one). */
  apiKeyEnv?: string;
  /** Fixed headers on every call. */
  headers?: Record<string, string>;
  request: RequestMapping;
  response: ResponsePaths;
  /** Omit for vendors that cannot stream; `stream: true` is then refused in the config. */
  stream?: StreamSpec;
  errors: ErrorSpec;
  /** Vendor finish reason → unified (merged over the common defaults: stop, length, content_filter…). */
  finishReasons?: Record<string, UnifiedFinishReason>;
  /** Finish-reason values that mean "not finished yet" (DashScope sends the string `"null"`). */
  unfinishedReasons?: string[];
  /** Ordered; first match wins. */
  blocks?: BlockRule[];
  /** Ordered; first match wins. Applied to error bodies after the block rules. */
  failures?: FailureRule[];
  /** Whether `params.seed` is honoured (derived from `request.params.seed` when absent). */
  capabilities?: { multiTurn?: boolean; maxContextTokens?: number };
  /** Open questions about this vendor (behaviour marked unconfirmed): shown in docs, never guessed. */
  openQuestions?: string[];
}
