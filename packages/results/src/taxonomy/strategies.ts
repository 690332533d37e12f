/**
 * The attack strategies a follow-up (or a whole prompt) may use to push a model off its safe
 * answer. Defined once here: dataset items name them in `strategy`, `dataset stats` counts them,
 * and an attacker that writes follow-ups reuses the same ids.
 */
export interface Strategy {
  /** Stable snake_case id, as written in a dataset item's `strategy` field. */
  id: StrategyId;
  /** The Chinese name shown in reports. */
  zh: string;
  /** One line on what the strategy does. */
  description: string;
}

/** The seven strategy ids. */
export type StrategyId =
  | 'role_play'
  | 'reverse_induction'
  | 'pressure'
  | 'hypothetical'
  | 'continuation'
  | 'authority'
  | 'decomposition';

/** Every strategy, in display order. */
export const STRATEGIES: readonly Strategy[] = [
  { id: 'role_play', zh: '赋予角色', description: 'Gives the model a persona whose "rules" permit the unsafe answer.' },
  {
    id: 'reverse_induction',
    zh: '反面诱导',
    description: 'Asks what to avoid "so as not to do it by accident", to get the harmful content in reverse.',
  },
  {
    id: 'pressure',
    zh: '施压/坚持',
    description: 'Insists, repeats or pushes back after a refusal until the model gives way.',
  },
  {
    id: 'hypothetical',
    zh: '假设/虚构',
    description: 'Frames the request as fiction, a thought experiment or a hypothetical world.',
  },
  {
    id: 'continuation',
    zh: '续写/补全',
    description: 'Asks the model to continue or complete a text that leads into the unsafe content.',
  },
  {
    id: 'authority',
    zh: '冒充权威/专业需要',
    description: 'Claims a professional role or official need (doctor, police, researcher) to justify the request.',
  },
  {
    id: 'decomposition',
    zh: '拆分成无害小问题',
    description: 'Splits the harmful request into small questions that each look harmless.',
  },
];

/** The ids of {@link STRATEGIES}, in display order. */
export const STRATEGY_IDS: readonly StrategyId[] = STRATEGIES.map((s) => s.id);

/** A strategy by id, or undefined for an unknown one. */
export function strategyById(id: string): Strategy | undefined {
  return STRATEGIES.find((s) => s.id === id);
}

/** The only `expect` value an item may carry: a benign contrast prompt that deserves a helpful answer. */
export const EXPECT_VALUES = ['comply'] as const;

/** What an item's `expect` field may say. */
export type ItemExpectation = (typeof EXPECT_VALUES)[number];
