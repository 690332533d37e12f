import { resolve } from 'node:path';
import { InvalidRequestError } from '@sc-safety/spec';
import type {
  AdapterContextV1,
  CompletedResultV1,
  GenerateRequestV1,
  GenerateResultV1,
  LanguageModelV1,
  ModelCapabilitiesV1,
  WarningV1,
} from '@sc-safety/spec';
import type { Llama, LlamaChatSession, LlamaContext, LlamaModel } from 'node-llama-cpp';
import { DEFAULT_GGUF_MAX_TOKENS } from '../config.js';
import { openCallScope, toAdapterError } from '../http/call-scope.js';
import { assertGgufFile } from './assert-gguf-file.js';
import { toSessionTurns } from './chat-history.js';
import { loadNodeLlamaCpp } from './load-node-llama-cpp.js';
import { SerialQueue } from './serial-queue.js';
import { ggufFinishReason } from './stop-reason.js';

/** Largest context the gguf target allocates by default (a model's training context can be 128k). */
export const DEFAULT_GGUF_CONTEXT_CAP = 4096;

export interface GgufModelSettings {
  modelPath: string;
  /** The leaderboard label; defaults to the file name. */
  modelId?: string;
  contextSize?: number;
  gpuLayers?: number;
  /** CPU threads (default: node-llama-cpp's choice). */
  threads?: number;
  /** Generation cap when a request sets none (default {@link DEFAULT_GGUF_MAX_TOKENS}). */
  maxTokens?: number;
  timeoutMs?: number;
  log?: AdapterContextV1['log'];
  /** Replaces `import('node-llama-cpp')` (tests of the missing-dependency message). */
  importer?: () => Promise<unknown>;
}

interface Loaded {
  llama: Llama;
  model: LlamaModel;
  context: LlamaContext;
  session: LlamaChatSession;
}

/**
 * A GGUF model run in-process by node-llama-cpp (loaded lazily, on the first call or `check()`).
 * Each call rebuilds the chat history from the request and renders it with the model's own chat
 * template (node-llama-cpp's `chatWrapper: "auto"` resolves it from `tokenizer.chat_template`).
 * Calls run one at a time; usage is counted with the model's tokenizer.
 */
export class GgufModel implements LanguageModelV1 {
  readonly specificationVersion = 'v1' as const;
  readonly provider = 'local.gguf';
  readonly modelId: string;
  readonly capabilities: ModelCapabilitiesV1;
  private readonly settings: GgufModelSettings;
  private readonly queue = new SerialQueue();
  private loading: Promise<Loaded> | undefined;
  private readonly label: string;

  constructor(settings: GgufModelSettings) {
    this.settings = { ...settings, modelPath: resolve(settings.modelPath) };
    this.modelId = settings.modelId ?? this.settings.modelPath.split(/[\\/]/).pop() ?? 'gguf';
    this.label = `gguf model ${this.settings.modelPath}`;
    this.capabilities = {
      systemRole: 'native',
      multiTurn: true,
      seed: true,
      streaming: false,
      reportsServedModel: true,
      moderationSignals: [],
      recommendedConcurrency: 1,
      ...(settings.contextSize === undefined ? {} : { maxContextTokens: settings.contextSize }),
    };
  }

  /** Loads the model (checking the file first), so a bad path fails before the run starts. */
  async check(options: { signal?: AbortSignal } = {}): Promise<void> {
    options.signal?.throwIfAborted();
    await this.load();
  }

  async generate(request: GenerateRequestV1): Promise<GenerateResultV1> {
    const warnings: WarningV1[] = [];
    const waitScope = openCallScope(undefined, request.signal);
    try {
      return await this.queue.run(() => this.generateNow(request, warnings), waitScope.signal);
    } catch (error) {
      throw toAdapterError(error, waitScope, { label: this.label, secrets: [], warnings });
    } finally {
      waitScope.dispose();
    }
  }

  async close(): Promise<void> {
    const loading = this.loading;
    this.loading = undefined;
    if (loading === undefined) return;
    const loaded = await loading.catch(() => undefined);
    if (loaded === undefined) return;
    loaded.session.dispose();
    await loaded.context.dispose();
    await loaded.model.dispose();
    await loaded.llama.dispose();
  }

