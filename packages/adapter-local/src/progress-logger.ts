import type { HealthProgress } from './http/wait-for-health.js';

/** Reports a loading server through the engine's log, at most once per poll. */
export function progressLogger(
  label: string,
  log: ((message: string) => void) | undefined,
): ((progress: HealthProgress) => void) | undefined {
  if (log === undefined) return undefined;
  return (progress) => {
    const waited = (progress.waitedMs / 1000).toFixed(1);
    const limit = Math.round(progress.timeoutMs / 1000);
    log(`${label}: ${progress.status}… waited ${waited} s of ${limit} s`);
  };
}
