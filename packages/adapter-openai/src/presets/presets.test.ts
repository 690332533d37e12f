import { InvalidRequestError, QuotaExhaustedError, RateLimitedError } from '@sc-safety/spec';
import type { AdapterError, BlockedResultV1, BlockStage, GenerateResultV1 } from '@sc-safety/spec';
import type { BlockSignal, OpenAIFakeVendor } from '@sc-safety/testkit';
import { describe, expect, it } from 'vitest';
import { modelFor, play, startFake, TEST_KEY, useFake } from '../__fixtures__/harness.js';
import { PRESET_NAMES, PRESETS } from './index.js';

interface BlockCase {
  signal: BlockSignal;
  stage: 'input' | 'output';
  expectStage: BlockStage;
  expectCode: string;
  expectDetails?: Record<string, unknown>;
  severity?: number;
}

interface PresetCase {
  preset: string;
  fake: OpenAIFakeVendor;
  blocks: BlockCase[];
  /** Whether the fake can play this vendor's quota error. */
  quota: boolean;
  /** Whether the vendor throttles (local servers queue instead). */
  rateLimit: boolean;
  /** Whether the vendor fails on an over-long prompt (Ollama truncates). */
  contextLength: boolean;
}

/** A block case whose outcome has the stage the fake played, unless `more` says otherwise. */
function block(
  signal: BlockSignal,
  stage: 'input' | 'output',
  expectCode: string,
  more: Partial<BlockCase> = {},
): BlockCase {
  return { signal, stage, expectStage: stage, expectCode, ...more };
}

/** A cloud preset played by its own fake; quota, throttling and context-length errors apply unless `more` says not. */
function cloudCase(preset: OpenAIFakeVendor, blocks: BlockCase[], more: Partial<PresetCase> = {}): PresetCase {
  return { preset, fake: preset, blocks, quota: true, rateLimit: true, contextLength: true, ...more };
}

const CASES: PresetCase[] = [
  cloudCase('openai', [
    block('openai-invalid-prompt', 'input', 'invalid_prompt'),
    block('openai-content-filter', 'output', 'content_filter'),
    block('openai-refusal', 'output', 'refusal'),
  ]),
  cloudCase('deepseek', [
    block('deepseek-risk', 'input', 'Content Exists Risk'),
    block('deepseek-risk', 'output', 'content_filter'),
  ]),
  cloudCase('dashscope', [
    block('dashscope-compat', 'input', 'data_inspection_failed'),
    block('dashscope-compat', 'output', 'data_inspection_failed'),
  ]),
  cloudCase(
    'qianfan',
    [
      block('qianfan-v2-flag', 'input', 'unsafe_request'),
      block('qianfan-v2-flag', 'output', 'content_filter', { severity: 3, expectDetails: { flag: 3, banRound: -1 } }),
    ],
    { quota: false },
  ),
  cloudCase('zhipu', [
    block('zhipu-1301', 'input', '1301', { severity: 0, expectDetails: { level: 0, role: 'user' } }),
    // Non-streamed: 400 1301 with role assistant; streamed: finish_reason sensitive.
    block('zhipu-1301', 'output', '1301|sensitive'),
  ]),
  cloudCase('moonshot', [
    block('moonshot-content-filter', 'input', 'content_filter', { expectStage: 'unknown' }),
    block('moonshot-content-filter', 'output', 'content_filter', { expectStage: 'unknown' }),
    block('openai-content-filter', 'output', 'content_filter'),
  ]),
  cloudCase('ark', [
    block('ark-sensitive', 'input', 'InputTextSensitiveContentDetected'),
    block('ark-sensitive', 'output', 'OutputTextSensitiveContentDetected'),
    block('openai-content-filter', 'output', 'content_filter'),
  ]),
  // [?] vendors: only the generic finish_reason rule; the generic fake stands in for their endpoint.
  ...['baichuan', 'yi', 'hunyuan', 'spark'].map(
    (preset): PresetCase => ({
      ...cloudCase('generic', [block('openai-content-filter', 'output', 'content_filter')]),
      preset,
    }),
  ),
  ...(['vllm', 'lmstudio', 'llamacpp', 'ollama'] as const).map(
    (preset): PresetCase => ({
      preset,
      fake: preset,
      blocks: [],
      quota: false,
      rateLimit: false,
      contextLength: preset !== 'ollama',
    }),
  ),
];

function expectBlocked(result: GenerateResultV1 | Error): BlockedResultV1 {
  if (result instanceof Error || result.type !== 'blocked') {
    throw new Error(
      `expected a blocked outcome, got ${result instanceof Error ? `${result.name}: ${result.message}` : JSON.stringify(result)}`,
    );
  }
  return result;
}

it('covers every preset', () => {
  expect(CASES.map((c) => c.preset).sort()).toEqual([...PRESET_NAMES].sort());
});

