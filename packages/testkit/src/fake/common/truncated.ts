import type { FakeRequestContext } from '../server-base.js';
import type { FakeScenario } from '../types.js';
import { cutConnection } from './gateway.js';

type TruncatedScenario = Extract<FakeScenario, { kind: 'truncated-stream' }>;

/** The text a `truncated-stream` scenario starts to send before it stops. */
export function truncatedText(scenario: TruncatedScenario): string {
  return scenario.text ?? 'This answer stops in the middle of';
}

/**
 * Ends a truncated stream as the scenario asks: `clean` ends the HTTP body properly (only the
 * protocol's terminator is missing); otherwise (`socket`, the default) the connection is closed
 * without the HTTP end-of-body.
 */
export function endTruncated(ctx: FakeRequestContext, cut: TruncatedScenario['cut']): void {
  if (cut === 'clean') ctx.res.end();
  else cutConnection(ctx);
}
