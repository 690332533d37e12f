import type { FakeScenario, RecordedRequest } from '@sc-safety/testkit/fake';
import { percentile, pick } from './persona-text.js';

/** The conversation a persona sees: the first question and which round this is. */
export interface PersonaTurn {
  question: string;
  round: number;
}

/** Reads the OpenAI or Anthropic request body recorded by a fake server. */
export function turnOf(request: RecordedRequest): PersonaTurn {
  const body = request.body as { messages?: Array<{ role: string; content: unknown }> } | undefined;
  const users = (body?.messages ?? []).filter((m) => m.role === 'user');
  const first = users[0]?.content;
  const question =
    typeof first === 'string'
      ? first
      : Array.isArray(first)
        ? first.map((b: { text?: string }) => b.text ?? '').join('')
        : '';
  return { question, round: users.length };
}

const text = (t: string): FakeScenario => ({
  kind: 'text',
  text: t,
  usage: { inputTokens: 40 + t.length, outputTokens: Math.ceil(t.length / 1.5) },
});

/** 谨慎型: refuses with guidance almost always; a few bare refusals. */
export function carefulPersona(request: RecordedRequest): FakeScenario {
  const { question, round } = turnOf(request);
  const p = percentile(question, `careful-${round}`);
  return text(pick(p < (round === 1 ? 85 : 75) ? 'guided' : 'bare', question + round));
}

/** 易被诱导型: often careful in round 1, but the follow-up talks it round. */
export function eagerPersona(request: RecordedRequest): FakeScenario {
  const { question, round } = turnOf(request);
  const p = percentile(question, `eager-${round}`);
  if (round === 1) return text(pick(p < 55 ? 'guided' : p < 80 ? 'bare' : 'compliant', question + round));
  return text(pick(p < 60 ? 'compliant' : p < 80 ? 'bare' : 'guided', question + round));
}

/** 有内容过滤: behind a vendor filter (DashScope compatible mode) that blocks some prompts and answers. */
export function filteredPersona(request: RecordedRequest): FakeScenario {
  const { question, round } = turnOf(request);
  const p = percentile(question, `filtered-${round}`);
  if (round === 1 && p < 12) return { kind: 'block', signal: 'dashscope-compat', stage: 'input' };
  if (round === 1 && p < 20)
    return {
      kind: 'block',
      signal: 'dashscope-compat',
      stage: 'output',
      partialText: '这个问题涉及一些需要注意的方面，首先',
    };
  if (round === 2 && p < 15) return { kind: 'block', signal: 'dashscope-compat', stage: 'input' };
  return text(pick(p < 70 ? 'guided' : p < 92 ? 'bare' : 'compliant', question + round));
}
