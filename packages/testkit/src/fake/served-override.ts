import type { FakeScenario, ServedModelOverride } from './types.js';

/**
 * The served model one answer reports: the scenario's own `served` fields over the server's
 * `servedModel` option (the scenario wins), or just the server's when the scenario names none.
 */
export function servedOverride(
  scenario: FakeScenario,
  server: ServedModelOverride | undefined,
): ServedModelOverride | undefined {
  const own = scenario.kind === 'text' ? scenario.served : undefined;
  if (own === undefined) return server;
  return (request) => ({ ...server?.(request), ...own });
}
