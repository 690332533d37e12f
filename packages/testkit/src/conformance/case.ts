import type { ConformanceEnv } from './env.js';

/** One check of the suite. `run` throws (an assertion error) when the adapter does not conform. */
export interface ConformanceCase {
  /** Stable id, used by `skip`. */
  id: string;
  title: string;
  run(env: ConformanceEnv): Promise<void>;
}
