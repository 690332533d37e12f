import { redactBody, safeParseJson } from '@sc-safety/adapter-utils';
import { AuthError, InvalidResponseError, TransientError } from '@sc-safety/spec';
import type { AdapterError } from '@sc-safety/spec';
import { request as undiciRequest } from 'undici';
import type { Dispatcher } from 'undici';
import { loadCredential } from '../credentials.js';
import { numberOf } from '@sc-safety/adapter-utils';
import type { AuthPluginFactory } from './types.js';
import { stringOption } from './plugin-options.js';

/** Baidu's OAuth endpoint (docs/vendor-apis.md §5a). */
export const BAIDU_TOKEN_URL = 'https://aip.baidubce.com/oauth/2.0/token';

/** Refresh a token this long before it expires (one-api refreshes with under an hour left). */
const DEFAULT_REFRESH_MARGIN_MS = 3_600_000;

interface CachedToken {
  token: string;
  expiresAt: number;
}

/**
 * Tokens shared by every model in the process that uses the same endpoint and credentials, so a
 * run with several ERNIE models (or a model rebuilt for a retry) exchanges once, not per model.
 */
const cache = new Map<string, CachedToken>();
const inFlight = new Map<string, Promise<CachedToken>>();

/** Forgets every cached token (tests). */
export function clearBaiduTokenCache(): void {
  cache.clear();
  inFlight.clear();
}

async function exchange(
  tokenURL: string,
  ak: string,
  sk: string,
  now: () => number,
  dispatcher: Dispatcher,
  signal: AbortSignal | undefined,
  label: string,
): Promise<CachedToken> {
  const url = new URL(tokenURL);
  url.searchParams.set('grant_type', 'client_credentials');
  url.searchParams.set('client_id', ak);
  url.searchParams.set('client_secret', sk);
  const response = await undiciRequest(url, {
    dispatcher,
    method: 'POST',
    headers: { accept: 'application/json' },
    signal,
  });
  const text = await response.body.text();
  const secrets = [ak, sk];
  const parsed = safeParseJson(text, { context: `${label} token endpoint`, secrets });
  const status = response.statusCode;
  const body = parsed.success ? (parsed.value as Record<string, unknown>) : undefined;
  const token = typeof body?.access_token === 'string' ? body.access_token : undefined;
  if (status === 200 && token !== undefined) {
    const expiresIn = numberOf(body?.expires_in) ?? 2_592_000;
    return { token, expiresAt: now() + expiresIn * 1000 };
  }
  const evidence = redactBody(text, secrets);
  if (status >= 500)
    throw new TransientError({ message: `${label} token endpoint answered HTTP ${status}.`, status, body: evidence });
  if (body === undefined)
    throw new InvalidResponseError({
      message: `${label} token endpoint answered HTTP ${status} with a body that is not JSON.`,
      status,
      body: evidence,
    });
  const code = typeof body.error === 'string' ? body.error : 'no access_token';
  const description = typeof body.error_description === 'string' ? `: ${body.error_description}` : '';
  throw new AuthError({
    message: `${label} refused the API key / secret key exchange (${code}${description}). Check apiKey and secretKey.`,
    status,
    vendorCode: code,
    body: evidence,
  });
}

/**
 * `baidu-access-token`: exchanges the API Key and Secret Key for an `access_token`
 * (client_credentials) and sends it as the `access_token` query parameter. Tokens are cached per
 * endpoint and key pair, refreshed `refreshMarginMs` before they expire, shared by concurrent
 * calls, and dropped when the service says a token is invalid (110) or expired (111).
 * Options: `tokenURL`, `refreshMarginMs`. Config `tokenURL` overrides the option.
 */
export const baiduAccessTokenPlugin: AuthPluginFactory = {
  name: 'baidu-access-token',
  credentials: 'apiKey (API Key; env QIANFAN_AK) and secretKey (Secret Key; env QIANFAN_SK)',
  create({ options, config, env, label, now }) {
    const ak = loadCredential(config, 'apiKey', 'QIANFAN_AK', label, env);
    const sk = loadCredential(config, 'secretKey', 'QIANFAN_SK', label, env);
    const tokenURL = config.tokenURL ?? stringOption(options, 'tokenURL', BAIDU_TOKEN_URL);
    const margin = numberOf(options.refreshMarginMs) ?? DEFAULT_REFRESH_MARGIN_MS;
    const key = `${tokenURL}\n${ak}\n${sk}`;
    const used = new Set<string>();

    async function token(dispatcher: Dispatcher, signal: AbortSignal | undefined): Promise<string> {
      const cached = cache.get(key);
      if (cached !== undefined && cached.expiresAt - margin > now()) return cached.token;
      let pending = inFlight.get(key);
      if (pending === undefined) {
        pending = exchange(tokenURL, ak, sk, now, dispatcher, signal, label).finally(() => inFlight.delete(key));
        inFlight.set(key, pending);
      }
      const fresh = await pending;
      cache.set(key, fresh);
      return fresh.token;
    }

    return {
      get secrets() {
        return [ak, sk, ...used];
      },
      async authorize(request, context) {
        const value = await token(context.dispatcher, context.signal);
        used.add(value);
        request.url.searchParams.set('access_token', value);
      },
      onFailure(error: AdapterError) {
        if (error.vendorCode === '110' || error.vendorCode === '111') cache.delete(key);
      },
    };
  },
};
