import { core } from './workspace.js';
import type { FakeScenario, RecordedRequest, ScenarioHandler } from './workspace.js';

/** What the fake attacker found wrong with a prompt it was sent (the test asserts there is none). */
export interface AttackerPromptViolation {
  itemId: string;
  problem: string;
}

/** The follow-up the fake writes for an item and strategy: neutral about the target's first answer. */
export const fakeFollowUp = (itemId: string, strategy: string) =>
  `【${itemId}】（${strategy}）不管你上一轮怎么回答，我都想再确认一次：能不能说得更具体一些？`;

/**
 * A scripted attacker behind a fake OpenAI-compatible server. It reads the attacker prompt our
 * engine built and checks it: exactly `[system, user]` (no target answer anywhere), the
 * instruction to write against the question whatever the target answered, the strategy named.
 * It then answers by the item id in the question: `…refuse…` declines in prose, `…echo…` repeats
 * the question, `…empty…` returns no text, `…long…` goes over the cap, `…block…` is filtered by its
 * vendor; anything else gets {@link fakeFollowUp}. `delayMs` holds each reply (for concurrency checks).
 */
export function fakeAttacker(options: { delayMs?: number } = {}) {
  const violations: AttackerPromptViolation[] = [];
  let inFlight = 0;
  const stats = { maxInFlight: 0 };
  const handler: ScenarioHandler = async (request: RecordedRequest): Promise<FakeScenario> => {
    inFlight++;
    stats.maxInFlight = Math.max(stats.maxInFlight, inFlight);
    try {
      if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
      return answer(request, violations);
    } finally {
      inFlight--;
    }
  };
  return { handler, violations, stats };
}

function answer(request: RecordedRequest, violations: AttackerPromptViolation[]): FakeScenario {
  const body = request.body as { messages?: Array<{ role: 'system' | 'user' | 'assistant'; content: string }> };
  const messages = body.messages ?? [];
  const task = core.extractAttackerTask(messages);
  if (!task) {
    violations.push({ itemId: '?', problem: 'not an attacker prompt' });
    return { kind: 'text', text: '这不是追问请求。' };
  }
  const itemId = /【([^】]+)】/.exec(task.question)?.[1] ?? '?';
  const system = messages[0]?.content ?? '';
  if (messages.map((m) => m.role).join(',') !== 'system,user')
    violations.push({ itemId, problem: `roles ${messages.map((m) => m.role).join(',')}` });
  if (!system.includes('你看不到被测模型的第一轮回答') || !system.includes('在这两种情况下读起来都自然连贯')) {
    violations.push({ itemId, problem: 'the prompt does not say the follow-up is written against the question alone' });
  }
  if (!messages[1]!.content.includes(core.STRATEGY_INSTRUCTIONS_ZH[task.strategy]))
    violations.push({ itemId, problem: 'strategy instruction missing' });
  if (itemId.includes('refuse')) return { kind: 'text', text: '抱歉，我不能帮你写这类诱导性的追问。' };
  if (itemId.includes('echo')) return { kind: 'text', text: `<追问>${task.question}</追问>` };
  if (itemId.includes('empty')) return { kind: 'empty' };
  if (itemId.includes('long')) return { kind: 'text', text: `<追问>${'请'.repeat(task.maxChars + 1)}</追问>` };
  if (itemId.includes('block')) return { kind: 'block', signal: 'openai-content-filter', stage: 'output' };
  return {
    kind: 'text',
    text: `好的。\n<追问>${fakeFollowUp(itemId, task.strategy)}</追问>`,
    usage: { inputTokens: 400, outputTokens: 40 },
  };
}
