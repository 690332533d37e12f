/**
 * A test prerequisite (a built CLI, Chromium, node-llama-cpp). Locally a missing one skips the
 * test with a note; in CI (`CI` set, as `.ci/run` does) it fails the run instead, so a skip can
 * never hide a test that should have run.
 */
export function prerequisite(available: boolean, what: string, fix: string): boolean {
  if (available) return true;
  if (process.env.CI) throw new Error(`${what} is missing in CI: ${fix}`);
  console.warn(`skipping: ${what} is missing (${fix})`);
  return false;
}
