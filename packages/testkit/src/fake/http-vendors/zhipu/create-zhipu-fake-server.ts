import { createFakeServerBase } from '../../server-base.js';
import type { FakeServerBase } from '../../server-base.js';
import type { FakeScenario } from '../../types.js';
import { createOpenAIIntercept } from '../../openai/intercept.js';
import { createOpenAIResponder } from '../../openai/respond.js';
import { OPENAI_VENDOR_PROFILES } from '../../openai/vendors.js';
import { verifyZhipuJwt } from './verify-zhipu-jwt.js';

export interface ZhipuFakeServerOptions {
  /** The `id.secret` key tokens must be signed with. */
  apiKey: string;
  /** The server's clock in milliseconds (tokens with `exp` at or before it are expired). Default `Date.now`. */
  now?: () => number;
  /** Also accept the raw key as a Bearer token, as v4 does. Default true. */
  acceptRawKey?: boolean;
  defaultScenario?: FakeScenario;
}

/**
 * A loopback fake of Zhipu GLM v4 (`/api/paas/v4/chat/completions`) that verifies the JWT in
 * `Authorization` (with or without `Bearer `) against the key's secret and its own clock, and
 * answers 401 with code 1002 (malformed), 1000 (bad signature or key id) or 1003 (expired) as the
 * service does. Scenarios are played in Zhipu's OpenAI-shaped wire format (block signal `zhipu-1301`).
 */
export async function createZhipuFakeServer(options: ZhipuFakeServerOptions): Promise<FakeServerBase> {
  const now = options.now ?? Date.now;
  const openaiIntercept = createOpenAIIntercept({ vendor: 'zhipu', models: ['glm-4-plus'] });
  return createFakeServerBase({
    basePath: OPENAI_VENDOR_PROFILES.zhipu.basePath,
    intercept: (ctx) => {
      const header = ctx.request.headers.authorization ?? '';
      const token = header.replace(/^Bearer\s+/i, '');
      const rawKeyOk = options.acceptRawKey !== false && token === options.apiKey;
      const rejection = rawKeyOk
        ? undefined
        : token === ''
          ? { code: '1001', message: 'Header中未收到Authentication参数，无法进行身份验证。' }
          : verifyZhipuJwt(token, options.apiKey, now());
      if (rejection !== undefined) {
        ctx.request.scenario = 'auth';
        ctx.sendJson(401, { error: rejection }, { 'x-should-retry': 'false' });
        return true;
      }
      return openaiIntercept(ctx);
    },
    respond: createOpenAIResponder('zhipu'),
    defaultScenario: options.defaultScenario,
  });
}
