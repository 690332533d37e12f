import { createHash, createHmac } from 'node:crypto';
import { loadCredential } from '../credentials.js';
import type { AuthPluginFactory, OutgoingRequest } from './types.js';
import { stringOption } from './plugin-options.js';

function sha256hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function hmac(key: string | Buffer, text: string): Buffer {
  return createHmac('sha256', key).update(text, 'utf8').digest();
}

/** What TC3 signing needs besides the request. */
export interface Tc3Params {
  secretId: string;
  secretKey: string;
  service: string;
  action: string;
  /** Unix seconds. */
  timestamp: number;
}

/**
 * The TC3-HMAC-SHA256 `Authorization` value for a POST with signed headers content-type, host and
 * x-tc-action, over the exact body bytes (docs/vendor-apis.md §11a).
 */
export function tc3Authorization(
  request: { host: string; path: string; contentType: string; body: string },
  params: Tc3Params,
): string {
  const date = new Date(params.timestamp * 1000).toISOString().slice(0, 10);
  const signedHeaders = 'content-type;host;x-tc-action';
  const canonicalHeaders = `content-type:${request.contentType}\nhost:${request.host}\nx-tc-action:${params.action.toLowerCase()}\n`;
  const canonicalRequest = `POST\n${request.path}\n\n${canonicalHeaders}\n${signedHeaders}\n${sha256hex(request.body)}`;
  const scope = `${date}/${params.service}/tc3_request`;
  const stringToSign = `TC3-HMAC-SHA256\n${params.timestamp}\n${scope}\n${sha256hex(canonicalRequest)}`;
  const kDate = hmac(`TC3${params.secretKey}`, date);
  const kService = hmac(kDate, params.service);
  const kSigning = hmac(kService, 'tc3_request');
  const signature = createHmac('sha256', kSigning).update(stringToSign, 'utf8').digest('hex');
  return `TC3-HMAC-SHA256 Credential=${params.secretId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
}

/**
 * `tencent-tc3`: signs every call with TC3-HMAC-SHA256 and adds the `X-TC-*` headers. Options:
 * `service` (default hunyuan), `action` (ChatCompletions), `version` (2023-09-01); config
 * `region` adds `X-TC-Region`. The body is signed exactly as it will be sent.
 */
export const tencentTc3Plugin: AuthPluginFactory = {
  name: 'tencent-tc3',
  credentials: 'secretId (env TENCENTCLOUD_SECRET_ID) and secretKey (env TENCENTCLOUD_SECRET_KEY)',
  create({ options, config, env, label, now }) {
    const secretId = loadCredential(config, 'secretId', 'TENCENTCLOUD_SECRET_ID', label, env);
    const secretKey = loadCredential(config, 'secretKey', 'TENCENTCLOUD_SECRET_KEY', label, env);
    const service = stringOption(options, 'service', 'hunyuan');
    const action = stringOption(options, 'action', 'ChatCompletions');
    const version = stringOption(options, 'version', '2023-09-01');
    return {
      secrets: [secretId, secretKey],
      authorize(request: OutgoingRequest) {
        const timestamp = Math.floor(now() / 1000);
        const contentType = request.headers['content-type'] ?? 'application/json';
        request.headers['content-type'] = contentType;
        request.headers['x-tc-action'] = action;
        request.headers['x-tc-version'] = version;
        request.headers['x-tc-timestamp'] = String(timestamp);
        if (config.region !== undefined) request.headers['x-tc-region'] = config.region;
        request.headers.authorization = tc3Authorization(
          { host: request.url.host, path: request.url.pathname, contentType, body: request.body },
          { secretId, secretKey, service, action, timestamp },
        );
      },
    };
  },
};
