import { parseScenarioHeader } from './scenario-header.js';
import type { FakeScenario, FakeServer, RecordedRequest, ScenarioHandler } from './types.js';

/**
 * The part of a fake server a test drives: the request log, the scenario queue and the handler.
 * Shared by the HTTP base and the WebSocket fake, so both pick scenarios by the same rule.
 */
export interface ScenarioSource extends Pick<FakeServer, 'requests' | 'enqueue' | 'setHandler' | 'reset'> {
  /** Scenarios still queued. */
  readonly pending: readonly FakeScenario[];
  /**
   * The scenario for `request`, in order of precedence: the scenario header's value (`header`,
   * when non-empty), the queue's next, the handler's, else `fallback`. Throws on a bad header.
   */
  pick(request: RecordedRequest, header: string | undefined): Promise<FakeScenario>;
}

/** A new, empty source; `fallback` is played when nothing else was chosen. */
export function createScenarioSource(fallback: FakeScenario): ScenarioSource {
  const requests: RecordedRequest[] = [];
  const queue: FakeScenario[] = [];
  let handler: ScenarioHandler | undefined;
  return {
    requests,
    get pending() {
      return [...queue];
    },
    enqueue: (...scenarios) => {
      queue.push(...scenarios);
    },
    setHandler: (next) => {
      handler = next;
    },
    reset: () => {
      queue.length = 0;
      handler = undefined;
      requests.length = 0;
    },
    pick: async (request, header) => {
      if (header !== undefined && header !== '') return parseScenarioHeader(header);
      const queued = queue.shift();
      if (queued) return queued;
      if (handler) return handler(request);
      return fallback;
    },
  };
}
