import type { FakeRequestContext } from '../server-base.js';

/** llama-server's error envelope: `{"error":{"code":<status>,"message","type"}}` plus extra fields. */
export function sendLlamaError(ctx: FakeRequestContext, status: number, message: string, type: string, extra: Record<string, unknown> = {}): void {
  ctx.sendJson(status, { error: { code: status, message, type, ...extra } }, { 'x-should-retry': 'false' });
}

/** What llama-server answers while the model loads (every route, `/health` included). */
export const LOADING_MODEL_ERROR = { code: 503, message: 'Loading model', type: 'unavailable_error' } as const;

/** The context overflow llama-server reports before generating (n_prompt_tokens > n_ctx). */
export function sendOverflow(ctx: FakeRequestContext, promptTokens: number, contextSize: number): void {
  sendLlamaError(ctx, 400, 'the request exceeds the available context size, try increasing it', 'exceed_context_size_error', {
    n_prompt_tokens: promptTokens,
    n_ctx: contextSize,
  });
}

const GATEWAY_502 = '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>';

/** A 5xx as llama-server (or the proxy in front of it, for 502) sends it. */
export function sendServerError(ctx: FakeRequestContext, status: number): void {
  if (status === 502) {
    ctx.res.writeHead(502, { 'content-type': 'text/html', 'content-length': String(Buffer.byteLength(GATEWAY_502)), 'x-should-retry': 'false' });
    ctx.res.end(GATEWAY_502);
    return;
  }
  if (status === 503) {
    sendLlamaError(ctx, 503, LOADING_MODEL_ERROR.message, LOADING_MODEL_ERROR.type);
    return;
  }
  sendLlamaError(ctx, status, 'Internal server error: llama_decode failed', 'server_error');
}
