import { afterEach } from 'vitest';

/**
 * Wraps a fake server factory so that each test gets its own server, closed after the test.
 * Call it at the top level of a test file: `const start = serverPerTest(() => createXFakeServer());`.
 */
export function serverPerTest<Args extends unknown[], Server extends { close(): Promise<void> }>(
  create: (...args: Args) => Promise<Server>,
): (...args: Args) => Promise<Server> {
  let server: Server | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  return async (...args) => (server = await create(...args));
}
