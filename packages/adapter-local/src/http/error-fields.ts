/** The parts of an error body every local server words differently. */
export interface ErrorFields {
  message: string | undefined;
  /** `error.type` or `error.code` (string form), when there is one. */
  code: string | undefined;
  /** llama-server's context overflow details (`n_prompt_tokens`, `n_ctx`), when sent. */
  promptTokens?: number;
  contextSize?: number;
}

/**
 * Reads an error body in any of the local servers' envelopes: llama-server and new vLLM
 * `{"error":{"message","type","code"}}`, Ollama and vLLM's auth `{"error":"…"}`, old vLLM
 * `{"object":"error","message","type"}`, FastAPI `{"detail":"…"}`.
 */
export function errorFieldsOf(body: unknown): ErrorFields {
  if (typeof body !== 'object' || body === null) return { message: undefined, code: undefined };
  const record = body as Record<string, unknown>;
  const error = record.error;
  if (typeof error === 'string') return { message: error, code: undefined };
  if (typeof error === 'object' && error !== null) {
    const e = error as Record<string, unknown>;
    return {
      message: stringOf(e.message),
      code: stringOf(e.type) ?? stringOf(e.code),
      ...numberField('promptTokens', e.n_prompt_tokens),
      ...numberField('contextSize', e.n_ctx),
    };
  }
  return {
    message: stringOf(record.message) ?? stringOf(record.detail),
    code: stringOf(record.type) ?? stringOf(record.code),
  };
}

function stringOf(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

function numberField<K extends 'promptTokens' | 'contextSize'>(key: K, value: unknown): Partial<Record<K, number>> {
  return typeof value === 'number' && Number.isFinite(value) ? ({ [key]: value } as Record<K, number>) : {};
}