describe.each(CASES)('preset $preset', (c) => {
  const fake = useFake(c.fake);

  for (const stream of [false, true]) {
    const mode = stream ? 'streamed' : 'non-streamed';
    it(`${mode}: a normal answer completes with usage and the vendor's request id`, async () => {
      const server = fake();
      const result = await play(modelFor(c.preset, server, { stream }), server, {
        kind: 'text',
        text: 'Stay careful.',
        usage: { inputTokens: 11, outputTokens: 3 },
      });
      expect(result).toMatchObject({
        type: 'completed',
        text: 'Stay careful.',
        finishReason: { unified: 'stop', raw: 'stop' },
      });
      const completed = result as Extract<GenerateResultV1, { type: 'completed' }>;
      const preset = PRESETS[c.preset];
      // Usage arrives in a stream only where the vendor sends it unasked or the preset asks for it.
      if (!stream || preset?.streamUsage === true || c.fake === 'zhipu') {
        expect(completed.usage).toMatchObject({ inputTokens: 11, outputTokens: 3, totalTokens: 14 });
      }
      expect(completed.requestId).toBe(server.requests.at(-1)?.requestId ?? completed.requestId);
      expect(completed.requestId).toBeTruthy();
    });

    for (const b of c.blocks) {
      it(`${mode}: ${b.signal} (${b.stage}) becomes a blocked ${b.expectStage} outcome`, async () => {
        const server = fake();
        const model = modelFor(c.preset, server, { stream });
        const partialText = b.stage === 'output' ? 'Here is the first part' : undefined;
        const result = expectBlocked(
          await play(model, server, {
            kind: 'block',
            signal: b.signal,
            stage: b.stage,
            ...(partialText ? { partialText } : {}),
            ...(b.severity === undefined ? {} : { severity: b.severity }),
          }),
        );
        expect(result.stage).toBe(b.expectStage);
        expect(b.expectCode.split('|')).toContain(result.code);
        expect(result.message.length).toBeGreaterThan(0);
        expect(result.raw).toBeDefined();
        if (b.expectDetails) expect(result.details).toMatchObject(b.expectDetails);
        if (stream && partialText && b.signal !== 'openai-refusal') expect(result.partialText).toBe(partialText);
        expect(JSON.stringify(result)).not.toContain(TEST_KEY);
      });
    }

    if (c.contextLength) {
      it(`${mode}: a context-length error stays an InvalidRequestError, never a block`, async () => {
        const server = fake();
        const error = await play(modelFor(c.preset, server, { stream }), server, { kind: 'context-length' });
        expect(InvalidRequestError.isInstance(error)).toBe(true);
        expect((error as InvalidRequestError).reason).toBe('context_length');
        expect((error as InvalidRequestError).status).toBe(400);
        expect((error as InvalidRequestError).body).toBeTruthy();
      });
    }
  }

  if (c.quota) {
    it('a spent quota is QuotaExhaustedError, not retryable', async () => {
      const server = fake();
      const error = await play(modelFor(c.preset, server), server, { kind: 'quota' });
      expect(QuotaExhaustedError.isInstance(error)).toBe(true);
      expect((error as AdapterError).retryable).toBe(false);
      expect((error as AdapterError).vendorCode).toBeTruthy();
    });
  }

  if (c.rateLimit) {
    it('throttling is RateLimitedError with the Retry-After wait', async () => {
      const server = fake();
      const error = await play(modelFor(c.preset, server), server, { kind: 'rate-limit', retryAfter: { seconds: 3 } });
      expect(RateLimitedError.isInstance(error)).toBe(true);
      expect((error as RateLimitedError).retryAfterMs).toBe(3000);
      expect((error as AdapterError).retryable).toBe(true);
    });
  }
});

describe('[?] vendors keep an undocumented 400 as an error', () => {
  const fake = useFake('generic');

  it.each(['baichuan', 'yi', 'hunyuan', 'spark'])(
    '%s: a 400 content_filter-looking body is not guessed into a block',
    async (preset) => {
      const server = fake();
      const error = await play(modelFor(preset, server), server, {
        kind: 'block',
        signal: 'moonshot-content-filter',
        stage: 'input',
      });
      expect(InvalidRequestError.isInstance(error)).toBe(true);
      expect((error as AdapterError).status).toBe(400);
      expect((error as AdapterError).body).toContain('content_filter');
    },
  );

  it('a local preset has no block rules: finish_reason content_filter stays a completed answer', async () => {
    const server = fake();
    const result = await play(modelFor('vllm', server), server, {
      kind: 'block',
      signal: 'openai-content-filter',
      stage: 'output',
      partialText: 'cut',
    });
    expect(result).toMatchObject({
      type: 'completed',
      text: 'cut',
      finishReason: { unified: 'content-filter', raw: 'content_filter' },
    });
  });
});

describe('moonshot rate limit without Retry-After', () => {
  it('reads the wait from "try again after N seconds"', async () => {
    const server = await startFake('moonshot');
    try {
      const error = await play(modelFor('moonshot', server), server, { kind: 'rate-limit' });
      expect(RateLimitedError.isInstance(error)).toBe(true);
      expect((error as RateLimitedError).retryAfterMs).toBe(1000);
    } finally {
      await server.close();
    }
  });
});
