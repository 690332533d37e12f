// Starts and queries the fake server process (lib/fake-server.mjs) from the orchestrator.
import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SERVER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fake-server.mjs');

/** Forks a fake server answering after `delayMs` (on `port`, default any free one); resolves once it listens. */
export async function startFake(delayMs, listenPort = 0) {
  const child = fork(SERVER, [String(delayMs), String(listenPort)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const port = await new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`fake server exited early (code ${code})`)));
    child.once('message', (m) =>
      m?.type === 'ready' ? resolve(m.port) : reject(new Error(`unexpected message ${JSON.stringify(m)}`)),
    );
  });
  child.removeAllListeners('exit');
  return {
    port,
    baseURL: `http://127.0.0.1:${port}/v1`,
    delayMs,
    stats() {
      return new Promise((resolve) => {
        child.once('message', resolve);
        child.send({ type: 'stats' });
      });
    },
    /** Forgets the time of the first request, so the next `stats` reports the next request's. */
    reset() {
      return new Promise((resolve) => {
        child.once('message', resolve);
        child.send({ type: 'reset' });
      });
    },
    async close() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
