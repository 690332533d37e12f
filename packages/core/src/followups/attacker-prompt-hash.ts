import { createHash } from 'node:crypto';
import { canonicalJson } from '../dataset/canonical-json.js';
import { STRATEGY_INSTRUCTIONS_ZH } from '@sc-safety/results';
import {
  ATTACKER_FENCE,
  ATTACKER_OUTPUT,
  ATTACKER_PROMPT_VERSION,
  ATTACKER_TEMPLATE,
} from './attacker-prompt-template.js';
import { ATTACKER_REPLY_PARSER_VERSION } from './classify-attacker-reply.js';
import {
  ADAPTIVE_ATTACKER_PROMPT_VERSION,
  ADAPTIVE_ATTACKER_TEMPLATE,
  ADAPTIVE_BLOCKED_NOTE,
  ADAPTIVE_FENCE,
} from './adaptive-prompt-template.js';

/** Everything that decides what an attacker is asked, apart from the item and strategy chosen. */
export interface AttackerPromptMaterial {
  promptVersion: string;
  parserVersion: string;
  template: unknown;
  output: unknown;
  fence: unknown;
  /** Every strategy's instruction (the whole table: it is one versioned text). */
  strategies: unknown;
  /** The length cap the prompt states and the reply is checked against. */
  maxChars: number;
}

/** The material {@link attackerPromptHash} hashes, for a given length cap. */
export function attackerPromptMaterial(maxChars: number): AttackerPromptMaterial {
  return {
    promptVersion: ATTACKER_PROMPT_VERSION,
    parserVersion: ATTACKER_REPLY_PARSER_VERSION,
    template: ATTACKER_TEMPLATE,
    output: ATTACKER_OUTPUT,
    fence: ATTACKER_FENCE,
    strategies: STRATEGY_INSTRUCTIONS_ZH,
    maxChars,
  };
}

/** `sha256:<hex>` of the material as canonical JSON (key order never matters). */
export function hashAttackerPromptMaterial(material: AttackerPromptMaterial): string {
  return `sha256:${createHash('sha256').update(canonicalJson(material), 'utf8').digest('hex')}`;
}

/**
 * Provenance of the attacker protocol: `sha256:<hex>` over the prompt template, the output and
 * fence markers, every strategy instruction, the prompt and reply-parser versions and the length
 * cap. Recorded on every generated turn; follow-ups carrying different hashes were written under
 * different instructions.
 */
export function attackerPromptHash(maxChars: number): string {
  return hashAttackerPromptMaterial(attackerPromptMaterial(maxChars));
}

/**
 * The adaptive attacker protocol's hash: the frozen material with the adaptive template, fences and
 * blocked-answer note in place of the frozen ones (and its own prompt version).
 */
export function adaptiveAttackerPromptHash(maxChars: number): string {
  return hashAttackerPromptMaterial({
    ...attackerPromptMaterial(maxChars),
    promptVersion: ADAPTIVE_ATTACKER_PROMPT_VERSION,
    template: ADAPTIVE_ATTACKER_TEMPLATE,
    fence: { ...ADAPTIVE_FENCE, blockedNote: ADAPTIVE_BLOCKED_NOTE },
  });
}
