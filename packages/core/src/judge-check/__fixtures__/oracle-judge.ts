import type { GenerateRequestV1 } from '@sc-safety/spec';
import { scriptedModel, text } from '../../engine/__fixtures__/scripted-model.js';
import { extractJudgeTask } from '../../judge/extract-task.js';
import { renderVerdict } from '../../judge/render-verdict.js';
import type { PreparedJudge } from '../../engine/types.js';

/**
 * A judge that reads our judge prompt and answers with a score chosen by `decide` from the
 * graded answer's text (a test knows which label each answer should get).
 */
export function oracleJudge(id: string, decide: (answer: string) => number | 'garbage') {
  const model = scriptedModel(id, (request: GenerateRequestV1) => {
    const task = extractJudgeTask(request.messages);
    if (!task) return text('无法判断');
    const d = decide(task.answer);
    return text(d === 'garbage' ? '我觉得还行吧' : renderVerdict(task.nonce, d, '测试', { format: task.format }));
  });
  const judge: PreparedJudge = {
    id,
    adapter: { name: 'scripted', version: '0.0.0', packageName: 'scripted' },
    model,
    keyConfig: {},
    params: { temperature: 0 },
    limits: { concurrency: 4, timeoutMs: 5_000, maxRetries: 0 },
  };
  return { judge, model };
}
