/** A model entry for the `acme` adapter. */
export interface AcmeAdapterConfig {
  /** Acme model id, e.g. `acme-chat-2`. */
  model: string;
  /** The API key. Prefer `apiKeyEnv` (default `ACME_API_KEY`) so keys stay out of config files. */
  apiKey?: string;
  /** Environment variable holding the key (default `ACME_API_KEY`). */
  apiKeyEnv?: string;
  /** API origin (default `https://api.acme.example`). */
  baseURL?: string;
  /** Per-call timeout in milliseconds, covering the whole answer (default 60 000). */
  timeoutMs?: number;
  /** Extra HTTP headers on every call. */
  headers?: Record<string, string>;
}

export const DEFAULT_BASE_URL = 'https://api.acme.example';
export const DEFAULT_TIMEOUT_MS = 60_000;
export const DEFAULT_API_KEY_ENV = 'ACME_API_KEY';
