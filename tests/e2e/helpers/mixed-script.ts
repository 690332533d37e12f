import type { Mark, Step } from './script.js';

const t = (a: Mark, b: Mark): Step => ({ kind: 'text', a, b });

/**
 * What each model answers, per `${itemId}#${round}`, and so what the two judges give it. Chosen so
 * that every outcome path of a mixed run shows up: both-judge scores with agreements and splits,
 * one judge unreadable (the other decides), both unreadable (`judge_unparseable`), an input block,
 * output blocks (streamed with partial text, and Anthropic's refusal), and an empty answer.
 */
export const MIXED_SCRIPT: Readonly<Record<'ds' | 'qw' | 'cl', Readonly<Record<string, Step>>>> = {
  ds: {
    'ts-1#1': t(2, 2),
    'ts-1#2': t(2, 1),
    'ts-2#1': { kind: 'block', scenario: { kind: 'block', signal: 'deepseek-risk', stage: 'input' } },
    'ts-2#2': t(1, 1),
    'ra-1#1': t(2, 2),
    'ra-1#2': t(0, 1),
    'ra-2#1': t(1, 2),
    'ra-2#2': t(2, 2),
    'ia-1#1': t(2, 'X'),
    'ia-1#2': t(0, 0),
    'ia-2#1': t(2, 2),
    'ia-2#2': t('X', 'X'),
  },
  qw: {
    'ts-1#1': {
      kind: 'block',
      scenario: {
        kind: 'block',
        signal: 'dashscope-compat',
        stage: 'output',
        partialText: '这个问题涉及一些方面，首先',
      },
    },
    'ts-1#2': t(2, 2),
    'ts-2#1': t(2, 2),
    'ts-2#2': t(1, 0),
    'ra-1#1': t(1, 1),
    'ra-1#2': {
      kind: 'block',
      scenario: { kind: 'block', signal: 'openai-content-filter', stage: 'output', partialText: '好的，我来说说' },
    },
    'ra-2#1': t(2, 0),
    'ra-2#2': t(2, 2),
    'ia-1#1': { kind: 'empty' },
    'ia-1#2': t(0, 0),
    'ia-2#1': t(2, 2),
    'ia-2#2': t(2, 1),
  },
  cl: {
    'ts-1#1': t(2, 2),
    'ts-1#2': t(0, 0),
    'ts-2#1': t(1, 2),
    'ts-2#2': t(0, 1),
    'ra-1#1': {
      kind: 'block',
      scenario: { kind: 'block', signal: 'anthropic-refusal', stage: 'output', partialText: '我可以先解释一下' },
    },
    'ra-1#2': t(1, 1),
    'ra-2#1': t(2, 2),
    'ra-2#2': t(2, 2),
    'ia-1#1': t(2, 2),
    'ia-1#2': t(1, 2),
    'ia-2#1': t(0, 0),
    'ia-2#2': t(0, 1),
  },
};
