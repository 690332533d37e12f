import type { ModelCapabilitiesV1 } from './capabilities.js';
import type { GenerateRequestV1 } from './messages.js';
import type { GenerateResultV1 } from './result.js';

/** A model the engine can ask questions of (target) or use as a judge. */
export interface LanguageModelV1 {
  readonly specificationVersion: 'v1';
  /** The adapter / vendor family, e.g. `openai.dashscope`, `anthropic`. */
  readonly provider: string;
  /** The vendor's model id. */
  readonly modelId: string;
  readonly capabilities: ModelCapabilitiesV1;
  /**
   * Ask once. Resolves with an answer or a vendor block; rejects with an {@link AdapterError}
   * subclass for every failure. Adapters never retry: the engine owns retries.
   */
  generate(request: GenerateRequestV1): Promise<GenerateResultV1>;
  /** Optional pre-flight probe (health, model presence). Rejects with an actionable error. */
  check?(options?: { signal?: AbortSignal }): Promise<void>;
  /** Release pooled connections or in-process resources. */
  close?(): Promise<void>;
}
