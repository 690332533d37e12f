import type { AdapterError } from '@sc-safety/spec';
import type { Dispatcher } from 'undici';
import type { HttpAdapterConfig } from '../config.js';

/** One outgoing call as an auth plugin sees it; plugins add headers or query parameters. */
export interface OutgoingRequest {
  url: URL;
  method: string;
  /** Lowercase names. */
  headers: Record<string, string>;
  /** The exact body bytes that will be sent (signing plugins hash these). */
  body: string;
}

/** What a plugin may use while authorising a call. */
export interface AuthCallContext {
  signal?: AbortSignal | undefined;
  /** The model's connection pool, for token exchanges. */
  dispatcher: Dispatcher;
}

/** A running auth plugin for one model. */
export interface AuthPlugin {
  /** Credential values to keep out of errors, results and logs. */
  readonly secrets: readonly string[];
  /** Variables for `{name}` placeholders in the template's fixed body fields (Spark `{appId}`). */
  readonly vars?: Readonly<Record<string, string>>;
  /** Adds credentials to one outgoing call (after the body is final). */
  authorize(request: OutgoingRequest, context: AuthCallContext): void | Promise<void>;
  /** Sees every classified failure, so a token cache can be dropped after an auth error. */
  onFailure?(error: AdapterError): void;
}

/** What a plugin factory receives. */
export interface AuthPluginInput {
  /** `template.auth.options`. */
  options: Readonly<Record<string, unknown>>;
  config: HttpAdapterConfig;
  env: Record<string, string | undefined>;
  /** Vendor name for messages. */
  label: string;
  /** The clock (milliseconds); tests pass a fixed one. */
  now: () => number;
}

/** A named auth plugin (`zhipu-jwt`, `baidu-access-token`, `tencent-tc3`, `spark-ws-url`). */
export interface AuthPluginFactory {
  readonly name: string;
  /** One line for docs and errors: which config fields the plugin reads. */
  readonly credentials: string;
  create(input: AuthPluginInput): AuthPlugin;
}
