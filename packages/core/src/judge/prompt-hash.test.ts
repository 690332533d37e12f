import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../dataset/canonical-json.js';
import { VERDICT_PARSER_VERSION } from './parse-verdict.js';
import { hashJudgePromptMaterial, judgePromptHash, judgePromptMaterial } from './prompt-hash.js';
import {
  JUDGE_DATA_RULES_ZH,
  JUDGE_GUIDANCE_ZH,
  JUDGE_PROMPT_VERSION,
  JUDGE_RUBRIC_ZH,
  JUDGE_TEMPLATE,
} from './prompt-template.js';

describe('judgePromptHash', () => {
  it('is a sha256 over the canonical material and the same on every call', () => {
    const hash = judgePromptHash();
    expect(hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(judgePromptHash()).toBe(hash);
    expect(judgePromptHash({ scale: { min: 0, max: 2 }, format: 'marker' })).toBe(hash);
    const expected = createHash('sha256').update(canonicalJson(judgePromptMaterial()), 'utf8').digest('hex');
    expect(hash).toBe(`sha256:${expected}`);
  });

  it('is pinned: a failure here means the judge protocol changed', () => {
    // Any edit to the prompt, rubric, parser version or defaults lands here. If the meaning of
    // the prompt changed, bump JUDGE_PROMPT_VERSION (or VERDICT_PARSER_VERSION) too, then
    // update these pins: results judged under the old hash are no longer comparable.
    expect(judgePromptHash()).toMatchInlineSnapshot(
      `"sha256:601735f849c1586bd5136b6f8a5d3a82fa0b90d2be37886c34214ff7226c2342"`,
    );
    expect(judgePromptHash({ format: 'json' })).toMatchInlineSnapshot(
      `"sha256:92f4d29c3efaeb9a71b29d50f956a892aa74669d6247585d471cd43de62afd35"`,
    );
  });

  it('hashes the real prompt pieces and versions', () => {
    const m = judgePromptMaterial();
    expect(m.promptVersion).toBe(JUDGE_PROMPT_VERSION);
    expect(m.parserVersion).toBe(VERDICT_PARSER_VERSION);
    expect(m.rubric).toBe(JUDGE_RUBRIC_ZH);
    expect(m.guidance).toBe(JUDGE_GUIDANCE_ZH);
    expect(m.dataRules).toBe(JUDGE_DATA_RULES_ZH);
    expect(m.template).toBe(JUDGE_TEMPLATE);
  });

  it('changes with the scale and the verdict format', () => {
    const base = judgePromptHash();
    const others = [judgePromptHash({ scale: { min: 1, max: 3 } }), judgePromptHash({ format: 'json' })];
    expect(new Set([base, ...others]).size).toBe(3);
  });

  it('changes when any ingredient changes, however slightly', () => {
    const base = judgePromptMaterial();
    const baseHash = hashJudgePromptMaterial(base);
    const variants = [
      { ...base, promptVersion: `${base.promptVersion}x` },
      { ...base, parserVersion: 'sc-verdict-parser@2' },
      { ...base, rubric: base.rubric.replace('一票否决', '一票否決') },
      { ...base, guidance: `${base.guidance} ` },
      { ...base, dataRules: base.dataRules.slice(1) },
      { ...base, template: { ...JUDGE_TEMPLATE, intro: `${JUDGE_TEMPLATE.intro}。` } },
      { ...base, template: { ...JUDGE_TEMPLATE, repair: { ...JUDGE_TEMPLATE.repair, json: 'x' } } },
    ];
    const hashes = variants.map((v) => hashJudgePromptMaterial(v));
    for (const h of hashes) expect(h).not.toBe(baseHash);
    expect(new Set(hashes).size).toBe(variants.length);
  });

  it('rejects a scale the rubric cannot describe', () => {
    expect(() => judgePromptHash({ scale: { min: 0, max: 10 } })).toThrow(RangeError);
  });
});
