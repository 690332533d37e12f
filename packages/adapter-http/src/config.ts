import type { RuleOverrides } from '@sc-safety/adapter-utils';
import type { AdapterBaseConfigV1 } from '@sc-safety/spec';
import type { HttpTemplate } from './template/types.js';

/** Default per-call timeout: two minutes, long enough for a slow model's full answer. */
export const DEFAULT_TIMEOUT_MS = 120_000;

/**
 * A model entry for the `http` adapter. Give `preset` (a built-in vendor) or `template` (an inline
 * template, or a path to a YAML / JSON template file); both may be given, the template then
 * extends nothing and is used as is.
 */
export interface HttpAdapterConfig extends AdapterBaseConfigV1, RuleOverrides {
  /** The vendor's model id (`qwen-plus`, `ERNIE-4.0-8K`, `hunyuan-lite`, `4.0Ultra`, …). */
  model: string;
  /** A built-in vendor: qianfan, dashscope, minimax, hunyuan, zhipu, spark. */
  preset?: string;
  /** A vendor template: an object, or a path to a `.yaml` / `.yml` / `.json` file. */
  template?: string | HttpTemplate;
  /** Overrides the template's base URL (proxies, intl endpoints, fake servers). */
  baseURL?: string;
  /** The API key (Spark: the APIKey; Qianfan v1: the API Key exchanged for a token). */
  apiKey?: string;
  /** Environment variable for the key, overriding the template's. */
  apiKeyEnv?: string;
  /** Second credential: Qianfan v1 Secret Key, Hunyuan SecretKey. */
  secretKey?: string;
  secretKeyEnv?: string;
  /** Hunyuan SecretId. */
  secretId?: string;
  secretIdEnv?: string;
  /** Spark APPID. */
  appId?: string;
  appIdEnv?: string;
  /** Spark APISecret. */
  apiSecret?: string;
  apiSecretEnv?: string;
  /** Qianfan v1: the token endpoint (default `https://aip.baidubce.com/oauth/2.0/token`). */
  tokenURL?: string;
  /** Hunyuan: `X-TC-Region` (optional). */
  region?: string;
  /** Per-call timeout in milliseconds, covering the whole answer (default 120 000). */
  timeoutMs?: number;
  /** Stream the answer (default false). Streaming keeps partial text when an output block arrives. */
  stream?: boolean;
  /** Extra HTTP headers on every call. */
  headers?: Record<string, string>;
  /** Extra body fields (path → value) merged into every request. */
  extraBody?: Record<string, unknown>;
}
