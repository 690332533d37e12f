import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_BUILT, NOT_BUILT_MESSAGE, spawnCli } from './helpers/cli.js';
import { comparableResults, seededRandom } from './helpers/compare.js';
import { committedForm, committedIdentities, requestIdentity } from './helpers/identity.js';
import { playMixedScript, writeMixedRun } from './helpers/mixed-run.js';
import { readResults, cleanUp } from './helpers/run-dir.js';
import { isChat } from './helpers/script.js';
import { KEYS, startMixedServers } from './helpers/servers.js';
import type { MixedServers } from './helpers/servers.js';
import type { FakeServer, RecordedRequest, ScenarioHandler } from './helpers/workspace.js';
import { core } from './helpers/workspace.js';
import type { ResultsFile } from './helpers/workspace.js';
import { prerequisite } from '../support/prerequisite.js';

type Results = ResultsFile;

const ATTEMPT_HEADER = 'x-e2e-attempt';
const KILLS = 3;
const SEED = 0x5c5afe;

/**
 * `kill -9` at seeded moments of a run against fakes that live in THIS process, so their request
 * logs survive the kills; each spawned CLI tags its requests with its attempt number through a
 * config header (headers are not part of any content address). After every kill the store is read
 * to learn which calls had been committed: none of those may be asked again.
 */
