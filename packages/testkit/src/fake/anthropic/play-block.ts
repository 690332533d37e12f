import { sendNotExpressible } from '../server-base.js';
import type { FakeRespondContext } from '../server-base.js';
import type { FakeScenario } from '../types.js';
import { splitCodePoints } from '../common/split-text.js';
import { REFUSAL_STOP_DETAILS } from './bodies.js';
import { usageFor } from './exchange.js';
import type { AnthropicExchange } from './exchange.js';
import { sendMessage } from './play-text.js';
import { AnthropicStreamWriter } from './stream-writer.js';

type BlockScenario = Extract<FakeScenario, { kind: 'block' }>;

/**
 * Plays `anthropic-refusal` at the output stage: the partial text, then `stop_reason: "refusal"`
 * with `stop_details` (streamed: in `message_delta`). A refusal is always decided on output, and no
 * other vendor's signal exists in this protocol, so everything else gets a 501.
 */
export async function playBlock(
  ctx: FakeRespondContext,
  exchange: AnthropicExchange,
  scenario: BlockScenario,
): Promise<void> {
  if (scenario.signal !== 'anthropic-refusal' || scenario.stage !== 'output') {
    sendNotExpressible(
      ctx,
      'anthropic',
      scenario.signal === 'anthropic-refusal' ? 'a refusal is an output-stage stop reason' : undefined,
    );
    return;
  }
  const partial = scenario.partialText ?? '';
  const usage = usageFor(exchange, partial);
  if (!exchange.stream) {
    await sendMessage(
      ctx,
      exchange,
      { text: partial, stopReason: 'refusal', stopDetails: { ...REFUSAL_STOP_DETAILS } },
      usage,
    );
    return;
  }
  const writer = new AnthropicStreamWriter(ctx, exchange);
  if (!(await writer.begin())) return;
  if (partial === '') writer.ping();
  if (!(await writer.deltas(splitCodePoints(partial)))) return;
  writer.finish('refusal', usage, { ...REFUSAL_STOP_DETAILS });
}
