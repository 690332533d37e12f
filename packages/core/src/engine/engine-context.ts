import type { EngineEvent } from './engine-event.js';
import type { EngineStore } from './engine-store.js';
import type { JudgeProtocols } from './contrast-items.js';
import type { GroupCommit } from './group-commit.js';
import type { PanelAggregator } from './judge-protocol.js';
import type { ModelLane } from './lane.js';
import type { EnginePolicies } from './policies.js';
import type { PreparedJudge } from './types.js';

/**
 * What every step of the engine shares for one run: the store and its group commit, the judges
 * and their lanes, the policies, and the run's signal, clock and redaction. Built once by
 * `runEngine`; a test builds its own to drive one step alone.
 */
export interface EngineContext {
  store: EngineStore;
  commits: GroupCommit;
  policies: EnginePolicies;
  judges: readonly PreparedJudge[];
  judgeLanes: ReadonlyMap<string, ModelLane>;
  protocols: JudgeProtocols;
  aggregate: PanelAggregator;
  /** Replay only (`sc-safety score`): read the store, make no call. */
  replay: boolean;
  signal?: AbortSignal;
  now: () => Date;
  redact: (text: string) => string;
  emit: (event: EngineEvent) => void;
  /** Emits `lane-stopped` once per lane, when it has stopped. */
  reportStop: (lane: ModelLane, label: string) => void;
}
