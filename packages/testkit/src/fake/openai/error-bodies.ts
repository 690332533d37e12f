import { GATEWAY_502_PAGE } from '../common/gateway.js';
import type { OpenAIFakeVendor } from './vendors.js';

/** Error situations that every OpenAI-compatible vendor words differently. */
export type OpenAIErrorKind =
  | 'rate-limit'
  | 'quota'
  | 'auth'
  | 'context-length'
  | 'server-error'
  | 'bad-request'
  | 'not-found';

/** An error response to send. `body` is JSON unless `text` is set. */
export interface ErrorReply {
  status: number;
  body?: unknown;
  /** A non-JSON body (gateway HTML pages). */
  text?: string;
}

export interface ErrorInfo {
  requestId: string;
  completionId: string;
  /** For 5xx: which status to play (500, 502, 503). */
  status?: number;
  /** For bad-request / not-found: what was wrong. */
  detail?: string;
  /** The key the client sent, masked the way vendors echo it (never the full key). */
  maskedKey?: string;
}

type Envelope = (
  status: number,
  e: { message: string; type?: string; code?: string | number | null; param?: string | null },
  info: ErrorInfo,
) => unknown;

// The envelope shapes of docs/vendor-apis.md §0 (error envelope column).
const openaiEnvelope: Envelope = (_s, e) => ({
  error: { message: e.message, type: e.type ?? 'invalid_request_error', param: e.param ?? null, code: e.code ?? null },
});
const dashscopeEnvelope: Envelope = (_s, e, i) => ({
  error: { code: e.code ?? null, param: e.param ?? null, message: e.message, type: e.type ?? e.code ?? null },
  id: i.completionId,
  request_id: i.requestId,
});
const qianfanEnvelope: Envelope = (_s, e, i) => ({
  error: { code: e.code, message: e.message, type: e.type ?? 'invalid_request_error' },
  id: i.completionId,
});
const zhipuEnvelope: Envelope = (_s, e) => ({ error: { code: String(e.code), message: e.message } });
const moonshotEnvelope: Envelope = (_s, e) => ({ error: { type: e.type, message: e.message } });
const arkEnvelope: Envelope = (_s, e) => ({
  error: { code: e.code, message: e.message, param: e.param ?? '', type: e.type },
});
const vllmEnvelope: Envelope = (s, e) => ({
  error: { message: e.message, type: e.type ?? 'BadRequestError', param: e.param ?? null, code: s },
});
const llamacppEnvelope: Envelope = (s, e) => ({
  error: { code: s, message: e.message, type: e.type ?? 'invalid_request_error' },
});

/**
 * The vendor's error response for `kind`, or `undefined` when the vendor has no such error (local
 * servers queue instead of throttling and have no quota). Messages are written for the fake; codes,
 * types and statuses follow docs/vendor-apis.md (§1, §3, §4b, §5b, §6, §7, §12, §14–§16).
 */
export function vendorError(vendor: OpenAIFakeVendor, kind: OpenAIErrorKind, info: ErrorInfo): ErrorReply | undefined {
  if (kind === 'server-error' && (info.status ?? 500) === 502) return { status: 502, text: GATEWAY_502_PAGE };
  const row = TABLE[vendor][kind];
  if (!row) return undefined;
  const [status, fields, own] = row(info);
  return { status, body: (own ?? ENVELOPES[vendor])(status, fields, info) };
}

/** A status and the error's fields; a row may name its own envelope (vLLM's 401 is a bare string). */
type Row = (info: ErrorInfo) => [number, Parameters<Envelope>[1], Envelope?];
type VendorTable = Partial<Record<OpenAIErrorKind, Row>>;

/** The envelope each vendor sends its errors in (a row may name its own). */
const ENVELOPES: Readonly<Record<OpenAIFakeVendor, Envelope>> = {
  openai: openaiEnvelope,
  generic: openaiEnvelope,
  deepseek: openaiEnvelope,
  dashscope: dashscopeEnvelope,
  qianfan: qianfanEnvelope,
  zhipu: zhipuEnvelope,
  moonshot: moonshotEnvelope,
  ark: arkEnvelope,
  vllm: vllmEnvelope,
  llamacpp: llamacppEnvelope,
  lmstudio: openaiEnvelope,
  ollama: openaiEnvelope,
};

const serverStatus = (i: ErrorInfo): number => i.status ?? 500;
const badRequest =
  (type?: string, code?: string): Row =>
  (i) => [400, { message: i.detail ?? 'Invalid request', type, code }];
const notFound =
  (type?: string, code?: string): Row =>
  (i) => [404, { message: i.detail ?? 'Not found', type, code }];

