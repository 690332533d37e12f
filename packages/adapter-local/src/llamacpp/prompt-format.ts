import type { ChatMessageV1 } from '@sc-safety/spec';
import type { PromptFormat } from '../config.js';

/** A conversation rendered as one prompt, and the strings that end the model's turn in it. */
export interface RenderedPrompt {
  prompt: string;
  stop: string[];
}

/**
 * Renders messages for llama.cpp's native `/completion`, which takes raw text and applies no chat
 * template. The prompt ends with an open assistant turn. (The server adds BOS itself.)
 */
export function renderPrompt(messages: readonly ChatMessageV1[], format: PromptFormat): RenderedPrompt {
  switch (format) {
    case 'chatml':
      return {
        prompt: `${messages.map((m) => `<|im_start|>${m.role}\n${m.content}<|im_end|>\n`).join('')}<|im_start|>assistant\n`,
        stop: ['<|im_end|>'],
      };
    case 'llama3':
      return {
        prompt: `${messages.map((m) => `<|start_header_id|>${m.role}<|end_header_id|>\n\n${m.content}<|eot_id|>`).join('')}<|start_header_id|>assistant<|end_header_id|>\n\n`,
        stop: ['<|eot_id|>'],
      };
    case 'plain':
      return {
        prompt: `${messages.map((m) => `${PLAIN_NAMES[m.role]}: ${m.content}\n\n`).join('')}Assistant:`,
        stop: ['\nUser:', '\nSystem:'],
      };
  }
}

const PLAIN_NAMES: Readonly<Record<ChatMessageV1['role'], string>> = {
  system: 'System',
  user: 'User',
  assistant: 'Assistant',
};
