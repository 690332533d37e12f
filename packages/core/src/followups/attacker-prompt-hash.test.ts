import { describe, expect, it } from 'vitest';
import { STRATEGY_INSTRUCTIONS_ZH } from '@sc-safety/results';
import { attackerPromptHash, attackerPromptMaterial, hashAttackerPromptMaterial } from './attacker-prompt-hash.js';
import { ATTACKER_TEMPLATE } from './attacker-prompt-template.js';

describe('attackerPromptHash', () => {
  it('is pinned: a failure here means the attacker protocol changed', () => {
    // Any edit to the attacker prompt, a strategy instruction or the reply rules lands here. If the
    // meaning changed, bump ATTACKER_PROMPT_VERSION (or ATTACKER_REPLY_PARSER_VERSION), then re-pin:
    // follow-ups written under the old hash were written under other instructions.
    expect(attackerPromptHash(300)).toMatchInlineSnapshot(
      `"sha256:21d51a527b0d641037bb7cc88bfc855c1ccbb863ea0513396b66b2bf69e724c6"`,
    );
  });

  it('changes with the length cap and with any ingredient', () => {
    const base = attackerPromptMaterial(300);
    const baseHash = hashAttackerPromptMaterial(base);
    expect(attackerPromptHash(300)).toBe(baseHash);
    const variants = [
      attackerPromptMaterial(301),
      { ...base, promptVersion: `${base.promptVersion}x` },
      { ...base, parserVersion: 'sc-attacker-reply@2' },
      { ...base, template: { ...ATTACKER_TEMPLATE, task: `${ATTACKER_TEMPLATE.task} ` } },
      { ...base, strategies: { ...STRATEGY_INSTRUCTIONS_ZH, pressure: `${STRATEGY_INSTRUCTIONS_ZH.pressure}。` } },
    ];
    const hashes = variants.map((v) => hashAttackerPromptMaterial(v));
    for (const h of hashes) expect(h).not.toBe(baseHash);
    expect(new Set(hashes).size).toBe(variants.length);
  });
});
