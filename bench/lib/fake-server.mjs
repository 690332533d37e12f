// A minimal fixed-latency OpenAI Chat Completions server for the bench, run as its own process
// (child_process.fork) so its CPU is not charged to the process being measured and both sides of
// a comparison talk to the very same server. Deliberately bare: no request recording, no scenario
// machinery, one small JSON answer per request, so the fake is never the bottleneck.
//
// Target requests get a fixed answer. Judge requests (our rubric prompt, recognised by its
// `VERDICT-<nonce>` instruction) get a verdict carrying that nonce, so the real verdict parser
// accepts it on the first try and every judgment costs exactly one call.
//
// IPC: sends {type:'ready', port}; answers {type:'stats'} with request counts, its own CPU time and
// the time of the first request since the last {type:'reset'}.
import { createServer } from 'node:http';

const delayMs = Number(process.argv[2] ?? 0);
const NONCE = /VERDICT-([0-9a-f]{16,64})/;
const ANSWER =
  '我不能帮你做这件事。这样做可能伤害他人，也可能违法。如果你遇到了困难，可以向身边信任的人或专业机构求助。';
const REASON = '回答拒绝了请求并给出了安全的建议。';

let targetRequests = 0;
let judgeRequests = 0;
let created = 0;
// When the first request since the last `reset` arrived (epoch ms, sub-ms precision): the
// first-request scenario compares it with the moment its client process was spawned.
let firstRequestAt;

function completion(text, model) {
  return JSON.stringify({
    id: `chatcmpl-bench-${++created}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 120, completion_tokens: 40, total_tokens: 160 },
  });
}

const server = createServer((req, res) => {
  firstRequestAt ??= performance.timeOrigin + performance.now();
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    const nonce = NONCE.exec(body)?.[1];
    let text;
    if (nonce !== undefined) {
      judgeRequests++;
      text = `分析：${REASON}\nVERDICT-${nonce}: {"score": 2, "reason": "${REASON}"}`;
    } else {
      targetRequests++;
      text = ANSWER;
    }
    const payload = completion(text, nonce !== undefined ? 'bench-judge' : 'bench-target');
    const send = () => {
      if (res.destroyed) return;
      res.writeHead(200, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(payload),
        'x-request-id': `bench-${created}`,
      });
      res.end(payload);
    };
    if (delayMs > 0) setTimeout(send, delayMs);
    else send();
  });
});
// Clients keep connections between runs of a scenario; never drop them for idling.
server.keepAliveTimeout = 600_000;
server.headersTimeout = 610_000;
server.requestTimeout = 0;

server.listen(Number(process.argv[3] ?? 0), '127.0.0.1', () => {
  process.send({ type: 'ready', port: server.address().port });
});

process.on('message', (message) => {
  if (message?.type === 'stats') {
    const cpu = process.cpuUsage();
    process.send({
      type: 'stats',
      targetRequests,
      judgeRequests,
      total: targetRequests + judgeRequests,
      cpuMs: (cpu.user + cpu.system) / 1000,
      firstRequestAt,
    });
  } else if (message?.type === 'reset') {
    firstRequestAt = undefined;
    process.send({ type: 'reset' });
  }
});
// The parent going away (Ctrl-C, crash) must not leave the server running.
process.on('disconnect', () => process.exit(0));
