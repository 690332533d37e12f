import { callSignal, errorText, redactJson, redactSecrets } from '@sc-safety/adapter-utils';
import { AbortedError, AdapterError, InvalidResponseError, TimeoutError, TransientError } from '@sc-safety/spec';
import type { GenerateRequestV1, GenerateResultV1, LanguageModelV1, ModelCapabilitiesV1 } from '@sc-safety/spec';
import { ACME_GENERATE_PATH, ACME_KEY_HEADER } from './acme-wire.js';
import { classifyError } from './classify-error.js';
import { ACME_MODERATION_SIGNALS, interpretResponse } from './interpret-response.js';
import { mapRequest } from './map-request.js';

export interface AcmeModelSettings {
  model: string;
  apiKey: string;
  baseURL: string;
  timeoutMs: number;
  headers?: Record<string, string>;
  fetch?: typeof globalThis.fetch;
}

/** An Acme model over plain `fetch`. One call, one request: it never retries (the engine does). */
export class AcmeModel implements LanguageModelV1 {
  readonly specificationVersion = 'v1' as const;
  readonly provider = 'acme';
  readonly modelId: string;
  readonly capabilities: ModelCapabilitiesV1 = {
    systemRole: 'native',
    multiTurn: true,
    seed: true,
    streaming: false,
    moderationSignals: ACME_MODERATION_SIGNALS,
  };

  constructor(private readonly settings: AcmeModelSettings) {
    this.modelId = settings.model;
  }

  async generate(request: GenerateRequestV1): Promise<GenerateResultV1> {
    const { body, warnings } = mapRequest(this.settings.model, request);
    // One plain signal per call, unlinked from the caller's in finally: an `AbortSignal.any`
    // composite on a run-long caller signal would keep every call alive (see callSignal's JSDoc).
    const call = callSignal(request.signal, this.settings.timeoutMs);
    const fetchImpl = this.settings.fetch ?? globalThis.fetch;
    try {
      const response = await fetchImpl(`${this.settings.baseURL.replace(/\/+$/, '')}${ACME_GENERATE_PATH}`, {
        method: 'POST',
        headers: this.headers(request.headers),
        body: JSON.stringify(body),
        signal: call.signal,
      });
      const text = await response.text();
      if (!response.ok) throw classifyError(response.status, response.headers, text, warnings, (s) => this.redact(s));
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        throw new InvalidResponseError({
          message: 'Acme: the answer is not valid JSON.',
          status: response.status,
          body: this.redact(text).slice(0, 2000),
          warnings,
        });
      }
      // Acme may echo what it was sent; nothing read from the body (raw, labels) may carry the key.
      return interpretResponse(redactJson(parsed, [this.settings.apiKey]), warnings, this.redact(text));
    } catch (error) {
      if (AdapterError.isInstance(error)) throw error;
      // Which signal fired decides between the caller's abort and our own deadline.
      if (request.signal?.aborted)
        throw new AbortedError({ message: 'Acme: the call was aborted by the caller.', warnings });
      if (call.timedOut)
        throw new TimeoutError({ message: `Acme: no answer within ${this.settings.timeoutMs} ms.`, warnings });
      // Connection refused or reset, a body cut off mid-way: worth retrying.
      throw new TransientError({ message: this.redact(`Acme: the call failed: ${errorText(error)}`), warnings });
    } finally {
      call.dispose();
    }
  }

  private headers(perCall: Record<string, string | undefined> | undefined): Record<string, string> {
    const merged: Record<string, string | undefined> = {
      'content-type': 'application/json',
      ...this.settings.headers,
      ...perCall,
      [ACME_KEY_HEADER]: this.settings.apiKey,
    };
    return Object.fromEntries(
      Object.entries(merged).filter((entry): entry is [string, string] => entry[1] !== undefined),
    );
  }

  private redact(text: string): string {
    return redactSecrets(text, [this.settings.apiKey]);
  }
}
