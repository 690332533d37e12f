import type { ChatMessageV1 } from '@sc-safety/spec';
import { defaultTaxonomy, type Taxonomy } from '@sc-safety/results';
import { fence, neutralizeDelimiters, type FenceLabel } from './fence.js';
import { judgeScaleLevels, scaleValues } from './judge-scale.js';
import { assertNonce } from './nonce.js';
import { fillTemplate, JUDGE_DATA_RULES_ZH, JUDGE_TEMPLATE } from './prompt-template.js';
import { JUDGE_MULTI_TURN_TEMPLATE } from './multi-turn-template.js';
import { rubricTexts } from './rubric-texts.js';
import type { JudgeInput, JudgePromptOptions } from './types.js';

/** Options of {@link buildJudgePrompt}. */
export interface BuildJudgePromptOptions extends JudgePromptOptions {
  /** The dataset's taxonomy (default: the built-in one). */
  taxonomy?: Taxonomy;
}

/**
 * The judge's messages for one answer: a system message (role, rubric, guidance, the data/instruction
 * boundary, output format) and a user message (category and sub-dimension, the fenced conversation,
 * a reminder). Pure: the same input and nonce always give the same messages.
 *
 * Round 2 shows the whole history in order (question, the model's own round-1 answer, the
 * adversarial follow-up) and grades only the round-2 answer.
 */
export function buildJudgePrompt(
  input: JudgeInput,
  nonce: string,
  options: BuildJudgePromptOptions = {},
): ChatMessageV1[] {
  assertNonce(nonce);
  const format = options.format ?? 'marker';
  const levels = scaleValues(judgeScaleLevels(options.scale));
  const taxonomy = options.taxonomy ?? defaultTaxonomy;

  const category = taxonomy.category(input.category);
  if (category === undefined) throw new TypeError(`judge input: unknown category ${JSON.stringify(input.category)}`);
  const dimension = taxonomy.dimension(input.dimension);
  if (dimension === undefined) {
    throw new TypeError(
      `judge input: unknown dimension ${JSON.stringify(input.dimension)}; pass the dataset's taxonomy when it declares extra dimensions`,
    );
  }
  if (!Number.isInteger(input.round) || input.round < 1)
    throw new TypeError(`judge input: round must be an integer ≥ 1, got ${String(input.round)}`);
  if (input.round === 2 && (input.previousAnswer === undefined || input.followUp === undefined)) {
    throw new TypeError('judge input: round 2 needs previousAnswer (the round-1 answer) and followUp');
  }
  const earlier = input.earlier;
  if (
    input.round >= 3 &&
    (input.followUp === undefined ||
      earlier?.answers.length !== input.round - 1 ||
      earlier.followUps.length !== input.round - 2)
  ) {
    throw new TypeError(
      `judge input: round ${input.round} needs followUp and earlier (${input.round - 2} follow-ups, ${input.round - 1} answers)`,
    );
  }

  const texts = rubricTexts(options.rubric);
  const common = { ...levels, nonce };
  const system = [texts.intro, texts.rubric, texts.guidance, JUDGE_DATA_RULES_ZH, JUDGE_TEMPLATE.output[format]]
    .map((part) => fillTemplate(part, common))
    .join('\n\n');

  const fences: Record<`fence:${FenceLabel}`, string> = {
    'fence:SYSTEM': fence('SYSTEM', input.system ?? '', nonce),
    'fence:QUESTION': fence('QUESTION', input.question, nonce),
    'fence:ROUND1-ANSWER': fence('ROUND1-ANSWER', input.previousAnswer ?? '', nonce),
    'fence:FOLLOWUP': fence('FOLLOWUP', input.followUp ?? '', nonce),
    'fence:ANSWER': fence('ANSWER', input.answer, nonce),
  };
  const header = fillTemplate(texts.task, {
    categoryZh: metadata(category.zh),
    categoryId: metadata(category.id),
    categoryDefinition: metadata(category.definition) || '（无）',
    dimensionZh: metadata(dimension.zh),
    dimensionId: metadata(dimension.id),
    dimensionDefinition: metadata(dimension.definition) || '（无）',
    round: String(input.round),
  });
  const multiTurn = input.round >= 3 && earlier !== undefined;
  const task = multiTurn
    ? header.replace('（本题共 2 轮）', fillTemplate(JUDGE_MULTI_TURN_TEMPLATE.count, { round: String(input.round) }))
    : header;
  const parts = [task];
  if (input.system !== undefined) parts.push(fillTemplate(JUDGE_TEMPLATE.system, fences));
  if (multiTurn) parts.push(multiTurnConversation(input, earlier, nonce, fences));
  else parts.push(fillTemplate(input.round === 1 ? JUDGE_TEMPLATE.round1 : JUDGE_TEMPLATE.round2, fences));
  parts.push(fillTemplate(JUDGE_TEMPLATE.reminder[format], common));

  return [
    { role: 'system', content: system },
    { role: 'user', content: parts.join('\n\n') },
  ];
}

/** Turns 1..round in order, each earlier answer and follow-up in its own numbered fence. */
function multiTurnConversation(
  input: JudgeInput,
  earlier: NonNullable<JudgeInput['earlier']>,
  nonce: string,
  fences: Record<string, string>,
): string {
  const t = JUDGE_MULTI_TURN_TEMPLATE;
  const round = String(input.round);
  const lines = [fillTemplate(t.intro, { round }), '', t.question, fences['fence:QUESTION']!, ''];
  earlier.answers.forEach((answer, i) => {
    const turn = String(i + 1);
    lines.push(fillTemplate(t.earlierAnswer, { turn }), fence(`TURN-${i + 1}-ANSWER`, answer, nonce), '');
    const followUp = earlier.followUps[i];
    if (followUp !== undefined)
      lines.push(
        fillTemplate(t.earlierFollowUp, { turn: String(i + 2) }),
        fence(`TURN-${i + 2}-USER`, followUp, nonce),
        '',
      );
  });
  lines.push(
    fillTemplate(t.followUp, { round }),
    fences['fence:FOLLOWUP']!,
    '',
    fillTemplate(t.answer, { round }),
    fences['fence:ANSWER']!,
  );
  return lines.join('\n');
}

/** Taxonomy text sits outside the fences, so it is kept to one line and cannot open a fence. */
function metadata(text: string): string {
  let line = metadataLines.get(text);
  if (line === undefined) {
    line = neutralizeDelimiters(text).replace(/\s+/g, ' ').trim();
    // A taxonomy has a few dozen texts; a bound keeps a caller with many taxonomies from growing it.
    if (metadataLines.size >= 1024) metadataLines.clear();
    metadataLines.set(text, line);
  }
  return line;
}

/** {@link metadata}'s lines so far, by taxonomy text (every prompt of a run repeats the same few). */
const metadataLines = new Map<string, string>();
