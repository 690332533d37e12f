import type { FakeRequestContext } from '../server-base.js';
import { sendGateway502 } from '../common/gateway.js';

/** llama-server's error envelope: `{"error":{"code":<status>,"message","type"}}` plus extra fields. */
export function sendLlamaError(
  ctx: FakeRequestContext,
  status: number,
  message: string,
  type: string,
  extra: Record<string, unknown> = {},
): void {
  ctx.sendJson(status, { error: { code: status, message, type, ...extra } }, { 'x-should-retry': 'false' });
}

/** What llama-server answers while the model loads (every route, `/health` included). */
export const LOADING_MODEL_ERROR = { code: 503, message: 'Loading model', type: 'unavailable_error' } as const;

/** The context overflow llama-server reports before generating (n_prompt_tokens > n_ctx). */
export function sendOverflow(ctx: FakeRequestContext, promptTokens: number, contextSize: number): void {
  sendLlamaError(
    ctx,
    400,
    'the request exceeds the available context size, try increasing it',
    'exceed_context_size_error',
    {
      n_prompt_tokens: promptTokens,
      n_ctx: contextSize,
    },
  );
}

/** A 5xx as llama-server (or the proxy in front of it, for 502) sends it. */
export function sendServerError(ctx: FakeRequestContext, status: number): void {
  if (status === 502) {
    sendGateway502(ctx, { 'x-should-retry': 'false' });
    return;
  }
  if (status === 503) {
    sendLlamaError(ctx, 503, LOADING_MODEL_ERROR.message, LOADING_MODEL_ERROR.type);
    return;
  }
  sendLlamaError(ctx, status, 'Internal server error: llama_decode failed', 'server_error');
}
