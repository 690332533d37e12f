import type { GenerateRequestV1, GenerateResultV1, LanguageModelV1 } from '@sc-safety/spec';

export type Script = (request: GenerateRequestV1, call: number) => GenerateResultV1 | Error | Promise<GenerateResultV1 | Error>;

/** An in-process model that answers from a script and records every request. */
export function scriptedModel(id: string, script: Script): LanguageModelV1 & { calls: GenerateRequestV1[] } {
  const calls: GenerateRequestV1[] = [];
  return {
    specificationVersion: 'v1',
    provider: 'scripted',
    modelId: id,
    capabilities: { systemRole: 'native', multiTurn: true, seed: true, streaming: false, moderationSignals: [] },
    calls,
    async generate(request) {
      calls.push(request);
      const out = await script(request, calls.length);
      if (out instanceof Error) throw out;
      return out;
    },
  };
}

export function text(t: string): GenerateResultV1 {
  return { type: 'completed', text: t, finishReason: { unified: 'stop', raw: 'stop' }, usage: { inputTokens: 10, outputTokens: 5 }, warnings: [] };
}

export function blocked(stage: 'input' | 'output', partialText?: string): GenerateResultV1 {
  return { type: 'blocked', stage, code: 'content_filter', message: 'blocked by the vendor', ...(partialText ? { partialText } : {}), warnings: [] };
}
