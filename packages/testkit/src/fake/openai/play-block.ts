import { sendNotExpressible } from '../server-base.js';
import type { FakeRespondContext } from '../server-base.js';
import type { FakeScenario } from '../types.js';
import { splitCodePoints } from '../common/split-text.js';
import { usageFor } from './exchange.js';
import type { Exchange } from './exchange.js';
import { sendCompletion } from './play-text.js';
import { errorHeaders } from './response-headers.js';
import { OpenAIStreamWriter } from './stream-writer.js';

type BlockScenario = Extract<FakeScenario, { kind: 'block' }>;

/** How one signal looks on the wire (docs/vendor-apis.md §1, §3, §4b, §5b, §6, §7, §12, §19.4). */
type Play =
  /** An HTTP error before any answer; when streamed after `partialText`, the same body as a data frame. */
  | { as: 'error'; status: number; body: unknown }
  /** A 200 answer that ends with `finishReason` (and per-choice extras). */
  | { as: 'finish'; finishReason: string; extras?: Record<string, unknown> }
  /** A 200 answer whose message carries `refusal` instead of content. */
  | { as: 'refusal'; text: string };

const DASHSCOPE_MESSAGE = {
  input: 'Input data may contain inappropriate content.',
  output: 'Output data may contain inappropriate content.',
};
const ZHIPU_1301 =
  '系统检测到输入或生成内容可能包含不安全或敏感内容，请您避免输入易产生敏感内容的提示语，感谢您的配合。';
const MOONSHOT_MESSAGE = 'The request was rejected because it was considered high risk';

function wireFor(s: BlockScenario, x: Exchange): Play | undefined {
  const input = s.stage === 'input';
  switch (s.signal) {
    case 'openai-content-filter':
      return input ? undefined : { as: 'finish', finishReason: 'content_filter' };
    case 'openai-refusal':
      return input ? undefined : { as: 'refusal', text: "I'm sorry, but I can't help with that request." };
    case 'openai-invalid-prompt':
      if (!input) return undefined;
      return {
        as: 'error',
        status: 400,
        body: {
          error: {
            message:
              'Invalid prompt: your prompt was flagged as potentially violating our usage policy. Please try again with a different prompt.',
            type: 'invalid_request_error',
            param: null,
            code: 'invalid_prompt',
          },
        },
      };
    case 'dashscope-compat':
      return {
        as: 'error',
        status: 400,
        body: {
          error: {
            code: 'data_inspection_failed',
            param: null,
            message: DASHSCOPE_MESSAGE[s.stage],
            type: 'data_inspection_failed',
          },
          id: x.completionId,
          request_id: x.requestId,
        },
      };
    case 'zhipu-1301': {
      const filter = [{ level: s.severity ?? 1, role: input ? 'user' : 'assistant' }];
      if (!input && x.stream) return { as: 'finish', finishReason: 'sensitive' };
      return {
        as: 'error',
        status: 400,
        body: { contentFilter: filter, error: { code: '1301', message: ZHIPU_1301 } },
      };
    }
    case 'moonshot-content-filter':
      return { as: 'error', status: 400, body: { error: { type: 'content_filter', message: MOONSHOT_MESSAGE } } };
    case 'deepseek-risk':
      return input
        ? { as: 'error', status: 400, body: { detail: 'Content Exists Risk' } }
        : { as: 'finish', finishReason: 'content_filter' };
    case 'qianfan-v2-flag':
      if (input) {
        return {
          as: 'error',
          status: 400,
          body: {
            error: { code: 'unsafe_request', type: 'unsafe_request', message: 'The request contains unsafe content.' },
            id: x.completionId,
          },
        };
      }
      return { as: 'finish', finishReason: 'content_filter', extras: { flag: s.severity ?? 2, ban_round: -1 } };
    case 'ark-sensitive': {
      const code = input ? 'InputTextSensitiveContentDetected' : 'OutputTextSensitiveContentDetected';
      const what = input ? 'input text' : 'output text';
      return {
        as: 'error',
        status: 400,
        body: {
          error: {
            code,
            message: `The request failed because the ${what} may contain sensitive information.`,
            param: '',
            type: 'BadRequest',
          },
        },
      };
    }
    case 'anthropic-refusal':
      return undefined;
  }
}

/** Plays a content-filter block in the vendor's own form; a signal the vendor never sends gets a 501. */
export async function playBlock(ctx: FakeRespondContext, exchange: Exchange, scenario: BlockScenario): Promise<void> {
  const wire = exchange.profile.blockSignals.includes(scenario.signal) ? wireFor(scenario, exchange) : undefined;
  if (!wire) {
    sendNotExpressible(ctx, `openai/${exchange.vendor}`);
    return;
  }
  const partial = scenario.stage === 'output' ? (scenario.partialText ?? '') : '';
  // An input block never streams: the vendor rejects the request before generating.
  if (wire.as === 'error' && (!exchange.stream || partial === '' || scenario.stage === 'input')) {
    ctx.sendJson(wire.status, wire.body, errorHeaders(exchange));
    return;
  }
  if (!exchange.stream) {
    const usage = usageFor(exchange, partial);
    if (wire.as === 'refusal')
      await sendCompletion(ctx, exchange, { content: null, refusal: wire.text, finishReason: 'stop' }, usage);
    else if (wire.as === 'finish')
      await sendCompletion(
        ctx,
        exchange,
        { content: partial, finishReason: wire.finishReason, extras: wire.extras },
        usage,
      );
    return;
  }
  const writer = new OpenAIStreamWriter(ctx, exchange);
  if (!(await writer.begin())) return;
  if (wire.as === 'refusal') {
    if (!(await writer.deltas(splitCodePoints(wire.text), 'refusal'))) return;
    writer.finish('stop', usageFor(exchange, ''));
    return;
  }
  if (!(await writer.deltas(splitCodePoints(partial)))) return;
  if (wire.as === 'error') writer.fail(wire.body);
  else writer.finish(wire.finishReason, usageFor(exchange, partial), wire.extras);
}