const openaiTable: VendorTable = {
  'rate-limit': () => [
    429,
    {
      message: 'Rate limit reached for requests on this fake organization. Please try again later.',
      type: 'requests',
      code: 'rate_limit_exceeded',
    },
  ],
  quota: () => [
    429,
    {
      message: 'You exceeded your current quota, please check your plan and billing details.',
      type: 'insufficient_quota',
      code: 'insufficient_quota',
    },
  ],
  auth: (i) => [
    401,
    {
      message: `Incorrect API key provided: ${i.maskedKey ?? ''}.`,
      type: 'invalid_request_error',
      code: 'invalid_api_key',
    },
  ],
  'context-length': () => [
    400,
    {
      message:
        "This model's maximum context length is 8192 tokens. However, your messages resulted in 9001 tokens. Please reduce the length of the messages.",
      code: 'context_length_exceeded',
      param: 'messages',
    },
  ],
  'server-error': (i) => [
    serverStatus(i),
    { message: 'The server had an error while processing your request.', type: 'server_error' },
  ],
  'bad-request': badRequest(),
  'not-found': notFound('invalid_request_error', 'unknown_url'),
};

const TABLE: Readonly<Record<OpenAIFakeVendor, VendorTable>> = {
  openai: openaiTable,
  generic: openaiTable,
  deepseek: {
    'rate-limit': () => [429, { message: 'Rate Limit Reached', type: 'rate_limit_error', code: 'rate_limit_exceeded' }],
    quota: () => [402, { message: 'Insufficient Balance', type: 'unknown_error', code: 'invalid_request_error' }],
    auth: (i) => [
      401,
      {
        message: `Authentication Fails, Your api key: ${i.maskedKey ?? ''} is invalid`,
        type: 'authentication_error',
        code: 'invalid_request_error',
      },
    ],
    'context-length': () => [
      400,
      {
        message:
          "This model's maximum context length is 65536 tokens. However, you requested 70000 tokens (69000 in the messages, 1000 in the completion). Please reduce the length of the messages or completion.",
        code: 'invalid_request_error',
      },
    ],
    'server-error': (i) => [
      serverStatus(i),
      { message: i.status === 503 ? 'Server overloaded' : 'Internal server error', type: 'internal_error' },
    ],
    'bad-request': badRequest('invalid_request_error', 'invalid_request_error'),
    'not-found': notFound(),
  },
  dashscope: {
    'rate-limit': () => [
      429,
      { message: 'Requests rate limit exceeded, please try again later.', code: 'limit_requests' },
    ],
    quota: () => [
      429,
      {
        message: 'You exceeded your current quota, please check your plan and billing details.',
        code: 'insufficient_quota',
      },
    ],
    auth: () => [
      401,
      { message: 'Incorrect API key provided. ', type: 'invalid_request_error', code: 'invalid_api_key' },
    ],
    'context-length': () => [
      400,
      {
        message: 'Range of input length should be [1, 6000]',
        type: 'invalid_request_error',
        code: 'invalid_parameter_error',
      },
    ],
    'server-error': (i) => [
      serverStatus(i),
      { message: 'An internal error has occured, please try again later.', code: 'internal_error' },
    ],
    'bad-request': badRequest('invalid_request_error', 'invalid_parameter_error'),
    'not-found': notFound('invalid_request_error', 'model_not_found'),
  },
  qianfan: {
    'rate-limit': () => [
      429,
      { message: 'Rate limit reached for RPM', type: 'rpm_rate_limit_exceeded', code: 'rpm_rate_limit_exceeded' },
    ],
    // Unverified code: docs/vendor-apis.md lists no v2 authentication body.
    auth: () => [401, { message: 'IAM Certification failed', type: 'access_denied', code: 'invalid_iam_token' }],
    'context-length': () => [
      400,
      { message: 'Prompt tokens too long', type: 'invalid_request_error', code: 'tokens_too_long' },
    ],
    'server-error': (i) => [
      serverStatus(i),
      { message: 'Internal error', type: 'internal_error', code: 'internal_error' },
    ],
    'bad-request': badRequest('invalid_request_error', 'invalid_argument'),
    'not-found': notFound('invalid_request_error', 'invalid_model'),
  },
  zhipu: {
    'rate-limit': () => [429, { message: '当前API请求并发数过高，请降低并发后重试。', code: '1302' }],
    quota: () => [429, { message: '您的账户已欠费，请充值后重试。', code: '1113' }],
    auth: () => [401, { message: '身份验证失败。', code: '1000' }],
    'context-length': () => [400, { message: 'Prompt 超过模型最大长度限制。', code: '1261' }],
    'server-error': (i) => [serverStatus(i), { message: '服务内部错误，请稍后重试。', code: '500' }],
    'bad-request': (i) => [400, { message: i.detail ?? '参数错误', code: '1214' }],
    'not-found': (i) => [404, { message: i.detail ?? '模型不存在', code: '1211' }],
  },
  moonshot: {
    'rate-limit': () => [
      429,
      {
        message: 'Your account fake-org request reached max request: 3, please try again after 1 seconds',
        type: 'rate_limit_reached_error',
      },
    ],
    quota: () => [
      429,
      {
        message: 'Your account fake-org is suspended, please check your plan and billing details',
        type: 'exceeded_current_quota_error',
      },
    ],
    auth: () => [401, { message: 'Invalid Authentication', type: 'invalid_authentication_error' }],
    'context-length': () => [
      400,
      { message: 'Invalid request: Your request exceeded model token limit: 8192', type: 'invalid_request_error' },
    ],
    'server-error': (i) => [serverStatus(i), { message: 'Server error, please retry later', type: 'server_error' }],
    'bad-request': badRequest('invalid_request_error'),
    'not-found': notFound('resource_not_found_error'),
  },
  ark: {
    'rate-limit': () => [
      429,
      {
        message: 'The request has exceeded the rate limit of the endpoint (RPM).',
        type: 'TooManyRequests',
        code: 'RateLimitExceeded.EndpointRPMExceeded',
      },
    ],
    quota: () => [
      403,
      {
        message: 'The request failed because your account has an overdue balance.',
        type: 'Forbidden',
        code: 'AccountOverdueError',
      },
    ],
    auth: () => [
      401,
      {
        message: 'The API key in the request is missing or invalid.',
        type: 'Unauthorized',
        code: 'AuthenticationError',
      },
    ],
    // Unverified code: Ark's context-overflow code is not in docs/vendor-apis.md; an InvalidParameter 400 with a token message.
    'context-length': () => [
      400,
      {
        message: 'Total tokens of the request exceed the model context window of 32768 tokens.',
        type: 'BadRequest',
        code: 'InvalidParameter',
        param: 'messages',
      },
    ],
    'server-error': (i) => [
      serverStatus(i),
      {
        message: 'The service encountered an unexpected internal error.',
        type: 'InternalServerError',
        code: 'InternalServiceError',
      },
    ],
    'bad-request': badRequest('BadRequest', 'InvalidParameter'),
    'not-found': notFound('NotFound', 'InvalidEndpointOrModel.NotFound'),
  },
  vllm: {
    auth: () => [401, { message: 'Unauthorized' }, () => ({ error: 'Unauthorized' })],
    'context-length': () => [
      400,
      {
        message:
          "This model's maximum context length is 4096 tokens. However, you requested 5000 tokens (4000 in the messages, 1000 in the completion). Please reduce the length of the messages or completion.",
      },
    ],
    'server-error': (i) => [serverStatus(i), { message: 'Internal server error', type: 'InternalServerError' }],
    'bad-request': badRequest(),
    'not-found': notFound('NotFoundError'),
  },
  llamacpp: {
    auth: () => [401, { message: 'Invalid API Key', type: 'authentication_error' }],
    'context-length': () => [
      400,
      {
        message: 'the request exceeds the available context size, try increasing it',
        type: 'exceed_context_size_error',
      },
    ],
    'server-error': (i) => [
      serverStatus(i),
      i.status === 503
        ? { message: 'Loading model', type: 'unavailable_error' }
        : { message: 'Internal server error', type: 'server_error' },
    ],
    'bad-request': badRequest(),
    'not-found': notFound('not_found_error'),
  },
  lmstudio: {
    auth: () => [
      401,
      { message: 'Invalid or missing API token', type: 'invalid_request_error', code: 'invalid_api_key' },
    ],
    'context-length': () => [
      400,
      {
        message: 'The number of tokens to keep from the initial prompt is greater than the context length.',
        type: 'invalid_request_error',
      },
    ],
    'server-error': (i) => [serverStatus(i), { message: 'Internal server error', type: 'server_error' }],
    'bad-request': badRequest(),
    'not-found': notFound(),
  },
  // Ollama truncates an over-long prompt to num_ctx instead of failing, and has no auth or quota.
  ollama: {
    'server-error': (i) => [serverStatus(i), { message: 'llama runner process has terminated', type: 'api_error' }],
    'bad-request': badRequest(),
    'not-found': notFound('api_error'),
  },
};
