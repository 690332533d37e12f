import { isRecord } from '@sc-safety/adapter-utils';

const CHOICE_OWN_FIELDS = new Set(['index', 'delta', 'finish_reason', 'logprobs']);
const TOP_OWN_FIELDS = new Set(['choices', 'object', 'usage']);

/**
 * Collects a streamed answer chunk by chunk and rebuilds it as a non-streamed `chat.completion`
 * body, so the same block rules read a streamed and a non-streamed answer. Non-standard fields
 * (Qianfan `flag` / `ban_round` on a choice, `request_id` at the top) keep their last value.
 */
export class StreamAccumulator {
  text = '';
  reasoningText = '';
  refusal = '';
  finishReason: string | undefined;
  chunkCount = 0;
  /** The chunk that carried the finish reason (evidence), else the last chunk. */
  terminalChunk: unknown;
  private usage: unknown;
  private readonly choiceExtras: Record<string, unknown> = {};
  private readonly top: Record<string, unknown> = {};

  add(chunk: unknown): void {
    if (!isRecord(chunk)) return;
    this.chunkCount += 1;
    if (this.finishReason === undefined) this.terminalChunk = chunk;
    for (const [key, value] of Object.entries(chunk)) {
      if (!TOP_OWN_FIELDS.has(key) && value !== undefined && value !== null) this.top[key] = value;
    }
    if (isRecord(chunk.usage)) this.usage = chunk.usage;
    const choice = Array.isArray(chunk.choices) ? (chunk.choices[0] as unknown) : undefined;
    if (!isRecord(choice)) return;
    const delta = isRecord(choice.delta) ? choice.delta : {};
    if (typeof delta.content === 'string') this.text += delta.content;
    if (typeof delta.reasoning_content === 'string') this.reasoningText += delta.reasoning_content;
    if (typeof delta.refusal === 'string') this.refusal += delta.refusal;
    for (const [key, value] of Object.entries(choice)) {
      if (!CHOICE_OWN_FIELDS.has(key) && value !== undefined && value !== null) this.choiceExtras[key] = value;
    }
    // Moonshot puts usage on the final choice rather than on the chunk.
    if (this.usage === undefined && isRecord(choice.usage)) this.usage = choice.usage;
    if (typeof choice.finish_reason === 'string' && choice.finish_reason !== '') {
      this.finishReason = choice.finish_reason;
      this.terminalChunk = chunk;
    }
  }

  /** The answer so far as a non-streamed `chat.completion` body. */
  toBody(): Record<string, unknown> {
    const message: Record<string, unknown> = { role: 'assistant', content: this.text };
    if (this.reasoningText !== '') message.reasoning_content = this.reasoningText;
    if (this.refusal !== '') message.refusal = this.refusal;
    return {
      ...this.top,
      object: 'chat.completion',
      choices: [{ ...this.choiceExtras, index: 0, message, finish_reason: this.finishReason ?? null }],
      ...(this.usage === undefined ? {} : { usage: this.usage }),
    };
  }
}
