import type { GenerateRequestV1 } from '@sc-safety/spec';
import type { PromptFormat } from '../config.js';
import { renderPrompt } from './prompt-format.js';

/** The native `POST /completion` body: the rendered prompt, sampling settings in llama.cpp's names. */
export function completionBody(
  request: GenerateRequestV1,
  format: PromptFormat,
  stream: boolean,
): Record<string, unknown> {
  const params = request.params ?? {};
  const rendered = renderPrompt(request.messages, format);
  const body: Record<string, unknown> = {
    prompt: rendered.prompt,
    stream,
    // Reuse the KV cache for a shared prefix: round 2 repeats round 1's conversation.
    cache_prompt: true,
    stop: [...rendered.stop, ...(params.stop ?? [])],
  };
  if (params.maxTokens !== undefined) body.n_predict = params.maxTokens;
  if (params.temperature !== undefined) body.temperature = params.temperature;
  if (params.topP !== undefined) body.top_p = params.topP;
  if (params.seed !== undefined) body.seed = params.seed;
  return body;
}
