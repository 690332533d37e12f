import { createHmac, timingSafeEqual } from 'node:crypto';

/** Why a Zhipu token was refused, with the code and message the service answers. */
export interface ZhipuJwtRejection {
  code: string;
  message: string;
}

/**
 * Verifies a Zhipu API token as the service does: a JWT with header `{alg: HS256, sign_type:
 * SIGN}`, payload `{api_key, exp, timestamp}` in milliseconds, HMAC-SHA256 with the key's secret.
 * Returns undefined when the token is good at `nowMs`.
 */
export function verifyZhipuJwt(token: string, apiKey: string, nowMs: number): ZhipuJwtRejection | undefined {
  const malformed = { code: '1002', message: 'Authentication Token非法，请确认Authentication Token正确传递。' };
  const parts = token.split('.');
  if (parts.length !== 3) return malformed;
  const [header, payload, signature] = parts as [string, string, string];
  let head: Record<string, unknown>;
  let claims: Record<string, unknown>;
  try {
    head = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as Record<string, unknown>;
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return malformed;
  }
  if (head.alg !== 'HS256' || head.sign_type !== 'SIGN') return malformed;
  const dot = apiKey.indexOf('.');
  const id = apiKey.slice(0, dot);
  const secret = apiKey.slice(dot + 1);
  const expected = createHmac('sha256', secret).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (claims.api_key !== id || given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { code: '1000', message: '身份验证失败。' };
  }
  if (typeof claims.exp !== 'number' || typeof claims.timestamp !== 'number') return malformed;
  // Milliseconds: a token built with seconds looks expired since 1970.
  if (claims.exp <= nowMs) return { code: '1003', message: 'Authentication Token已过期，请重新生成/获取。' };
  return undefined;
}
