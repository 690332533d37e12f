import { combineHeaders, redactSecrets } from '@sc-safety/adapter-utils';

/** How to reach one local server. */
export interface HttpClientOptions {
  /** The server's origin; a trailing `/` or `/v1` is dropped, since routes name their own prefix. */
  baseURL: string;
  apiKey?: string;
  headers?: Record<string, string>;
  fetch?: typeof globalThis.fetch;
}

/** A thin JSON-over-fetch client for one server: origin, optional Bearer key, extra headers. */
export class LocalHttpClient {
  readonly origin: string;
  private readonly apiKey: string | undefined;
  private readonly headers: Record<string, string>;
  private readonly fetchImpl: typeof globalThis.fetch;

  constructor(options: HttpClientOptions) {
    this.origin = normalizeOrigin(options.baseURL);
    this.apiKey = options.apiKey;
    this.headers = options.headers ?? {};
    this.fetchImpl = options.fetch ?? globalThis.fetch;
  }

  /** The origin for labels, messages and log lines: a password in the URL (`http://u:p@host`) is redacted. */
  get displayOrigin(): string {
    return redactSecrets(this.origin, this.secrets);
  }

  /** Values that must never appear in an error or a recorded body. */
  get secrets(): string[] {
    return this.apiKey === undefined ? [] : [this.apiKey];
  }

  /** Sends `body` as JSON. Request headers (per call) win over the configured ones; `undefined` removes one. */
  post(
    path: string,
    body: unknown,
    signal: AbortSignal,
    headers?: Record<string, string | undefined>,
  ): Promise<Response> {
    return this.fetchImpl(this.url(path), {
      method: 'POST',
      headers: combineHeaders(this.baseHeaders(), { 'content-type': 'application/json' }, headers),
      body: JSON.stringify(body),
      signal,
    });
  }

  get(path: string, signal: AbortSignal): Promise<Response> {
    return this.fetchImpl(this.url(path), { method: 'GET', headers: this.baseHeaders(), signal });
  }

  url(path: string): string {
    return `${this.origin}${path}`;
  }

  private baseHeaders(): Record<string, string> {
    return combineHeaders(
      { accept: 'application/json' },
      this.headers,
      this.apiKey === undefined ? undefined : { authorization: `Bearer ${this.apiKey}` },
    );
  }
}

/** `http://h:1/v1/` → `http://h:1`: users paste either form from the servers' docs. */
export function normalizeOrigin(baseURL: string): string {
  return baseURL.replace(/\/+$/, '').replace(/\/v1$/, '');
}
