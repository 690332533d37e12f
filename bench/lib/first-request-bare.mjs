// The bare side of the first-request scenario: a fresh process that imports the `openai` SDK (the
// adapter's own build), makes one client and sends one Chat Completions request, then exits.
// argv: baseURL.
import { OPENAI_SDK, SAMPLE_DATASET } from './paths.mjs';
import { readFileSync } from 'node:fs';

const { default: OpenAI } = await import(OPENAI_SDK);
const first = readFileSync(SAMPLE_DATASET, 'utf8')
  .split('\n')
  .map((l) => (l.trim() ? JSON.parse(l) : {}))
  .find((r) => Array.isArray(r.turns));
const client = new OpenAI({ baseURL: process.argv[2], apiKey: 'sk-bench-not-a-real-key-0000', maxRetries: 0 });
await client.chat.completions.create({ model: 'bench-target', messages: [{ role: 'user', content: first.turns[0] }] });
