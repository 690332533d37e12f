import type {
  GenerateRequestV1,
  GenerateResultV1,
  LanguageModelV1,
  ModelCapabilitiesV1,
  ServedModelV1,
  WarningV1,
} from '@sc-safety/spec';
import { openCallScope, toAdapterError } from './http/call-scope.js';

/** How one server target asks for an answer. */
export interface ServerProtocol {
  /**
   * Sends one request and interprets the answer. May throw spec errors (kept) or raw errors such
   * as fetch rejections (mapped to Timeout/Aborted/Transient by the model).
   */
  generate(request: GenerateRequestV1, signal: AbortSignal, warnings: WarningV1[]): Promise<GenerateResultV1>;
}

export interface LocalServerModelSettings {
  provider: string;
  modelId: string;
  /** Names the server in messages, e.g. `llama.cpp at http://127.0.0.1:8080`. */
  label: string;
  /** Mutable on purpose: `check()` fills in what the server reports (context size, slots). */
  capabilities: ModelCapabilitiesV1;
  timeoutMs: number | undefined;
  secrets: readonly string[];
  protocol: ServerProtocol;
  /** The pre-run probes (health, model presence); rejects with an actionable error. */
  probe?: (signal: AbortSignal) => Promise<void>;
  /**
   * Served-model fields the server reports outside the answer (Ollama's digest, llama.cpp's model
   * path), added to every completed result. Never rejects: a field it cannot read is left out.
   */
  servedExtras?: (signal: AbortSignal) => Promise<ServedModelV1 | undefined>;
}

/** A model served over HTTP by a local runtime; the protocol does the wire work. */
export class LocalServerModel implements LanguageModelV1 {
  readonly specificationVersion = 'v1' as const;
  readonly provider: string;
  readonly modelId: string;
  readonly capabilities: ModelCapabilitiesV1;
  private readonly settings: LocalServerModelSettings;

  constructor(settings: LocalServerModelSettings) {
    this.settings = settings;
    this.provider = settings.provider;
    this.modelId = settings.modelId;
    this.capabilities = settings.capabilities;
  }

  async generate(request: GenerateRequestV1): Promise<GenerateResultV1> {
    const warnings: WarningV1[] = [];
    const scope = openCallScope(this.settings.timeoutMs, request.signal);
    try {
      const result = await this.settings.protocol.generate(request, scope.signal, warnings);
      return await this.withServedExtras(result, scope.signal);
    } catch (error) {
      throw toAdapterError(error, scope, {
        label: this.settings.label,
        timeoutMs: this.settings.timeoutMs,
        secrets: this.settings.secrets,
        warnings,
      });
    } finally {
      scope.dispose();
    }
  }

  /** Adds what the server reports elsewhere; the answer's own fields (its `model`) are kept. */
  private async withServedExtras(result: GenerateResultV1, signal: AbortSignal): Promise<GenerateResultV1> {
    if (result.type !== 'completed' || this.settings.servedExtras === undefined) return result;
    const extras = await this.settings.servedExtras(signal);
    if (extras === undefined) return result;
    return { ...result, servedModel: { ...extras, ...result.servedModel } };
  }

  async check(options: { signal?: AbortSignal } = {}): Promise<void> {
    if (this.settings.probe === undefined) return;
    const scope = openCallScope(undefined, options.signal);
    try {
      await this.settings.probe(scope.signal);
    } catch (error) {
      throw toAdapterError(error, scope, { label: this.settings.label, secrets: this.settings.secrets });
    } finally {
      scope.dispose();
    }
  }

  async close(): Promise<void> {
    // fetch keeps no per-model state; the global dispatcher owns the pooled sockets.
  }
}