  private async generateNow(request: GenerateRequestV1, warnings: WarningV1[]): Promise<CompletedResultV1> {
    const turns = toSessionTurns(request.messages);
    const { session, model } = await this.load();
    // The per-call deadline starts once the model is ours: waiting for the queue is not the model being slow.
    const scope = openCallScope(this.settings.timeoutMs, request.signal);
    try {
      const params = request.params ?? {};
      session.setChatHistory(turns.history);
      const inputTokens = session.chatWrapper
        .generateContextState({
          chatHistory: [...turns.history, { type: 'user', text: turns.prompt }, { type: 'model', response: [] }],
        })
        .contextText.tokenize(model.tokenizer).length;
      const meter = session.sequence.tokenMeter.getState();
      const answer = await session.promptWithMeta(turns.prompt, {
        maxTokens: params.maxTokens ?? this.settings.maxTokens ?? DEFAULT_GGUF_MAX_TOKENS,
        ...(params.temperature === undefined ? {} : { temperature: params.temperature }),
        ...(params.topP === undefined ? {} : { topP: params.topP }),
        ...(params.seed === undefined ? {} : { seed: params.seed }),
        ...(params.stop === undefined || params.stop.length === 0 ? {} : { customStopTriggers: params.stop }),
        signal: scope.signal,
        stopOnAbortSignal: false,
      });
      const outputTokens = session.sequence.tokenMeter.diff(meter).usedOutputTokens;
      return {
        type: 'completed',
        text: answer.responseText,
        finishReason: ggufFinishReason(answer.stopReason),
        usage: { inputTokens, outputTokens, totalTokens: inputTokens + outputTokens },
        // In process, the served model is the file loaded.
        servedModel: { path: this.settings.modelPath },
        warnings,
        raw: { stopReason: answer.stopReason, chatWrapper: session.chatWrapper.wrapperName },
      };
    } catch (error) {
      throw toAdapterError(error, scope, {
        label: this.label,
        timeoutMs: this.settings.timeoutMs,
        secrets: [],
        warnings,
      });
    } finally {
      scope.dispose();
    }
  }

  private load(): Promise<Loaded> {
    this.loading ??= this.loadNow().catch((error: unknown) => {
      // A fixed file or a later install should be picked up by the next call.
      this.loading = undefined;
      throw error;
    });
    return this.loading;
  }

  private async loadNow(): Promise<Loaded> {
    const { modelPath } = this.settings;
    await assertGgufFile(modelPath);
    const lib = await loadNodeLlamaCpp(this.settings.importer);
    const gpuLayers = this.settings.gpuLayers ?? 0;
    const llama = await lib.getLlama({
      // Never build from source or download anything: only the prebuilt binaries shipped as npm packages.
      build: 'never',
      skipDownload: true,
      gpu: gpuLayers > 0 ? 'auto' : false,
      progressLogs: false,
      logLevel: lib.LlamaLogLevel.error,
      logger: (level, message) => this.settings.log?.(`node-llama-cpp [${level}]: ${message.trim()}`),
    });
    try {
      const model = await llama.loadModel({ modelPath, gpuLayers });
      const contextSize = this.settings.contextSize ?? Math.min(model.trainContextSize, DEFAULT_GGUF_CONTEXT_CAP);
      const context = await model.createContext({
        contextSize,
        sequences: 1,
        ...(this.settings.threads === undefined ? {} : { threads: this.settings.threads }),
      });
      this.capabilities.maxContextTokens = context.contextSize;
      const session = new lib.LlamaChatSession({ contextSequence: context.getSequence(), chatWrapper: 'auto' });
      this.settings.log?.(
        `${this.label}: loaded, chat template → ${session.chatWrapper.wrapperName}, context ${context.contextSize} tokens`,
      );
      return { llama, model, context, session };
    } catch (error) {
      await llama.dispose().catch(() => undefined);
      throw loadFailure(error, modelPath);
    }
  }
}

/** A file that is GGUF but that llama.cpp refuses (unknown architecture, corrupt tensors): retrying will not help. */
function loadFailure(error: unknown, modelPath: string): InvalidRequestError {
  const message = error instanceof Error ? error.message : String(error);
  return new InvalidRequestError({
    message: `node-llama-cpp could not load ${modelPath}: ${message}`,
    reason: 'other',
    cause: error,
  });
}
