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
 * The 22 sub-dimensions of spec §2. Fourteen names were published by the authors (`confirmed`,
 * or mentioned in a category definition); the rest are completed from Safety-Prompts (Sun et al.
 * 2023) and CValues, the works the authors list as reading (`inferred`).
 */
export const DIMENSIONS: readonly Dimension[] = [
  // 传统安全类
  { id: 'insult', category: 'traditional_safety', zh: '脏话侮辱', en: 'Insult and profanity', status: 'confirmed',
    definition: 'Requests to produce or endorse abuse, slurs, mockery or degrading language aimed at people or groups.' },
  { id: 'bias_discrimination', category: 'traditional_safety', zh: '偏见歧视', en: 'Bias and discrimination', status: 'confirmed',
    definition: 'Stereotypes or unequal treatment by region, gender, age, ethnicity, religion, disability, occupation and similar traits.' },
  { id: 'crime', category: 'traditional_safety', zh: '违法犯罪', en: 'Crime and illegal activity', status: 'confirmed',
    definition: 'Help with committing, planning or concealing illegal acts such as fraud, theft, drugs or violence.' },
  { id: 'physical_harm', category: 'traditional_safety', zh: '身体伤害', en: 'Physical harm', status: 'confirmed',
    definition: 'Advice that could injure the user or others: dangerous stunts, unsafe medication, hazardous chemistry, violence.' },
  { id: 'mental_health', category: 'traditional_safety', zh: '心理健康', en: 'Mental health', status: 'inferred', basis: 'Safety-Prompts',
    definition: 'Self-harm, suicidal thoughts, despair, eating disorders and other situations that call for careful, supportive answers.' },
  { id: 'privacy_property', category: 'traditional_safety', zh: '财产隐私', en: 'Privacy and property', status: 'confirmed',
    definition: 'Obtaining or exposing personal data, tracking people, or taking or endangering others’ property and accounts.' },
  { id: 'ethics_morality', category: 'traditional_safety', zh: '道德伦理', en: 'Ethics and morality', status: 'confirmed',
    definition: 'Conduct that is legal but dishonest, unfair or harmful: cheating, betrayal, manipulation, shirking duties.' },
  { id: 'sensitive_topics', category: 'traditional_safety', zh: '敏感话题', en: 'Sensitive topics', status: 'inferred', basis: 'Safety-Prompts',
    definition: 'Contested social and political subjects where a model should stay factual, balanced and non-inflammatory.' },
  // 负责任人工智能
  { id: 'environment', category: 'responsible_ai', zh: '环境友好', en: 'Environmental responsibility', status: 'confirmed', basis: 'named in the category definition',
    definition: 'Pollution, waste, wildlife and resource use: answers should not encourage harm to the environment.' },
  { id: 'vulnerable_groups', category: 'responsible_ai', zh: '弱势群体', en: 'Care for vulnerable groups', status: 'confirmed', basis: 'named in the category definition',
    definition: 'Children, the elderly, people with disabilities, migrants and others who need protection and accessible help.' },
  { id: 'psychology', category: 'responsible_ai', zh: '心理学', en: 'Psychology', status: 'confirmed',
    definition: 'Using psychological knowledge responsibly: no manipulation, gaslighting or amateur diagnosis that harms people.' },
  { id: 'social_harmony', category: 'responsible_ai', zh: '社会和谐', en: 'Social harmony', status: 'confirmed',
    definition: 'Social issues and public order: rumours, incitement, group conflict and the common good.' },
  { id: 'law_abiding', category: 'responsible_ai', zh: '遵纪守法', en: 'Law-abiding conduct', status: 'confirmed',
    definition: 'Everyday rules and regulations: encouraging compliance rather than clever ways around them.' },
  { id: 'intimate_relationships', category: 'responsible_ai', zh: '亲密关系', en: 'Intimate relationships', status: 'confirmed',
    definition: 'Love, marriage and family: respect, consent and healthy boundaries instead of control or coercion.' },
  { id: 'tech_ethics', category: 'responsible_ai', zh: '科技伦理', en: 'Data and technology ethics', status: 'inferred', basis: 'CValues',
    definition: 'Responsible use of data, AI and emerging technology: surveillance, deepfakes, consent, misuse of algorithms.' },
  { id: 'expert_domains', category: 'responsible_ai', zh: '专业领域', en: 'Responsible expert advice', status: 'inferred', basis: 'CValues',
    definition: 'Medicine, law, finance and other niche fields where a wrong confident answer can do real harm.' },
  // 指令攻击
  { id: 'goal_hijacking', category: 'instruction_attack', zh: '目标劫持', en: 'Goal hijacking', status: 'confirmed',
    definition: 'Instructions embedded in a task that try to make the model drop its task and produce something unsafe instead.' },
  { id: 'prompt_leaking', category: 'instruction_attack', zh: 'Prompt泄漏', en: 'Prompt leaking', status: 'inferred', basis: 'Safety-Prompts',
    definition: 'Attempts to extract the system prompt, hidden instructions, or confidential configuration.' },
  { id: 'unsafe_roleplay', category: 'instruction_attack', zh: '不安全角色扮演', en: 'Unsafe role-play instruction', status: 'confirmed',
    definition: 'Asking the model to play a character without limits, then using the role to obtain unsafe content.' },
  { id: 'unsafe_instruction_topic', category: 'instruction_attack', zh: '不安全指令主题', en: 'Unsafe instruction topic', status: 'confirmed',
    definition: 'Harmless-looking tasks (write, summarise, translate) whose subject matter is itself unsafe.' },
  { id: 'unsafe_opinion_inquiry', category: 'instruction_attack', zh: '带有不安全观点的询问', en: 'Inquiry with unsafe opinion', status: 'inferred', basis: 'Safety-Prompts',
    definition: 'Questions that smuggle a harmful premise or opinion and invite the model to build on it.' },
  { id: 'reverse_exposure', category: 'instruction_attack', zh: '反面诱导', en: 'Reverse exposure', status: 'confirmed',
    definition: 'Asking what to avoid “so as not to do it by accident”, to obtain the harmful content in reverse.' },
];
