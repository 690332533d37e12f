import type { AdapterBaseConfigV1 } from '@sc-safety/spec';

/** The local runtimes the adapter drives. */
export const LOCAL_TARGETS = ['llamacpp', 'ollama', 'vllm', 'lmstudio', 'gguf'] as const;

/** One of {@link LOCAL_TARGETS}. */
export type LocalTarget = (typeof LOCAL_TARGETS)[number];

/** Targets reached over HTTP (every one but `gguf`, which runs in-process). */
export type LocalServerTarget = Exclude<LocalTarget, 'gguf'>;

/** Where each server listens by default (their documented default ports). */
export const DEFAULT_BASE_URLS: Readonly<Record<LocalServerTarget, string>> = {
  llamacpp: 'http://127.0.0.1:8080',
  ollama: 'http://127.0.0.1:11434',
  vllm: 'http://127.0.0.1:8000',
  lmstudio: 'http://127.0.0.1:1234',
};

/** Default per-call timeout: local models on a CPU can be slow, so five minutes. */
export const DEFAULT_TIMEOUT_MS = 300_000;

/** Default time `check()` waits for a server that is still loading its model. */
export const DEFAULT_HEALTH_TIMEOUT_MS = 120_000;

/**
 * Generation cap for the in-process `gguf` target when a request sets no `maxTokens`: a model that
 * never emits its end token would otherwise run until the context is full.
 */
export const DEFAULT_GGUF_MAX_TOKENS = 512;

/** A model entry for the `local` adapter. */
export interface LocalAdapterConfig extends Omit<AdapterBaseConfigV1, 'model'> {
  /** Which runtime: `llamacpp`, `ollama`, `vllm`, `lmstudio` (servers) or `gguf` (in-process). */
  target: LocalTarget;
  /**
   * The model name. Required for `ollama`, `vllm` and `lmstudio` (the name the server knows);
   * optional for `llamacpp` (the server has one model) and `gguf` (a label; the file is `modelPath`).
   */
  model?: string;
  /** Server origin (defaults per target, see {@link DEFAULT_BASE_URLS}); `/v1` may be included or not. */
  baseURL?: string;
  /** Path of the `.gguf` file (`gguf` target only). */
  modelPath?: string;
  /** Sent as `Authorization: Bearer …` (llama-server `--api-key`, vLLM `--api-key`, LM Studio tokens, proxies). */
  apiKey?: string;
  /** Per-call timeout in milliseconds (default 300 000). */
  timeoutMs?: number;
  /** How long `check()` waits for a loading server (llama-server 503 "Loading model"), default 120 000. */
  healthTimeoutMs?: number;
  /** Ollama `options.num_ctx`: the context window Ollama loads the model with. */
  numCtx?: number;
  /**
   * llama.cpp only: `chat` (default) sends `/v1/chat/completions`, where the server applies the
   * model's own chat template; `completion` sends the native `/completion` with a prompt rendered
   * client-side in `promptFormat`.
   */
  endpoint?: 'chat' | 'completion';
  /** llama.cpp `completion` endpoint only: how messages become one prompt (default `chatml`). */
  promptFormat?: PromptFormat;
  /** Stream the answer (default: `true` for `ollama`, whose API streams by default; `false` otherwise). */
  stream?: boolean;
  /** `gguf` only: context size in tokens (default: the model's training context, capped at 4096). */
  contextSize?: number;
  /** `gguf` only: layers to offload to a GPU (default 0: CPU only, nothing is built or downloaded). */
  gpuLayers?: number;
  /** `gguf` only: CPU threads for generation (default: node-llama-cpp's choice, all math cores). */
  threads?: number;
  /** `gguf` only: generation cap when a request sets no `maxTokens` (default 512). */
  maxTokens?: number;
  /** Extra HTTP headers on every call. */
  headers?: Record<string, string>;
}

/** Prompt renderings for llama.cpp's native `/completion` endpoint. */
export const PROMPT_FORMATS = ['chatml', 'llama3', 'plain'] as const;

/** One of {@link PROMPT_FORMATS}. */
export type PromptFormat = (typeof PROMPT_FORMATS)[number];
