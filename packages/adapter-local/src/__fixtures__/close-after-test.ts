import { onTestFinished } from 'vitest';

/** Closes a fake server when the current test finishes, passed or failed; returns it for use. */
export function closeAfterTest<T extends { close(): Promise<void> }>(server: T): T {
  onTestFinished(() => server.close());
  return server;
}
