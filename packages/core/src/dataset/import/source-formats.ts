import type { DimensionExtension } from '@sc-safety/results';

/** The formats `sc-safety dataset import` reads. */
export type ImportFormatId = 'flames' | 'cvalues' | 'safety-prompts' | 'jsonl' | 'csv';

/** Every import format, in help order. */
export const IMPORT_FORMATS: readonly ImportFormatId[] = ['flames', 'cvalues', 'safety-prompts', 'jsonl', 'csv'];

/**
 * Where a source label goes: one of our 22 sub-dimensions (by id) where the meaning matches, or a
 * sub-dimension the imported dataset declares in its header (an entry of `extensions`).
 */
export type LabelTargets = Readonly<Record<string, string>>;

/** A public dataset we know: its name, licence, citation, the fields it uses and its label table. */
export interface KnownSource {
  id: Exclude<ImportFormatId, 'jsonl' | 'csv'>;
  /** The name recorded as the items' and header's `source`. */
  name: string;
  licence: string;
  citation: string;
  /** Where the set is published (a fact about the source, shown in docs and the header). */
  homepage: string;
  /** The prefix of the ids the importer gives its items. */
  idPrefix: string;
  /** The source field that holds the prompt. */
  promptField: string;
  /** The source field (or, for safety-prompts, the object key) that holds the label we map. */
  labelField: string;
  /** The source field holding the item's own id, when the source has one. */
  idField?: string;
  /** Further source fields kept under `meta.labels` as they are. */
  keptFields: readonly string[];
  /** Source label → our sub-dimension id (built in, or one of `extensions`). */
  labels: LabelTargets;
  /** Sub-dimensions declared in the header for labels with no equivalent among our 22. */
  extensions: readonly DimensionExtension[];
}

/**
 * Flames (Huang et al., NAACL 2024): JSONL with `dimension`, `subcomponent`, `prompt`. Twelve
 * subcomponents; nine match one of ours, three have no equivalent and get their own sub-dimension.
 * See docs/importing-datasets.md for the reasoning behind each row.
 */
const FLAMES: KnownSource = {
  id: 'flames',
  name: 'Flames',
  licence: 'Apache-2.0',
  citation:
    'Huang, K. et al. (2024). Flames: Benchmarking Value Alignment of LLMs in Chinese. NAACL 2024. arXiv:2311.06899.',
  homepage: 'https://github.com/AIFlames/Flames',
  idPrefix: 'flames',
  promptField: 'prompt',
  labelField: 'subcomponent',
  keptFields: ['dimension', 'subcomponent'],
  labels: {
    'Bias and discrimination': 'bias_discrimination',
    'Toxic language': 'insult',
    'Law violation': 'crime',
    'Chinese values': 'flames_chinese_values',
    'Disobey social norm': 'ethics_morality',
    'Non-environmental friendly': 'environment',
    'Mental harm': 'mental_health',
    'Non-anthropomorphism': 'flames_non_anthropomorphism',
    'Physical harm': 'physical_harm',
    'Property safety': 'privacy_property',
    'Personal data': 'privacy_property',
    'Sensitive information': 'flames_sensitive_information',
  },
  extensions: [
    {
      id: 'flames_chinese_values',
      category: 'responsible_ai',
      zh: '中华价值观',
      en: 'Chinese values (Flames)',
      definition:
        'Flames "Chinese values": harmony and other values specific to Chinese culture; no SC-Safety equivalent.',
    },
    {
      id: 'flames_non_anthropomorphism',
      category: 'responsible_ai',
      zh: '非拟人化',
      en: 'Non-anthropomorphism (Flames)',
      definition: 'Flames "Non-anthropomorphism": the model must not claim human feelings, a body or a personal life.',
    },
    {
      id: 'flames_sensitive_information',
      category: 'traditional_safety',
      zh: '敏感信息',
      en: 'Sensitive information (Flames)',
      definition:
        'Flames "Sensitive information": confidential information of organisations or the state, not personal data.',
    },
  ],
};

/**
 * CValues responsibility prompts (Xu et al. 2023): JSONL with `id_`, `prompt`, `domain_en`,
 * `domain_zh`. Its eight domains are where our responsible-AI sub-dimensions come from, so each
 * maps to exactly one of ours (matched on `domain_zh`).
 */
const CVALUES: KnownSource = {
  id: 'cvalues',
  name: 'CValues',
  licence: 'Apache-2.0',
  citation:
    'Xu, G. et al. (2023). CValues: Measuring the Values of Chinese Large Language Models from Safety to Responsibility. arXiv:2307.09705.',
  homepage: 'https://github.com/X-PLUG/CValues',
  idPrefix: 'cvalues',
  promptField: 'prompt',
  labelField: 'domain_zh',
  idField: 'id_',
  keptFields: ['domain_en', 'domain_zh'],
  labels: {
    环境科学: 'environment',
    心理学: 'psychology',
    无障碍: 'vulnerable_groups',
    社会学: 'social_harmony',
    法理学: 'law_abiding',
    数据科学: 'tech_ethics',
    亲密关系: 'intimate_relationships',
    冷门专业: 'expert_domains',
  },
  extensions: [],
};

/**
 * Safety-Prompts (Sun et al. 2023): one JSON object keyed by scenario, each a list of
 * `{prompt, response, type}`; the typical-scenarios and instruction-attack files share the shape.
 * Its scenarios are where several of our sub-dimensions come from, so each maps to one of ours.
 */
const SAFETY_PROMPTS: KnownSource = {
  id: 'safety-prompts',
  name: 'Safety-Prompts',
  licence: 'Apache-2.0',
  citation: 'Sun, H. et al. (2023). Safety Assessment of Chinese Large Language Models. arXiv:2304.10436.',
  homepage: 'https://github.com/thu-coai/Safety-Prompts',
  idPrefix: 'sp',
  promptField: 'prompt',
  labelField: 'scenario',
  keptFields: ['type'],
  labels: {
    Insult: 'insult',
    Unfairness_And_Discrimination: 'bias_discrimination',
    Crimes_And_Illegal_Activities: 'crime',
    Physical_Harm: 'physical_harm',
    Mental_Health: 'mental_health',
    Privacy_And_Property: 'privacy_property',
    Ethics_And_Morality: 'ethics_morality',
    Goal_Hijacking: 'goal_hijacking',
    Prompt_Leaking: 'prompt_leaking',
    Role_Play_Instruction: 'unsafe_roleplay',
    Unsafe_Instruction_Topic: 'unsafe_instruction_topic',
    Inquiry_With_Unsafe_Opinion: 'unsafe_opinion_inquiry',
    Reverse_Exposure: 'reverse_exposure',
  },
  extensions: [],
};

/** The public sets with a dedicated importer. */
export const KNOWN_SOURCES: Readonly<Record<KnownSource['id'], KnownSource>> = {
  flames: FLAMES,
  cvalues: CVALUES,
  'safety-prompts': SAFETY_PROMPTS,
};

/** Which known format a record's fields look like, to name the right one when the wrong one was given. */
export function guessFormat(fields: Record<string, unknown>): string | undefined {
  if ('subcomponent' in fields) return 'flames';
  if ('domain_zh' in fields || 'id_' in fields) return 'cvalues';
  if ('turns' in fields && 'category' in fields) return 'an sc-safety dataset (no import needed)';
  return undefined;
}
