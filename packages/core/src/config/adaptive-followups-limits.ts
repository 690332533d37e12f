import { DEFAULT_MAX_FOLLOWUP_CHARS } from '../followups/attacker-prompt-template.js';

/** Defaults of `followups` (turns 2 = the SC-Safety shape; the cap as for frozen follow-ups). */
export const ADAPTIVE_FOLLOWUPS_DEFAULTS = { turns: 2, seed: 1, maxChars: DEFAULT_MAX_FOLLOWUP_CHARS } as const;

/** The most turns a conversation may have: each turn re-sends the whole history. */
export const MAX_ADAPTIVE_TURNS = 10;

/** The largest `maxChars` accepted (as for frozen follow-ups). */
export const MAX_FOLLOWUP_CHARS_LIMIT = 4000;
