/** The fields of one `/api/chat` line (stream) or body (non-stream). */
export function chatLine(model: string, content: string, done: boolean): Record<string, unknown> {
  return { model, created_at: new Date().toISOString(), message: { role: 'assistant', content }, done };
}

/** The final `done: true` object with Ollama's statistics (durations in nanoseconds). */
export function doneLine(
  model: string,
  content: string,
  doneReason: 'stop' | 'length',
  promptTokens: number,
  outputTokens: number,
): Record<string, unknown> {
  return {
    ...chatLine(model, content, true),
    done_reason: doneReason,
    total_duration: 5_000_000,
    load_duration: 1_000_000,
    prompt_eval_count: promptTokens,
    prompt_eval_duration: 1_500_000,
    eval_count: outputTokens,
    eval_duration: 2_500_000,
  };
}

/** Ollama's 404 for a model that is not pulled. */
export function notPulledError(model: string): { error: string } {
  return { error: `model "${model}" not found, try pulling it first` };
}
