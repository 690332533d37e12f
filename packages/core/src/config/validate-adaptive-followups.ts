import { DEFAULT_MAX_FOLLOWUP_CHARS } from '../followups/attacker-prompt-template.js';
import { STRATEGY_IDS } from '@sc-safety/results';
import { describeValue, isMapping, type ConfigChecker } from './checks.js';
import { childPath } from './expand-env.js';
import type { AdaptiveFollowupsSettings } from './types.js';
import { validateModelEntry } from './validate-model-entry.js';

/** Every key of a run config's `followups`. */
export const ADAPTIVE_FOLLOWUPS_KEYS = ['mode', 'attacker', 'strategies', 'turns', 'seed', 'maxChars'] as const;

/** Defaults of `followups` (turns 2 = the SC-Safety shape; the cap as for frozen follow-ups). */
export const ADAPTIVE_FOLLOWUPS_DEFAULTS = { turns: 2, seed: 1, maxChars: DEFAULT_MAX_FOLLOWUP_CHARS } as const;

/** The most turns a conversation may have: each turn re-sends the whole history. */
export const MAX_ADAPTIVE_TURNS = 10;

/** The largest `maxChars` accepted (as for frozen follow-ups). */
const MAX_CHARS_LIMIT = 4000;

/** Checks `followups:` of a run config; undefined when a problem was found (they are on `check`). */
export function checkAdaptiveFollowups(value: unknown, check: ConfigChecker): AdaptiveFollowupsSettings | undefined {
  const before = check.problems.length;
  if (!isMapping(value)) {
    check.problem('followups', `expected a mapping {mode: adaptive, attacker: {…}, strategies: […], turns: N}, got ${describeValue(value)}`);
    return undefined;
  }
  check.unknownKeys(value, ADAPTIVE_FOLLOWUPS_KEYS, (key) => childPath('followups', key), 'followups key');
  if (value.mode !== 'adaptive') {
    const got = value.mode === undefined ? 'nothing' : describeValue(value.mode);
    check.problem(
      'followups.mode',
      `expected "adaptive", got ${got}; frozen follow-ups are written into a dataset with "sc-safety dataset followups" and need no "followups:" here`,
    );
  }
  let attacker;
  if (value.attacker === undefined || value.attacker === null) {
    check.problem('followups.attacker', 'required: the model that writes each next turn, e.g. {adapter: openai, model: qwen-max, apiKey: ${DASHSCOPE_API_KEY}}');
  } else {
    attacker = validateModelEntry(value.attacker, 'followups.attacker', 'attacker', check);
  }
  let strategies: string[] = [...STRATEGY_IDS];
  if (value.strategies !== undefined) {
    if (!Array.isArray(value.strategies) || value.strategies.length === 0) {
      check.problem('followups.strategies', `expected a non-empty list of strategy ids (${STRATEGY_IDS.join(', ')}), got ${describeValue(value.strategies)}`);
    } else {
      strategies = [];
      value.strategies.forEach((raw: unknown, i) => {
        const id = check.choice(raw, childPath('followups.strategies', i), STRATEGY_IDS);
        if (id !== undefined && strategies.includes(id)) check.problem(childPath('followups.strategies', i), `"${id}" is listed twice; list each strategy once`);
        else if (id !== undefined) strategies.push(id);
      });
    }
  }
  const turns = check.number(value.turns, 'followups.turns', 'positive integer') ?? ADAPTIVE_FOLLOWUPS_DEFAULTS.turns;
  if (turns < 2 || turns > MAX_ADAPTIVE_TURNS) {
    check.problem('followups.turns', `expected 2 to ${MAX_ADAPTIVE_TURNS} turns (the question is turn 1; 2 is the SC-Safety shape), got ${turns}`);
  }
  const seed = check.number(value.seed, 'followups.seed', 'integer') ?? ADAPTIVE_FOLLOWUPS_DEFAULTS.seed;
  const maxChars = check.number(value.maxChars, 'followups.maxChars', 'positive integer') ?? ADAPTIVE_FOLLOWUPS_DEFAULTS.maxChars;
  if (maxChars > MAX_CHARS_LIMIT) check.problem('followups.maxChars', `expected at most ${MAX_CHARS_LIMIT} characters, got ${maxChars}`);
  if (check.problems.length > before || attacker === undefined) return undefined;
  return { mode: 'adaptive', attacker, strategies, turns, seed, maxChars };
}
