import type { FakeRequestContext } from '../server-base.js';
import { anthropicErrorBody, ANTHROPIC_ERROR_STATUS, errorHeaders } from './error-bodies.js';
import type { AnthropicErrorType } from './error-bodies.js';
import { messagesRequestProblem } from './validate-request.js';

/** The one route the fake serves. */
export const MESSAGES_PATH = '/v1/messages';

export interface AnthropicInterceptOptions {
  apiKey?: string;
}

/** The key a request carries: `x-api-key`, or `Authorization: Bearer` (how SDK 1.x sends `apiKey`). */
export function sentApiKey(headers: Record<string, string>): string | undefined {
  const header = headers['x-api-key'];
  if (header !== undefined && header !== '') return header;
  const bearer = /^Bearer\s+(.+)$/i.exec(headers.authorization ?? '');
  return bearer?.[1];
}

/**
 * Answers what is not a scenario: unknown routes (404 `not_found_error`), a missing or wrong key
 * (401 `authentication_error`, recorded as `auth`), a missing `anthropic-version` header and
 * request bodies the API refuses before generating (400 `invalid_request_error`).
 */
export function createAnthropicIntercept(options: AnthropicInterceptOptions): (ctx: FakeRequestContext) => boolean {
  let seq = 0;
  const reply = (ctx: FakeRequestContext, type: AnthropicErrorType, message: string): true => {
    const requestId = `req_fake_pre_${String(++seq).padStart(4, '0')}`;
    ctx.request.requestId = requestId;
    ctx.sendJson(
      ANTHROPIC_ERROR_STATUS[type],
      anthropicErrorBody(type, message, requestId),
      errorHeaders({ requestId }),
    );
    return true;
  };

  return (ctx) => {
    const { method, path, headers, body } = ctx.request;
    if (method !== 'POST' || path !== MESSAGES_PATH)
      return reply(ctx, 'not_found_error', `Not found: ${method} ${path}`);
    if (options.apiKey !== undefined) {
      const key = sentApiKey(headers);
      if (key !== options.apiKey) {
        ctx.request.scenario = 'auth';
        return reply(
          ctx,
          'authentication_error',
          key === undefined ? 'x-api-key header is required' : 'invalid x-api-key',
        );
      }
    }
    const version = headers['anthropic-version'];
    if (version === undefined || version === '')
      return reply(ctx, 'invalid_request_error', 'anthropic-version: header is required');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(version))
      return reply(ctx, 'invalid_request_error', `anthropic-version: "${version}" is not a valid version`);
    const problem = messagesRequestProblem(body);
    return problem === undefined ? false : reply(ctx, 'invalid_request_error', problem);
  };
}
