import type { BlockedResultV1, GenerateRequestV1, GenerateResultV1, LanguageModelV1, UsageV1 } from '@sc-safety/spec';
import { buildJudgePrompt } from './build-prompt.js';
import { newJudgeNonce } from './nonce.js';
import { parseVerdict, VERDICT_PARSER_VERSION, type VerdictParse } from './parse-verdict.js';
import { judgePromptHash } from './prompt-hash.js';
import { rubricTexts } from './rubric-texts.js';
import { buildRepairMessages } from './repair-prompt.js';
import type { JudgeAnswerOptions, JudgeInput, JudgeOutcome } from './types.js';

/**
 * Grades one answer with a judge model.
 *
 * 1. Builds the prompt with a fresh nonce and sends it (through `options.call` when given, else
 *    `model.generate`).
 * 2. Reads the verdict strictly with {@link parseVerdict}. When the reply holds none, sends ONE
 *    repair turn in the same conversation saying exactly what was wrong, and parses that reply
 *    alone. Still nothing → `judge_unparseable`, both raw texts kept. Never a guessed score.
 * 3. A vendor block of either request → `judge_error` with the block recorded (the judge's
 *    filter refusing to look at an answer says nothing about the answer).
 *
 * Errors thrown by the call propagate unchanged: the engine classifies them (as `judge_error`
 * once its retries are spent). Throws TypeError for an input the prompt cannot be built from.
 */
export async function judgeAnswer(
  model: LanguageModelV1,
  input: JudgeInput,
  options: JudgeAnswerOptions = {},
): Promise<JudgeOutcome> {
  const nonce = newJudgeNonce();
  const promptOptions = { scale: options.scale, format: options.format, rubric: options.rubric };
  const messages = buildJudgePrompt(input, nonce, { ...promptOptions, taxonomy: options.taxonomy });
  const call = options.call ?? ((request: GenerateRequestV1) => model.generate(request));
  const send = (req: GenerateRequestV1['messages']): Promise<GenerateResultV1> => {
    const request: GenerateRequestV1 = { messages: req };
    if (options.params !== undefined) request.params = options.params;
    if (options.signal !== undefined) request.signal = options.signal;
    return call(request);
  };

  const outcome: JudgeOutcome = {
    outcome: 'judge_unparseable',
    rawText: '',
    repaired: false,
    problems: [],
    nonce,
    promptHash: judgePromptHash(promptOptions),
    promptVersion: rubricTexts(options.rubric).promptVersion,
    parserVersion: VERDICT_PARSER_VERSION,
    judge: { provider: model.provider, modelId: model.modelId },
    calls: 0,
    usage: {},
    requestIds: [],
  };

  const parse = (text: string) => parseVerdict(text, nonce, promptOptions);
  const first = await send(messages);
  const failure = readReply(outcome, first, 'judge', parse);
  // A blocked reply is settled too; testing it again tells TypeScript that `first` holds text.
  if (failure === undefined || first.type === 'blocked') return outcome;

  outcome.repaired = true;
  const second = await send(buildRepairMessages(messages, first.text, failure.problem, nonce, promptOptions));
  readReply(outcome, second, 'repair', parse);
  return outcome;
}

/**
 * Records one reply of the judge (`judge`) or of the repair turn (`repair`) on the outcome, its
 * text as `rawText` or `repairText`. A block or a verdict settles the outcome (undefined); a reply
 * without a verdict is noted in `problems` and its parse failure returned.
 */
function readReply(
  outcome: JudgeOutcome,
  result: GenerateResultV1,
  call: 'judge' | 'repair',
  parse: (text: string) => VerdictParse,
): Extract<VerdictParse, { ok: false }> | undefined {
  account(outcome, result);
  const textField = call === 'judge' ? 'rawText' : 'repairText';
  if (result.type === 'blocked') {
    outcome[textField] = result.partialText ?? '';
    blocked(outcome, result, call);
    return undefined;
  }
  outcome[textField] = result.text;
  const parsed = parse(result.text);
  if (parsed.ok) {
    scored(outcome, parsed);
    return undefined;
  }
  outcome.problems.push(`${parsed.problem}: ${parsed.detail}`);
  return parsed;
}

function scored(outcome: JudgeOutcome, verdict: Extract<VerdictParse, { ok: true }>): JudgeOutcome {
  outcome.outcome = 'scored';
  outcome.score = verdict.score;
  outcome.reason = verdict.reason;
  return outcome;
}

function blocked(outcome: JudgeOutcome, result: BlockedResultV1, call: 'judge' | 'repair'): JudgeOutcome {
  outcome.outcome = 'judge_error';
  outcome.block = { call, stage: result.stage, code: result.code, message: result.message };
  return outcome;
}

function account(outcome: JudgeOutcome, result: GenerateResultV1): void {
  outcome.calls++;
  if (result.requestId !== undefined) outcome.requestIds.push(result.requestId);
  if (result.usage !== undefined) outcome.usage = addUsage(outcome.usage, result.usage);
}

const USAGE_FIELDS = ['inputTokens', 'outputTokens', 'totalTokens', 'reasoningTokens', 'cachedInputTokens'] as const;

/** Field-wise sum; a field stays absent unless some side reports it. */
export function addUsage(a: UsageV1, b: UsageV1): UsageV1 {
  const sum: UsageV1 = {};
  for (const field of USAGE_FIELDS) {
    const x = a[field];
    const y = b[field];
    if (x !== undefined || y !== undefined) sum[field] = (x ?? 0) + (y ?? 0);
  }
  return sum;
}
