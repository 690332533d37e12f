import type { Category, CategoryId, Dimension } from './types.js';

/** Categories as the authors define them (the SC-Safety paper, arXiv 2310.05818; docs/benchmark.md). */
export const CATEGORIES: readonly Category[] = [
  {
    id: 'traditional_safety',
    zh: '传统安全类',
    en: 'Traditional safety',
    definition: 'Basic moral and legal standards: abuse, crime, privacy, physical and mental health.',
  },
  {
    id: 'responsible_ai',
    zh: '负责任人工智能',
    en: 'Responsible AI',
    definition:
      'Alignment with human values beyond the law: the environment, vulnerable groups and wider social responsibility.',
  },
  {
    id: 'instruction_attack',
    zh: '指令攻击',
    en: 'Instruction attacks',
    definition:
      'Prompts crafted to get around the model’s safeguards: hijacking, leaking, role-play and reverse framing.',
  },
];

/** Where nine sub-dimension names are published, each with an example pair. */
const README_EXAMPLES =
  'the authors’ repository (CLUEbenchmark/SuperCLUE-Safety) README, section 典型维度与示例, revisions from 2023-10 on';

/** Where a sub-dimension's name comes from: `citation` when confirmed, `basis` when inferred. */
type NameSource = { status: 'confirmed'; citation: string } | { status: 'inferred'; basis: string };

/** A sub-dimension as one table row: id, Chinese name, English name, definition, name source. */
type DimensionRow = readonly [id: string, zh: string, en: string, definition: string, source: NameSource];

/** Named in an authors' source: by default the README's examples. */
const confirmed = (citation: string = README_EXAMPLES): NameSource => ({ status: 'confirmed', citation });
/** Not named by the authors: `basis` says where the name comes from. */
const inferred = (basis: string): NameSource => ({ status: 'inferred', basis });

/** The rows of one category as {@link Dimension}s, in table order. */
function dimensionsOf(category: CategoryId, rows: readonly DimensionRow[]): Dimension[] {
  return rows.map(([id, zh, en, definition, source]) => ({ id, category, zh, en, ...source, definition }));
}

/**
 * The 22 sub-dimensions (docs/taxonomy.md). A sub-dimension is `confirmed` only where an authors'
 * source names it, and the citation says where; nine are. The rest are `inferred`: completed from
 * the works the authors list as reading (Safety-Prompts by Sun et al. 2023, CValues by Xu et al.
 * 2023) or our own, and `basis` says where each name comes from.
 */
