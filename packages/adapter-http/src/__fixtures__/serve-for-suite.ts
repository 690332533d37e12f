import { afterAll, beforeAll } from 'vitest';

/**
 * Starts a fake server before the enclosing suite's tests and closes it after them. `start`
 * creates it and keeps it where the tests read it (`async () => (server = await create…())`).
 */
export function serveForSuite(start: () => Promise<{ close(): Promise<void> }>): void {
  let started: { close(): Promise<void> } | undefined;
  beforeAll(async () => {
    started = await start();
  });
  afterAll(async () => {
    await started?.close();
  });
}
