import type { RequestMapping, ResponsePaths, StreamSpec } from '../template/types.js';

/*
 * The parts of a template for a vendor whose native body follows OpenAI's chat format (MiniMax,
 * Zhipu; Qianfan for its usage): `messages` with the system prompt as the first message,
 * `choices[0].message` in an answer, `choices[0].delta` in an SSE stream chunk. Each preset adds
 * its own settings ranges, request ids and stream end.
 */

/** Token counts where OpenAI-style chat bodies put them. */
export const CHAT_USAGE = {
  input: 'usage.prompt_tokens',
  output: 'usage.completion_tokens',
  total: 'usage.total_tokens',
};

/** An OpenAI-style chat request with these settings, streamed by `stream: true` in the body. */
export function chatRequest(params: RequestMapping['params']): RequestMapping {
  return { model: 'model', messages: 'messages', system: 'message', params, stream: { body: { stream: true } } };
}

/** A whole OpenAI-style answer (`choices[0].message`), with the vendor's other answer fields. */
export function chatResponse(fields: Omit<ResponsePaths, 'text' | 'reasoning' | 'finishReason'>): ResponsePaths {
  return { ...choiceFields('message'), ...fields };
}

/** An OpenAI-style SSE stream whose `choices[0].delta` pieces add up to the answer, with the vendor's other fields. */
export function chatSseStream(fields: Omit<StreamSpec, 'format' | 'accumulate' | 'text'>): StreamSpec {
  return { format: 'sse', accumulate: 'delta', ...choiceFields('delta'), ...fields };
}

function choiceFields(part: 'message' | 'delta'): Pick<ResponsePaths, 'text' | 'reasoning' | 'finishReason'> {
  return {
    text: `choices[0].${part}.content`,
    reasoning: `choices[0].${part}.reasoning_content`,
    finishReason: 'choices[0].finish_reason',
  };
}
