// Runs a bench child script with `fork` and resolves with its {type:'result'} message.
import { fork } from 'node:child_process';

export function runChild(script, arg, { execArgv = [] } = {}) {
  return new Promise((resolve, reject) => {
    const child = fork(script, [JSON.stringify(arg)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv });
    let result;
    child.on('message', (m) => {
      if (m?.type === 'result') result = m;
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (result) resolve(result);
      else reject(new Error(`${script} exited with ${signal ?? `code ${code}`} before reporting a result`));
    });
  });
}
