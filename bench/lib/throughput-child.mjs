// One measured throughput run, in a fresh process so each side pays its own start-up and JIT and
// neither inherits the other's heap, connection pool or GC debt. Forked by lib/throughput.mjs
// with one JSON argument; reports one {type:'result'} message.
//
// side `engine`: the real run engine (runEngine) with two real openai-adapter models (a target
//   and a judge, each in its own lane; `engineSlots: 'shared'` gives each lane `concurrency` and the
//   run `maxInFlight: concurrency`, `'split'` gives each lane half), the real rubric judge protocol
//   (prompt building, nonce, verdict parser) and the real SQLite RunStore on a temp dir, with the
//   durability `sc-safety run` uses by default. N items → N×2 answers + N×2 judgments = 4N calls.
// side `bare`: the same `openai` SDK (Node's global fetch, or with `bareFetch: 'undici'` the adapter's transport), maxRetries 0, `concurrency` workers pulling from one counter
//   (the simplest limiter there is), 4N requests. No store, no judge prompt, no bookkeeping.
import { measure, startRssSampler } from './stats.mjs';
import { benchItems } from './dataset.mjs';
import { createRequire } from 'node:module';
import {
  ADAPTER_OPENAI_DIST,
  ADAPTER_UTILS_DIST,
  CLI_HEAP,
  CORE_DIST,
  CORE_INTERNAL_DIST,
  OPENAI_SDK,
} from './paths.mjs';

/** Not a real key; given so the store's secret guard and the redaction path run as in a real run. */
const API_KEY = 'sk-bench-not-a-real-key-0000';

const options = JSON.parse(process.argv[2]);
const { side, baseURL, concurrency, itemCount, storeDir, durability, bareFetch, engineSlots = 'shared' } = options;
const sampler = startRssSampler(50);
const items = benchItems(itemCount);

async function engineSide() {
  // The heap grows as the `sc-safety` executable lets it (packages/cli/bin/heap.cjs); the bare side keeps Node's default.
  createRequire(import.meta.url)(CLI_HEAP).sizeHeapByLiveData();
  const core = { ...(await import(CORE_DIST)), ...(await import(CORE_INTERNAL_DIST)) };
  const { adapter } = await import(ADAPTER_OPENAI_DIST);
  const info = { name: adapter.name, version: adapter.version, packageName: '@sc-safety/adapter-openai' };
  // Either way at most `concurrency` calls are in flight, as on the bare side.
  const shared = engineSlots === 'shared';
  const laneConcurrency = shared ? concurrency : concurrency / 2;
  // DEFAULT_TIMEOUT_MS + 5 s and the config's default retries, as prepare-run builds them.
  const limits = { concurrency: laneConcurrency, timeoutMs: 125_000, maxRetries: 5 };
  const targetConfig = { model: 'bench-target', preset: 'openai', baseURL, apiKey: API_KEY };
  const judgeConfig = { model: 'bench-judge', preset: 'openai', baseURL, apiKey: API_KEY };
  const targetModel = await adapter.create(targetConfig, { env: {} });
  const judgeModel = await adapter.create(judgeConfig, { env: {} });
  const target = {
    id: 'bench-target',
    tags: [],
    adapter: info,
    model: targetModel,
    keyConfig: core.keyModelConfig(targetConfig),
    params: {},
    limits,
  };
  const judge = {
    id: 'bench-judge',
    adapter: info,
    model: judgeModel,
    keyConfig: core.keyModelConfig(judgeConfig),
    params: { temperature: 0 },
    limits,
  };
  const store = core.RunStore.open(storeDir, { secrets: [API_KEY], synchronous: durability });
  // As `sc-safety run` does: answers and judgments are committed on the store's writer thread.
  const writer = core.BackgroundWriter.start(store);

  // Warm-up: open `concurrency` connections (as many as the run will use) before the clock starts.
  const ping = [{ role: 'user', content: 'warm-up' }];
  await Promise.all(
    Array.from({ length: concurrency }, (_, i) => (i % 2 ? judgeModel : targetModel).generate({ messages: ping })),
  );

  const outcomes = {};
  let rowsSeen = 0;
  // As `sc-safety run` does: rows are not kept in memory but rendered for the exports and spooled to disk as they finish.
  const spool = new core.AnswerSpool([{ id: target.id }], items, { secrets: [API_KEY] });
  const measured = await measure(() =>
    core.runEngine({
      items,
      targets: [target],
      judges: [judge],
      judgeProtocol: core.rubricJudgeProtocol({}),
      aggregate: core.panelAggregator('median'),
      store: core.engineStoreWithWriter(store, writer),
      redact: (text) => core.redactSecrets(text, [API_KEY]),
      keepRows: false,
      ...(shared ? { maxInFlight: concurrency } : {}),
      // The spool, and a progress listener as the CLI has one.
      onEvent: (event) => {
        if (event.type !== 'row') return;
        spool.add(event.row, event.item);
        rowsSeen++;
      },
    }),
  );
  await writer.close();
  store.close();
  for (const row of spool.facts()) outcomes[row.outcome] = (outcomes[row.outcome] ?? 0) + 1;
  const rows = spool.length;
  spool.close();
  const { value: _value, ...timing } = measured;
  return {
    ...timing,
    warmupCalls: concurrency,
    rows,
    rowsSeen,
    outcomes,
    lanes: { target: laneConcurrency, judge: laneConcurrency, ...(shared ? { run: concurrency } : {}) },
  };
}

async function bareSide() {
  const { default: OpenAI } = await import(OPENAI_SDK);
  // `--bare-fetch undici`: the same transport the engine's adapter sends through, for a stricter floor.
  const transport = bareFetch === 'undici' ? { fetch: (await import(ADAPTER_UTILS_DIST)).createUndiciFetch() } : {};
  const client = new OpenAI({
    apiKey: API_KEY,
    baseURL,
    maxRetries: 0,
    timeout: 120_000,
    logLevel: 'off',
    ...transport,
  });
  const ping = [{ role: 'user', content: 'warm-up' }];
  await Promise.all(
    Array.from({ length: concurrency }, () =>
      client.chat.completions.create({ model: 'bench-target', messages: ping }),
    ),
  );

  const total = itemCount * 4;
  let next = 0;
  let answered = 0;
  const measured = await measure(() =>
    Promise.all(
      Array.from({ length: concurrency }, async () => {
        for (;;) {
          const i = next++;
          if (i >= total) return;
          const item = items[i % itemCount];
          const completion = await client.chat.completions.create({
            model: 'bench-target',
            messages: [{ role: 'user', content: item.turns[0] }],
          });
          if (completion.choices[0]?.message.content) answered++;
        }
      }),
    ),
  );
  const { value: _value, ...timing } = measured;
  return { ...timing, warmupCalls: concurrency, answered, lanes: { all: concurrency } };
}

const result = side === 'engine' ? await engineSide() : await bareSide();
process.send({ type: 'result', side, ...result, memory: sampler.stop() }, () => process.exit(0));
