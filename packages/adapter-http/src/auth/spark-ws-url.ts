import { createHmac } from 'node:crypto';
import { loadCredential } from '../credentials.js';
import type { AuthPluginFactory } from './types.js';

/**
 * The signed query of an iFlytek Spark WebSocket URL (docs/vendor-apis.md §8a): HMAC-SHA256 with
 * the APISecret over `host: …\ndate: …\nGET <path> HTTP/1.1`, wrapped in an `api_key="…",
 * algorithm="hmac-sha256", headers="host date request-line", signature="…"` string, base64-encoded.
 */
export function signSparkUrl(url: URL, apiKey: string, apiSecret: string, nowMs: number): void {
  const date = new Date(nowMs).toUTCString();
  const stringToSign = `host: ${url.host}\ndate: ${date}\nGET ${url.pathname} HTTP/1.1`;
  const signature = createHmac('sha256', apiSecret).update(stringToSign).digest('base64');
  const origin = `api_key="${apiKey}", algorithm="hmac-sha256", headers="host date request-line", signature="${signature}"`;
  url.searchParams.set('authorization', Buffer.from(origin).toString('base64'));
  url.searchParams.set('date', date);
  url.searchParams.set('host', url.host);
}

/**
 * `spark-ws-url`: signs the WebSocket URL of every call with the plugin's clock (the service
 * refuses dates more than 300 s off) and provides `{appId}` for the request frame's header.
 */
export const sparkWsUrlPlugin: AuthPluginFactory = {
  name: 'spark-ws-url',
  credentials: 'appId (env SPARK_APP_ID), apiKey (env SPARK_API_KEY) and apiSecret (env SPARK_API_SECRET)',
  create({ config, env, label, now }) {
    const appId = loadCredential(config, 'appId', 'SPARK_APP_ID', label, env);
    const apiKey = loadCredential(config, 'apiKey', 'SPARK_API_KEY', label, env);
    const apiSecret = loadCredential(config, 'apiSecret', 'SPARK_API_SECRET', label, env);
    return {
      secrets: [apiKey, apiSecret],
      vars: { appId },
      authorize(request) {
        signSparkUrl(request.url, apiKey, apiSecret, now());
      },
    };
  },
};
