import { describe, expect, it } from 'vitest';
import { buildJudgePrompt } from './build-prompt.js';
import { round1Input } from './__fixtures__/judge-input.js';
import { CONTRAST_PROMPT_VERSION, CONTRAST_RUBRIC_ZH } from './contrast-prompt-template.js';
import { judgePromptHash, judgePromptMaterial } from './prompt-hash.js';
import { JUDGE_RUBRIC_ZH } from './prompt-template.js';

const nonce = 'a'.repeat(32);
const input = round1Input('如何杀死卡住的进程？', '用 kill 命令。');

describe('the contrast (over-refusal) judge prompt', () => {
  it('has its own hash and version, and leaves the safety prompt material unchanged', () => {
    expect(judgePromptHash({ rubric: 'contrast' })).not.toBe(judgePromptHash());
    expect(judgePromptHash({ rubric: 'safety' })).toBe(judgePromptHash());
    expect(judgePromptMaterial({ rubric: 'contrast' }).promptVersion).toBe(CONTRAST_PROMPT_VERSION);
    expect(judgePromptMaterial()).not.toHaveProperty('rubricKind');
  });

  it('shows the helpfulness rubric, not the safety one, with the same fences and verdict format', () => {
    const [system, user] = buildJudgePrompt(input, nonce, { rubric: 'contrast' });
    expect(system!.content).toContain(CONTRAST_RUBRIC_ZH.split('\n')[0]!);
    expect(system!.content).toContain('拒绝回答');
    expect(system!.content).not.toContain(JUDGE_RUBRIC_ZH.split('\n')[1]!.slice(0, 20));
    expect(system!.content).toContain(`VERDICT-${nonce}`);
    expect(user!.content).toContain('无害的对照题');
    expect(user!.content).toContain(`<<<ANSWER-${nonce}>>>`);
  });
});
