import type { BlockSignal } from '../types.js';

/** The OpenAI-compatible endpoints the fake can impersonate. `generic` accepts every OpenAI-family signal. */
export type OpenAIFakeVendor =
  | 'openai'
  | 'deepseek'
  | 'dashscope'
  | 'qianfan'
  | 'zhipu'
  | 'moonshot'
  | 'ark'
  | 'vllm'
  | 'lmstudio'
  | 'llamacpp'
  | 'ollama'
  | 'generic';

/** The quirks of one vendor that are not error bodies (docs/vendor-apis.md §1–§16). */
export interface OpenAIVendorProfile {
  /** Path the vendor's SDK base URL ends with; `${basePath}/chat/completions` is the chat route. */
  basePath: string;
  /** Response header carrying the request id, if the vendor sends one. */
  requestIdHeader?: string;
  /** Whether error bodies (and, for Zhipu, success bodies) carry a top-level `request_id`. */
  requestIdInBody?: 'errors' | 'always';
  /** Completion id prefix (`chatcmpl-`, Qianfan `as-`). */
  idPrefix: string;
  /** DeepSeek holds the line open with `: keep-alive` comments (stream) or blank lines (non-stream). */
  keepAlive: boolean;
  /** Zhipu puts `usage` on the final chunk itself instead of an extra `choices: []` chunk. */
  usageInFinalChunk: boolean;
  /** Which block signals this vendor really emits; any other is answered with a 501. */
  blockSignals: readonly BlockSignal[];
  /** Local servers accept any key unless started with one; Ollama never checks. */
  checksAuth: boolean;
  /**
   * The `system_fingerprint` every body and chunk carries, when the vendor sends one: OpenAI and
   * DeepSeek a `fp_…` backend id, llama-server its build (`b<number>-<commit>`, as `/props` `build_info`).
   */
  fingerprint?: string;
}

const ALL_OPENAI_FAMILY_SIGNALS: readonly BlockSignal[] = [
  'openai-content-filter',
  'openai-refusal',
  'openai-invalid-prompt',
  'dashscope-compat',
  'zhipu-1301',
  'moonshot-content-filter',
  'deepseek-risk',
  'qianfan-v2-flag',
  'ark-sensitive',
];

const hosted = {
  keepAlive: false,
  usageInFinalChunk: false,
  checksAuth: true,
  requestIdHeader: 'x-request-id',
  idPrefix: 'chatcmpl-',
} as const;
const local = {
  keepAlive: false,
  usageInFinalChunk: false,
  checksAuth: true,
  basePath: '/v1',
  idPrefix: 'chatcmpl-',
  blockSignals: [],
} as const;

/** Vendor quirks by name. */
export const OPENAI_VENDOR_PROFILES: Readonly<Record<OpenAIFakeVendor, OpenAIVendorProfile>> = {
  openai: {
    ...hosted,
    basePath: '/v1',
    fingerprint: 'fp_fake',
    blockSignals: ['openai-content-filter', 'openai-refusal', 'openai-invalid-prompt'],
  },
  deepseek: {
    ...hosted,
    basePath: '',
    keepAlive: true,
    fingerprint: 'fp_fake',
    blockSignals: ['deepseek-risk', 'openai-content-filter'],
  },
  dashscope: {
    ...hosted,
    basePath: '/compatible-mode/v1',
    requestIdHeader: 'x-dashscope-request-id',
    requestIdInBody: 'errors',
    blockSignals: ['dashscope-compat', 'openai-content-filter'],
  },
  qianfan: { ...hosted, basePath: '/v2', idPrefix: 'as-', blockSignals: ['qianfan-v2-flag', 'openai-content-filter'] },
  zhipu: {
    ...hosted,
    basePath: '/api/paas/v4',
    requestIdInBody: 'always',
    usageInFinalChunk: true,
    blockSignals: ['zhipu-1301'],
  },
  moonshot: { ...hosted, basePath: '/v1', blockSignals: ['moonshot-content-filter', 'openai-content-filter'] },
  ark: { ...hosted, basePath: '/api/v3', blockSignals: ['ark-sensitive', 'openai-content-filter'] },
  vllm: { ...local },
  lmstudio: { ...local },
  llamacpp: { ...local, fingerprint: 'b0000-fake' },
  ollama: { ...local, checksAuth: false },
  generic: { ...hosted, basePath: '/v1', blockSignals: ALL_OPENAI_FAMILY_SIGNALS },
};

/** Every chat route the fake answers, whatever the vendor (SDK base URLs differ, the fake is lenient). */
export const CHAT_PATHS: readonly string[] = [
  '/v1/chat/completions',
  '/chat/completions',
  '/compatible-mode/v1/chat/completions',
  '/api/paas/v4/chat/completions',
  '/v2/chat/completions',
  '/api/v3/chat/completions',
];

/** Every model-list route the fake answers. */
export const MODEL_PATHS: readonly string[] = CHAT_PATHS.map((path) => path.replace(/\/chat\/completions$/, '/models'));
