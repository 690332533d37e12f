import type { EngineStore } from '../engine/engine-store.js';
import type { BackgroundWriter } from '../store/background-writer.js';
import type { RunStore } from '../store/run-store.js';

/**
 * The engine's view of a run store whose answers and judgments are committed by a
 * {@link BackgroundWriter} (on its worker thread); reads and the failure log use `store` itself.
 * What `sc-safety run` gives the engine.
 */
export function engineStoreWithWriter(store: RunStore, writer: BackgroundWriter): EngineStore {
  return {
    getAnswer: (key) => store.getAnswer(key),
    getJudgment: (key) => store.getJudgment(key),
    putAnswer: (record) => store.putAnswer(record),
    putJudgment: (record) => store.putJudgment(record),
    putFailure: (record) => store.putFailure(record),
    // Generated turns are few (one per answer followed up): committed here, before they are used.
    getFollowup: (key) => store.getFollowup(key),
    putFollowup: (record) => void store.putFollowup(record),
    commit: (writes) => writer.commit(writes),
  };
}
