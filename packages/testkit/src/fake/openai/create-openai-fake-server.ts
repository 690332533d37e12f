import { createFakeServerBase } from '../server-base.js';
import type { FakeServerBase } from '../server-base.js';
import type { FakeScenario, ServedModelOverride } from '../types.js';
import { createOpenAIIntercept } from './intercept.js';
import { createOpenAIResponder } from './respond.js';
import { OPENAI_VENDOR_PROFILES } from './vendors.js';
import type { OpenAIFakeVendor } from './vendors.js';

export interface OpenAIFakeServerOptions {
  /** Which vendor's paths, ids, error envelopes and block signals to speak. Default `openai`. */
  vendor?: OpenAIFakeVendor;
  /**
   * When set, every request must carry `Authorization: Bearer <apiKey>`; others get the vendor's
   * 401 (recorded with scenario `auth`). Ollama never checks keys, so it ignores this.
   */
  apiKey?: string;
  /** Ids listed by `GET …/models`. Default `['fake-model']`. */
  models?: string[];
  /** Played when the queue is empty and no handler is set. */
  defaultScenario?: FakeScenario;
  /**
   * What the answers report as the served model: `id` replaces the response's `model` (default:
   * the requested one, as an alias a vendor resolves would not), `fingerprint` its
   * `system_fingerprint` (default: the vendor's own, e.g. OpenAI `fp_fake`; vendors that send none never get one).
   */
  servedModel?: ServedModelOverride;
}

/** A running OpenAI-compatible fake. */
export interface OpenAIFakeServer extends FakeServerBase {
  readonly vendor: OpenAIFakeVendor;
  /** Full URL of the chat route for this vendor (`${baseURL}/chat/completions`). */
  readonly chatURL: string;
}

/**
 * Starts a loopback fake of an OpenAI-compatible Chat Completions endpoint (POST
 * `…/chat/completions`, GET `…/models`) that plays every {@link FakeScenario} in the chosen
 * vendor's wire format, streamed (`stream: true`) or not. `baseURL` is what the vendor's SDK
 * client takes (`/v1`, DeepSeek '', DashScope `/compatible-mode/v1`, Zhipu `/api/paas/v4`,
 * Qianfan `/v2`, Ark `/api/v3`); every one of those routes is answered whatever the vendor.
 */
export async function createOpenAIFakeServer(options: OpenAIFakeServerOptions = {}): Promise<OpenAIFakeServer> {
  const vendor = options.vendor ?? 'openai';
  const base = await createFakeServerBase({
    basePath: OPENAI_VENDOR_PROFILES[vendor].basePath,
    intercept: createOpenAIIntercept({ vendor, apiKey: options.apiKey, models: options.models ?? ['fake-model'] }),
    respond: createOpenAIResponder(vendor, options.servedModel),
    defaultScenario: options.defaultScenario,
  });
  // Spread would freeze the getter `pending`; keep the object and add fields.
  return Object.assign(base, { vendor, chatURL: `${base.baseURL}/chat/completions` });
}
