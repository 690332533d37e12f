/** Knobs that are not user config: they exist so tests (and embedders) need not wait real seconds. */
export interface InternalOptions {
  /** Milliseconds between two health polls (default 1 000). */
  healthPollMs?: number;
  /** How long a looked-up served-model field (Ollama digest, llama.cpp model path) stays fresh (default 60 000). */
  servedLookupTtlMs?: number;
}
