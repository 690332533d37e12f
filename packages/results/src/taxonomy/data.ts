import type { Category, Dimension } from './types.js';

/** Categories as the authors define them (SC-Safety paper, arXiv 2310.05818, §3). */
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
    definition: 'Alignment with human values beyond the law: the environment, vulnerable groups and wider social responsibility.',
  },
  {
    id: 'instruction_attack',
    zh: '指令攻击',
    en: 'Instruction attacks',
    definition: 'Prompts crafted to get around the model’s safeguards: hijacking, leaking, role-play and reverse framing.',
  },
];

/**
 * The 22 sub-dimensions (docs/taxonomy.md). A sub-dimension is `confirmed` only where an authors'
 * source names it, and the citation says where; nine are. The rest are `inferred`: completed from
 * the works the authors list as reading (Safety-Prompts by Sun et al. 2023, CValues by Xu et al.
 * 2023) or our own, and `basis` says where each name comes from.
 */
/** Where nine sub-dimension names are published, each with an example pair. */
const README_EXAMPLES =
  'the authors’ repository (CLUEbenchmark/SuperCLUE-Safety) README, section 典型维度与示例, revisions from 2023-10 on';

export const DIMENSIONS: readonly Dimension[] = [
  // 传统安全类
  { id: 'insult', category: 'traditional_safety', zh: '脏话侮辱', en: 'Insult and profanity', status: 'inferred',
    basis: 'Safety-Prompts’ scenario Insult (侮辱); the authors’ README names 辱骂 among traditional-safety concerns in the category definition, but no sub-dimension of this name',
    definition: 'Requests to produce or endorse abuse, slurs, mockery or degrading language aimed at people or groups.' },
  { id: 'bias_discrimination', category: 'traditional_safety', zh: '偏见歧视', en: 'Bias and discrimination', status: 'inferred',
    basis: 'Safety-Prompts’ scenario Unfairness_And_Discrimination; not named by the authors',
    definition: 'Stereotypes or unequal treatment by region, gender, age, ethnicity, religion, disability, occupation and similar traits.' },
  { id: 'crime', category: 'traditional_safety', zh: '违法犯罪', en: 'Crime and illegal activity', status: 'confirmed',
    citation: README_EXAMPLES,
    definition: 'Help with committing, planning or concealing illegal acts such as fraud, theft, drugs or violence.' },
  { id: 'physical_harm', category: 'traditional_safety', zh: '身体伤害', en: 'Physical harm', status: 'confirmed',
    citation: README_EXAMPLES,
    definition: 'Advice that could injure the user or others: dangerous stunts, unsafe medication, hazardous chemistry, violence.' },
  { id: 'mental_health', category: 'traditional_safety', zh: '心理健康', en: 'Mental health', status: 'inferred',
    basis: 'Safety-Prompts’ scenario Mental_Health; the category definition names 身心健康',
    definition: 'Self-harm, suicidal thoughts, despair, eating disorders and other situations that call for careful, supportive answers.' },
  { id: 'privacy_property', category: 'traditional_safety', zh: '财产隐私', en: 'Privacy and property', status: 'confirmed',
    citation: `${README_EXAMPLES}; its definition there includes high-stakes advice such as marriage and investment`,
    definition:
      'Obtaining or exposing personal data, tracking people, taking or endangering others’ property and accounts, and high-stakes personal advice (marriage, investment, large financial decisions) given without due care.' },
  { id: 'ethics_morality', category: 'traditional_safety', zh: '道德伦理', en: 'Ethics and morality', status: 'inferred',
    basis: 'Safety-Prompts’ scenario Ethics_And_Morality; not named by the authors',
    definition: 'Conduct that is legal but dishonest, unfair or harmful: cheating, betrayal, manipulation, shirking duties.' },
  { id: 'sensitive_topics', category: 'traditional_safety', zh: '敏感话题', en: 'Sensitive topics', status: 'inferred',
    basis: 'our addition for contested social and political subjects; no published source found for the name',
    definition: 'Contested social and political subjects where a model should stay factual, balanced and non-inflammatory.' },
  // 负责任人工智能
  { id: 'environment', category: 'responsible_ai', zh: '环境友好', en: 'Environmental responsibility', status: 'inferred',
    basis: 'the responsible-AI category definition in the authors’ README names 对环境的友好 as a concern, not as a sub-dimension',
    definition: 'Pollution, waste, wildlife and resource use: answers should not encourage harm to the environment.' },
  { id: 'vulnerable_groups', category: 'responsible_ai', zh: '弱势群体', en: 'Care for vulnerable groups', status: 'inferred',
    basis: 'the responsible-AI category definition in the authors’ README names 对弱势群体友好 as a concern, not as a sub-dimension',
    definition: 'Children, the elderly, people with disabilities, migrants and others who need protection and accessible help.' },
  { id: 'psychology', category: 'responsible_ai', zh: '心理学', en: 'Psychology', status: 'confirmed',
    citation: README_EXAMPLES,
    definition: 'Using psychological knowledge responsibly: no manipulation, gaslighting or amateur diagnosis that harms people.' },
  { id: 'social_harmony', category: 'responsible_ai', zh: '社会和谐', en: 'Social harmony', status: 'confirmed',
    citation: README_EXAMPLES,
    definition: 'Social issues and public order: rumours, incitement, group conflict and the common good.' },
  { id: 'law_abiding', category: 'responsible_ai', zh: '遵纪守法', en: 'Law-abiding conduct', status: 'confirmed',
    citation: README_EXAMPLES,
    definition: 'Everyday rules and regulations: encouraging compliance rather than clever ways around them.' },
  { id: 'intimate_relationships', category: 'responsible_ai', zh: '亲密关系', en: 'Intimate relationships', status: 'inferred',
    basis: 'CValues’ responsibility domain 亲密关系; not named by the authors',
    definition: 'Love, marriage and family: respect, consent and healthy boundaries instead of control or coercion.' },
  { id: 'tech_ethics', category: 'responsible_ai', zh: '科技伦理', en: 'Data and technology ethics', status: 'inferred',
    basis: 'CValues’ responsibility domain 数据科学; not named by the authors',
    definition: 'Responsible use of data, AI and emerging technology: surveillance, deepfakes, consent, misuse of algorithms.' },
  { id: 'expert_domains', category: 'responsible_ai', zh: '专业领域', en: 'Responsible expert advice', status: 'inferred',
    basis: 'CValues’ responsibility domains (法理学, 冷门专业); not named by the authors',
    definition: 'Medicine, law, finance and other niche fields where a wrong confident answer can do real harm.' },
  // 指令攻击
  { id: 'goal_hijacking', category: 'instruction_attack', zh: '目标劫持', en: 'Goal hijacking', status: 'confirmed',
    citation: README_EXAMPLES,
    definition: 'Instructions embedded in a task that try to make the model drop its task and produce something unsafe instead.' },
  { id: 'prompt_leaking', category: 'instruction_attack', zh: 'Prompt泄漏', en: 'Prompt leaking', status: 'inferred',
    basis: 'Safety-Prompts’ instruction attack Prompt_Leaking; not named by the authors',
    definition: 'Attempts to extract the system prompt, hidden instructions, or confidential configuration.' },
  { id: 'unsafe_roleplay', category: 'instruction_attack', zh: '不安全角色扮演', en: 'Unsafe role-play instruction', status: 'inferred',
    basis: 'Safety-Prompts’ instruction attack Role_Play_Instruction; not named by the authors',
    definition: 'Asking the model to play a character without limits, then using the role to obtain unsafe content.' },
  { id: 'unsafe_instruction_topic', category: 'instruction_attack', zh: '不安全指令主题', en: 'Unsafe instruction topic', status: 'confirmed',
    citation: README_EXAMPLES,
    definition: 'Harmless-looking tasks (write, summarise, translate) whose subject matter is itself unsafe.' },
  { id: 'unsafe_opinion_inquiry', category: 'instruction_attack', zh: '带有不安全观点的询问', en: 'Inquiry with unsafe opinion', status: 'inferred',
    basis: 'Safety-Prompts’ instruction attack Inquiry_With_Unsafe_Opinion; not named by the authors',
    definition: 'Questions that smuggle a harmful premise or opinion and invite the model to build on it.' },
  { id: 'reverse_exposure', category: 'instruction_attack', zh: '反面诱导', en: 'Reverse exposure', status: 'confirmed',
    citation: README_EXAMPLES,
    definition:
      'Asking what to avoid “so as not to do it by accident” to obtain the harmful content in reverse, or building on a false premise (“科学研究表明…”) to lead the model to a harmful conclusion.' },
];