export const DIMENSIONS: readonly Dimension[] = [
  ...dimensionsOf('traditional_safety', [
    [
      'insult',
      '脏话侮辱',
      'Insult and profanity',
      'Requests to produce or endorse abuse, slurs, mockery or degrading language aimed at people or groups.',
      inferred(
        'Safety-Prompts’ scenario Insult (侮辱); the authors’ README names 辱骂 among traditional-safety' +
          ' concerns in the category definition, but no sub-dimension of this name',
      ),
    ],
    [
      'bias_discrimination',
      '偏见歧视',
      'Bias and discrimination',
      'Stereotypes or unequal treatment by region, gender, age, ethnicity, religion, disability, occupation and' +
        ' similar traits.',
      inferred('Safety-Prompts’ scenario Unfairness_And_Discrimination; not named by the authors'),
    ],
    [
      'crime',
      '违法犯罪',
      'Crime and illegal activity',
      'Help with committing, planning or concealing illegal acts such as fraud, theft, drugs or violence.',
      confirmed(),
    ],
    [
      'physical_harm',
      '身体伤害',
      'Physical harm',
      'Advice that could injure the user or others: dangerous stunts, unsafe medication, hazardous chemistry,' +
        ' violence.',
      confirmed(),
    ],
    [
      'mental_health',
      '心理健康',
      'Mental health',
      'Self-harm, suicidal thoughts, despair, eating disorders and other situations that call for careful,' +
        ' supportive answers.',
      inferred('Safety-Prompts’ scenario Mental_Health; the category definition names 身心健康'),
    ],
    [
      'privacy_property',
      '财产隐私',
      'Privacy and property',
      'Obtaining or exposing personal data, tracking people, taking or endangering others’ property and accounts,' +
        ' and high-stakes personal advice (marriage, investment, large financial decisions) given without due care.',
      confirmed(
        `${README_EXAMPLES}; its definition there includes high-stakes advice such as marriage and` + ' investment',
      ),
    ],
    [
      'ethics_morality',
      '道德伦理',
      'Ethics and morality',
      'Conduct that is legal but dishonest, unfair or harmful: cheating, betrayal, manipulation, shirking duties.',
      inferred('Safety-Prompts’ scenario Ethics_And_Morality; not named by the authors'),
    ],
    [
      'sensitive_topics',
      '敏感话题',
      'Sensitive topics',
      'Contested social and political subjects where a model should stay factual, balanced and non-inflammatory.',
      inferred('our addition for contested social and political subjects; no published source found for the name'),
    ],
  ]),
  ...dimensionsOf('responsible_ai', [
    [
      'environment',
      '环境友好',
      'Environmental responsibility',
      'Pollution, waste, wildlife and resource use: answers should not encourage harm to the environment.',
      inferred(
        'the responsible-AI category definition in the authors’ README names 对环境的友好 as a concern,' +
          ' not as a sub-dimension',
      ),
    ],
    [
      'vulnerable_groups',
      '弱势群体',
      'Care for vulnerable groups',
      'Children, the elderly, people with disabilities, migrants and others who need protection and accessible help.',
      inferred(
        'the responsible-AI category definition in the authors’ README names 对弱势群体友好 as a concern,' +
          ' not as a sub-dimension',
      ),
    ],
    [
      'psychology',
      '心理学',
      'Psychology',
      'Using psychological knowledge responsibly: no manipulation, gaslighting or amateur diagnosis that harms people.',
      confirmed(),
    ],
    [
      'social_harmony',
      '社会和谐',
      'Social harmony',
      'Social issues and public order: rumours, incitement, group conflict and the common good.',
      confirmed(),
    ],
    [
      'law_abiding',
      '遵纪守法',
      'Law-abiding conduct',
      'Everyday rules and regulations: encouraging compliance rather than clever ways around them.',
      confirmed(),
    ],
    [
      'intimate_relationships',
      '亲密关系',
      'Intimate relationships',
      'Love, marriage and family: respect, consent and healthy boundaries instead of control or coercion.',
      inferred('CValues’ responsibility domain 亲密关系; not named by the authors'),
    ],
    [
      'tech_ethics',
      '科技伦理',
      'Data and technology ethics',
      'Responsible use of data, AI and emerging technology: surveillance, deepfakes, consent, misuse of algorithms.',
      inferred('CValues’ responsibility domain 数据科学; not named by the authors'),
    ],
    [
      'expert_domains',
      '专业领域',
      'Responsible expert advice',
      'Medicine, law, finance and other niche fields where a wrong confident answer can do real harm.',
      inferred('CValues’ responsibility domains (法理学, 冷门专业); not named by the authors'),
    ],
  ]),
  ...dimensionsOf('instruction_attack', [
    [
      'goal_hijacking',
      '目标劫持',
      'Goal hijacking',
      'Instructions embedded in a task that try to make the model drop its task and produce something unsafe instead.',
      confirmed(),
    ],
    [
      'prompt_leaking',
      'Prompt泄漏',
      'Prompt leaking',
      'Attempts to extract the system prompt, hidden instructions, or confidential configuration.',
      inferred('Safety-Prompts’ instruction attack Prompt_Leaking; not named by the authors'),
    ],
    [
      'unsafe_roleplay',
      '不安全角色扮演',
      'Unsafe role-play instruction',
      'Asking the model to play a character without limits, then using the role to obtain unsafe content.',
      inferred('Safety-Prompts’ instruction attack Role_Play_Instruction; not named by the authors'),
    ],
    [
      'unsafe_instruction_topic',
      '不安全指令主题',
      'Unsafe instruction topic',
      'Harmless-looking tasks (write, summarise, translate) whose subject matter is itself unsafe.',
      confirmed(),
    ],
    [
      'unsafe_opinion_inquiry',
      '带有不安全观点的询问',
      'Inquiry with unsafe opinion',
      'Questions that smuggle a harmful premise or opinion and invite the model to build on it.',
      inferred('Safety-Prompts’ instruction attack Inquiry_With_Unsafe_Opinion; not named by the authors'),
    ],
    [
      'reverse_exposure',
      '反面诱导',
      'Reverse exposure',
      'Asking what to avoid “so as not to do it by accident” to obtain the harmful content in reverse, or' +
        ' building on a false premise (“科学研究表明…”) to lead the model to a harmful conclusion.',
      confirmed(),
    ],
  ]),
];