describe.runIf(prerequisite(CLI_BUILT, 'the built CLI (packages/cli/dist)', 'run pnpm build first'))(
  'sc-safety run: killed with SIGKILL and re-run until done',
  () => {
    let dir: string;
    let servers: MixedServers;
    let configFile: string;
    const random = seededRandom(SEED);
    /** The attempt whose requests count towards the kill threshold, and the kill itself. */
    let trigger: { attempt: string; after: number; delayMs: number; seen: number; kill: () => void } | undefined;
    /** Identities committed in the store when each attempt ended (index = attempt number − 1). */
    const committedAfter: Set<string>[] = [];
    const endings: Array<{ code: number | null; signal: string | null }> = [];
    /** Everything each attempt printed. */
    const printed: string[] = [];
    let final: Results;
    let spoolLeftAfterFinish = true;
    let reference: Results;

    const counting =
      (handler: ScenarioHandler): ScenarioHandler =>
      (request) => {
        const t = trigger;
        if (t && isChat(request) && request.headers[ATTEMPT_HEADER] === t.attempt && ++t.seen === t.after) {
          // The kill lands while this request (and maybe others) is in flight, or just after a commit.
          setTimeout(t.kill, t.delayMs);
        }
        return handler(request);
      };

    const delay = () => 15 + Math.floor(random() * 40);

    beforeAll(async () => {
      dir = await mkdtemp(path.join(tmpdir(), 'sc-e2e-kill-'));
      servers = await startMixedServers();
      // Delays come from a seeded generator too; they only spread the calls out in time.
      playMixedScript(servers, { delayMs: delay, wrap: counting });
      configFile = await writeMixedRun(dir, servers, {
        output: './run',
        entries: { extra: { headers: { [ATTEMPT_HEADER]: '${E2E_ATTEMPT}' } } },
      });

      const runDir = path.join(dir, 'run');
      for (let attempt = 1; attempt <= KILLS + 3; attempt++) {
        const cli = spawnCli(['run', '-c', configFile], { cwd: dir, env: { E2E_ATTEMPT: `attempt-${attempt}` } });
        if (attempt <= KILLS) {
          trigger = {
            attempt: `attempt-${attempt}`,
            after: 2 + Math.floor(random() * 14),
            delayMs: Math.floor(random() * 60),
            seen: 0,
            kill: () => cli.child.kill('SIGKILL'),
          };
        } else {
          trigger = undefined;
        }
        const end = await cli.exited;
        endings.push(end);
        printed.push(cli.output.stdout + cli.output.stderr);
        // The write-ahead log of a killed run must not hold a key either.
        for (const file of ['store.sqlite', 'store.sqlite-wal']) {
          const p = path.join(runDir, file);
          if (!existsSync(p)) continue;
          const bytes = await readFile(p);
          for (const key of Object.values(KEYS))
            expect(bytes.includes(Buffer.from(key)), `${file} holds a key after attempt ${attempt}`).toBe(false);
        }
        committedAfter.push(existsSync(path.join(runDir, 'store.sqlite')) ? committedIdentities(runDir) : new Set());
        if (end.code === 0) break;
        expect(end.signal, `attempt ${attempt} ended by itself: ${cli.output.stderr.slice(-2000)}`).toBe('SIGKILL');
      }
      final = await readResults(runDir);
      spoolLeftAfterFinish = existsSync(path.join(runDir, '.spool'));

      const ref = spawnCli(['run', '-c', configFile, '--out', 'ref'], { cwd: dir, env: { E2E_ATTEMPT: 'reference' } });
      const refEnd = await ref.exited;
      expect(refEnd.code, ref.output.stderr).toBe(0);
      reference = await readResults(dir, 'ref');
    }, 180_000);

    afterAll(() => cleanUp(dir, [servers]));

    /** Every chat request of an attempt, with its identity. */
    function requestsOf(attempt: string): string[] {
      const roles: Array<[FakeServer, { model: string } | { judgeId: string }]> = [
        [servers.ds, { model: 'ds' }],
        [servers.qw, { model: 'qw' }],
        [servers.cl, { model: 'cl' }],
        [servers.judgeA, { judgeId: 'judge-a' }],
        [servers.judgeB, { judgeId: 'judge-b' }],
      ];
      return roles.flatMap(([server, who]) =>
        server.requests
          .filter((r: RecordedRequest) => isChat(r) && r.headers[ATTEMPT_HEADER] === attempt)
          .map((r) => requestIdentity(r, who)),
      );
    }

    it('leaves no spool behind: the run that completes removes what the killed ones left', () => {
      expect(spoolLeftAfterFinish).toBe(false);
    });

    it('was killed mid-run the planned number of times, then completed', () => {
      expect(endings.slice(0, KILLS).map((e) => e.signal)).toEqual(Array(KILLS).fill('SIGKILL'));
      expect(endings.at(-1)!.code).toBe(0);
      // What was committed stays committed; every attempt did some work, and the kills left work to do.
      for (let i = 1; i < committedAfter.length; i++) {
        for (const id of committedAfter[i - 1]!)
          expect(committedAfter[i]!.has(id), `${id} lost after attempt ${i + 1}`).toBe(true);
      }
      for (let a = 1; a <= endings.length; a++)
        expect(requestsOf(`attempt-${a}`).length, `attempt ${a}`).toBeGreaterThan(0);
      if (process.env.E2E_DEBUG)
        console.log(
          committedAfter.map((c) => c.size),
          endings.map((_, i) => requestsOf(`attempt-${i + 1}`).length),
        );
      expect(final.manifest.status).toBe('complete');
      expect(core.validateResultsFile(final)).toEqual([]);
      for (const text of printed) for (const key of Object.values(KEYS)) expect(text.includes(key)).toBe(false);
    });

    it('never repeats a call whose result was committed before a kill', () => {
      const repeats: string[] = [];
      for (let a = 2; a <= endings.length; a++) {
        const before = committedAfter[a - 2]!;
        for (const id of requestsOf(`attempt-${a}`))
          if (before.has(committedForm(id))) repeats.push(`attempt ${a}: ${id}`);
      }
      expect(repeats).toEqual([]);
    });

    it('asks each call at most once per attempt, and re-asks only what was in flight at a kill', () => {
      const everyIdentity = new Set<string>();
      /** The attempt that last asked each call. */
      const lastAskedIn = new Map<string, number>();
      /** Per attempt: the calls it asked that were not committed when it ended — those in flight at its kill. */
      const inFlightAtEnd: Set<string>[] = [];
      const reasked: string[] = [];
      const reaskedCommitted: string[] = [];
      for (let a = 1; a <= endings.length; a++) {
        const ids = requestsOf(`attempt-${a}`);
        expect(new Set(ids).size, `attempt ${a} repeated a call within itself`).toBe(ids.length);
        for (const id of ids) {
          const before = lastAskedIn.get(id);
          if (before !== undefined) {
            reasked.push(id);
            if (!inFlightAtEnd[before - 1]!.has(id))
              reaskedCommitted.push(`attempt ${a}: ${id} (asked and committed in attempt ${before})`);
          }
          everyIdentity.add(id);
          lastAskedIn.set(id, a);
        }
        inFlightAtEnd.push(new Set(ids.filter((id) => !committedAfter[a - 1]!.has(committedForm(id)))));
      }
      // The uninterrupted run asked exactly the same set of calls.
      expect([...everyIdentity].sort()).toEqual([...new Set(requestsOf('reference'))].sort());
      // Every re-asked call was in flight (asked, not committed) when the attempt that asked it was killed…
      expect(reaskedCommitted).toEqual([]);
      // …so there are no more of them than calls in flight at the kills, whatever the timing of a kill.
      const inFlightAtKills = inFlightAtEnd.slice(0, KILLS).reduce((n, set) => n + set.size, 0);
      expect(reasked.length).toBeLessThanOrEqual(inFlightAtKills);
    });

    it('ends with the same results as an uninterrupted run', () => {
      expect(comparableResults(final)).toEqual(comparableResults(reference));
    });
  },
);

if (!CLI_BUILT) {
  describe('sc-safety run: killed with SIGKILL', () => {
    it.skip(NOT_BUILT_MESSAGE, () => {});
  });
}
