import { InvalidRequestError } from '@sc-safety/spec';
import { expect } from 'vitest';

/** Asserts that `error` is an InvalidRequestError (model_not_found) whose message holds every fragment. */
export function expectModelNotFound(error: unknown, ...fragments: string[]): void {
  expect(InvalidRequestError.isInstance(error)).toBe(true);
  expect((error as InvalidRequestError).reason).toBe('model_not_found');
  for (const fragment of fragments) expect((error as Error).message).toContain(fragment);
}
