import type { GenerateRequestV1 } from '@sc-safety/spec';

/**
 * The native `POST /api/chat` body. Sampling settings go in `options` under Ollama's names
 * (`num_predict`, `num_ctx`, …), which its OpenAI-compatible route cannot set.
 */
export function ollamaChatBody(
  model: string,
  request: GenerateRequestV1,
  stream: boolean,
  numCtx: number | undefined,
): Record<string, unknown> {
  const params = request.params ?? {};
  const options: Record<string, unknown> = {};
  if (params.maxTokens !== undefined) options.num_predict = params.maxTokens;
  if (params.temperature !== undefined) options.temperature = params.temperature;
  if (params.topP !== undefined) options.top_p = params.topP;
  if (params.seed !== undefined) options.seed = params.seed;
  if (params.stop !== undefined && params.stop.length > 0) options.stop = params.stop;
  if (numCtx !== undefined) options.num_ctx = numCtx;
  const body: Record<string, unknown> = {
    model,
    messages: request.messages.map((m) => ({ role: m.role, content: m.content })),
    // Explicit: Ollama streams when the field is absent.
    stream,
  };
  if (Object.keys(options).length > 0) body.options = options;
  return body;
}
