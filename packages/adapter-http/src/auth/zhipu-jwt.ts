import { createHmac } from 'node:crypto';
import { numberOf } from '@sc-safety/adapter-utils';
import { loadCredential } from '../credentials.js';
import type { AuthPluginFactory } from './types.js';

/** Default token lifetime: one hour. */
const DEFAULT_TTL_MS = 3_600_000;

function base64url(value: string | Buffer): string {
  return Buffer.from(value).toString('base64url');
}

/**
 * Builds a Zhipu API token: a JWT signed HS256 with the secret half of an `id.secret` key. Both
 * timestamps are in **milliseconds** (`exp`, `timestamp`), and the header carries
 * `sign_type: SIGN` (docs/vendor-apis.md §6).
 */
export function signZhipuJwt(apiKey: string, nowMs: number, ttlMs: number = DEFAULT_TTL_MS): string {
  const dot = apiKey.indexOf('.');
  const id = apiKey.slice(0, dot);
  const secret = apiKey.slice(dot + 1);
  const header = base64url(JSON.stringify({ alg: 'HS256', sign_type: 'SIGN' }));
  const payload = base64url(JSON.stringify({ api_key: id, exp: nowMs + ttlMs, timestamp: nowMs }));
  const signature = base64url(createHmac('sha256', secret).update(`${header}.${payload}`).digest());
  return `${header}.${payload}.${signature}`;
}

/**
 * `zhipu-jwt`: sends `Authorization: Bearer <JWT>` built from the `id.secret` API key, signed
 * afresh for every call with the plugin's clock (so a token never expires mid-run).
 * Options: `ttlMs` (default 3 600 000), `bearer` (default true; false sends the bare token).
 */
export const zhipuJwtPlugin: AuthPluginFactory = {
  name: 'zhipu-jwt',
  credentials: 'apiKey (the "id.secret" key; env ZHIPU_API_KEY)',
  create({ options, config, env, label, now }) {
    const apiKey = loadCredential(config, 'apiKey', 'ZHIPU_API_KEY', label, env);
    const dot = apiKey.indexOf('.');
    if (dot <= 0 || dot === apiKey.length - 1) {
      throw new Error(
        `${label} API key must look like "<id>.<secret>" to sign a JWT (check "apiKey" or ZHIPU_API_KEY).`,
      );
    }
    const ttlMs = numberOf(options.ttlMs) ?? DEFAULT_TTL_MS;
    const bearer = options.bearer !== false;
    const secrets = [apiKey, apiKey.slice(dot + 1)];
    return {
      secrets,
      authorize(request) {
        const token = signZhipuJwt(apiKey, now(), ttlMs);
        request.headers.authorization = bearer ? `Bearer ${token}` : token;
      },
    };
  },
};
