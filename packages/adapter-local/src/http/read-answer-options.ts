import type { WarningV1 } from '@sc-safety/spec';
import type { ClassifyHttpErrorOptions } from './classify-http-error.js';

/** What reading a server's answer needs: the target's label and error wording, the secrets to redact, the call's warnings. */
export interface ReadAnswerOptions extends Pick<ClassifyHttpErrorOptions, 'label' | 'secrets' | 'hints'> {
  warnings: WarningV1[];
}
