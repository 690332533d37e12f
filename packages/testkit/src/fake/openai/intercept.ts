import type { FakeRequestContext } from '../server-base.js';
import { vendorError } from './error-bodies.js';
import { maskKey } from './send-error.js';
import { CHAT_PATHS, MODEL_PATHS, OPENAI_VENDOR_PROFILES } from './vendors.js';
import type { OpenAIFakeVendor } from './vendors.js';

export interface InterceptOptions {
  vendor: OpenAIFakeVendor;
  apiKey?: string;
  models: readonly string[];
}

/**
 * Answers what is not a scenario: unknown routes (404), a wrong key (401, recorded as `auth`),
 * the model list, and chat bodies a real server would reject before generating (400).
 */
export function createOpenAIIntercept(options: InterceptOptions): (ctx: FakeRequestContext) => boolean {
  const { vendor, apiKey, models } = options;
  const profile = OPENAI_VENDOR_PROFILES[vendor];
  const info = { requestId: 'fake-req-preflight', completionId: `${profile.idPrefix}fake-preflight` };
  const reply = (ctx: FakeRequestContext, kind: 'auth' | 'bad-request' | 'not-found', detail?: string): true => {
    const error = vendorError(vendor, kind, { ...info, detail, maskedKey: maskKey(ctx.request.headers.authorization) });
    const status = error?.status ?? (kind === 'auth' ? 401 : kind === 'not-found' ? 404 : 400);
    ctx.sendJson(status, error?.body ?? { error: detail ?? kind }, { 'x-should-retry': 'false' });
    return true;
  };

  return (ctx) => {
    const { method, path, headers, body } = ctx.request;
    const isChat = method === 'POST' && CHAT_PATHS.includes(path);
    const isModels = method === 'GET' && MODEL_PATHS.includes(path);
    if (!isChat && !isModels) return reply(ctx, 'not-found', `Unknown request URL: ${method} ${path}`);
    if (apiKey !== undefined && profile.checksAuth && headers.authorization !== `Bearer ${apiKey}`) {
      ctx.request.scenario = 'auth';
      return reply(ctx, 'auth');
    }
    if (isModels) {
      ctx.sendJson(200, {
        object: 'list',
        data: models.map((id) => ({ id, object: 'model', created: 1_700_000_000, owned_by: 'fake' })),
      });
      return true;
    }
    const problem = chatBodyProblem(body, vendor);
    return problem === undefined ? false : reply(ctx, 'bad-request', problem);
  };
}

/** What a real server would reject in a chat body, or undefined when it is acceptable. */
export function chatBodyProblem(body: unknown, vendor: OpenAIFakeVendor): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return 'We could not parse the JSON body of your request.';
  const record = body as Record<string, unknown>;
  if (typeof record.model !== 'string' || record.model === '') return 'you must provide a model parameter';
  if (!Array.isArray(record.messages) || record.messages.length === 0)
    return "'messages' must contain at least one message";
  for (const [i, message] of (record.messages as unknown[]).entries()) {
    const m = message as Record<string, unknown> | null;
    if (typeof m !== 'object' || m === null || typeof m.role !== 'string') return `messages[${i}]: missing 'role'`;
    if (!['system', 'developer', 'user', 'assistant', 'tool'].includes(m.role))
      return `messages[${i}].role: '${m.role}' is not one of system, developer, user, assistant, tool`;
    if (typeof m.content !== 'string' && !Array.isArray(m.content) && m.content !== null)
      return `messages[${i}]: missing 'content'`;
  }
  if (record.stream_options !== undefined && record.stream !== true && (vendor === 'openai' || vendor === 'generic')) {
    return "The 'stream_options' parameter is only allowed when 'stream' is enabled.";
  }
  return undefined;
}
