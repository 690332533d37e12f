import { InvalidRequestError, QuotaExhaustedError, RateLimitedError } from '@sc-safety/spec';
import { ZHIPU_BLOCKS } from '@sc-safety/adapter-utils';
import type { BlockRule } from '@sc-safety/adapter-utils';
import { describe, expect, it } from 'vitest';
import { modelFor, play, useFake } from './__fixtures__/harness.js';
import { validateConfig } from './config-schema.js';
import type { OpenAIAdapterConfig } from './config.js';

// The Zhipu-shaped fake stands in for a vendor whose codes the `openai` preset has never heard of:
// 1301 (a content-filter rejection) and 1113 (account in arrears, sent with HTTP 429). The entry's
// block rule is Zhipu's own 1301 rule, as a model entry would write it (`on: error`).
const NEW_BLOCK: NonNullable<OpenAIAdapterConfig['blocks']> = [{ on: 'error', ...(ZHIPU_BLOCKS[0] as BlockRule) }];
const NEW_FAILURE: NonNullable<OpenAIAdapterConfig['failures']> = [
  { when: { path: 'error.code', equals: '1113' }, kind: 'quota_exhausted' },
];

describe('a model entry’s blocks: and failures: (openai adapter)', () => {
  const fake = useFake('zhipu');

  for (const stream of [false, true]) {
    it(`${stream ? 'streamed' : 'non-streamed'}: a blocks: rule turns a code the preset does not know into a recorded block`, async () => {
      const server = fake();
      const scenario = { kind: 'block', signal: 'zhipu-1301', stage: 'input' } as const;
      const before = await play(modelFor('openai', server, { stream }), server, scenario);
      expect(InvalidRequestError.isInstance(before)).toBe(true);

      const model = modelFor('openai', server, { stream, blocks: NEW_BLOCK });
      const after = await play(model, server, scenario);
      expect(after).toMatchObject({
        type: 'blocked',
        stage: 'input',
        code: '1301',
        details: { signal: 'error.code=1301' },
      });
      expect((after as { message: string }).message.length).toBeGreaterThan(0);
      expect(model.capabilities.moderationSignals).toContain('error.code=1301');
    });
  }

  it('a failures: rule classifies a new error code (a spent balance behind HTTP 429)', async () => {
    const server = fake();
    const before = await play(modelFor('openai', server), server, { kind: 'quota' });
    expect(RateLimitedError.isInstance(before)).toBe(true);
    const after = await play(modelFor('openai', server, { failures: NEW_FAILURE }), server, { kind: 'quota' });
    expect(QuotaExhaustedError.isInstance(after)).toBe(true);
    expect((after as QuotaExhaustedError).vendorCode).toBe('1113');
  });

  it("the entry's rules come before the preset's: a failures: rule overrides the preset's own", async () => {
    const server = fake();
    const override = [{ when: { path: 'error.code', equals: '1113' }, kind: 'transient' as const }];
    const result = await play(modelFor('zhipu', server, { failures: override }), server, { kind: 'quota' });
    expect(QuotaExhaustedError.isInstance(result)).toBe(false);
    expect((result as Error).name).toBe('TransientError');
  });

  it('a wrong rule is refused with the field that is wrong', () => {
    const result = validateConfig({
      model: 'm',
      blocks: [{ ...NEW_BLOCK[0], when: { path: 'error..code', equals: '1301' } }],
      failures: [{ when: { status: 429 }, kind: 'slow' }],
    });
    expect('issues' in result && result.issues?.map((i) => [i.path, i.message])).toEqual([
      [['blocks', 0, 'when', 'path'], 'expected a JSON path such as "error_code"'],
      [
        ['failures', 0, 'kind'],
        'expected one of rate_limited, quota_exhausted, auth, context_length, model_not_found, invalid_request, transient',
      ],
    ]);
    expect(validateConfig({ model: 'm', blocks: NEW_BLOCK, failures: NEW_FAILURE })).toHaveProperty('value');
  });
});
