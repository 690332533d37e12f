import type { GenerateRequestV1 } from '@sc-safety/spec';

/**
 * The `/v1/chat/completions` body: messages as given (every local server takes a system role and
 * applies the model's own chat template), sampling settings only when set.
 */
export function chatBody(model: string, request: GenerateRequestV1, stream: boolean): Record<string, unknown> {
  const params = request.params ?? {};
  const body: Record<string, unknown> = {
    model,
    messages: request.messages.map((m) => ({ role: m.role, content: m.content })),
    stream,
  };
  if (stream) body.stream_options = { include_usage: true };
  if (params.maxTokens !== undefined) body.max_tokens = params.maxTokens;
  if (params.temperature !== undefined) body.temperature = params.temperature;
  if (params.topP !== undefined) body.top_p = params.topP;
  if (params.seed !== undefined) body.seed = params.seed;
  if (params.stop !== undefined && params.stop.length > 0) body.stop = params.stop;
  return body;
}
