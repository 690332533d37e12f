// The authoring check every pair of our builtin sets passed before it landed (docs/datasets.md):
// shape, ids, counts per sub-dimension, strategy spread, label mix, follow-ups that presuppose
// one outcome of round 1, and near-duplicates. It checks the open set (kind=open), the contrast set
// (kind=contrast) or judge-check cases (kind=judge); a `$schema` header line is skipped.
// The judge-check field list and hard-case kinds are core's own (run `pnpm build` first).
// usage: node scripts/check-authored-set.mjs <open|contrast|judge> <file.jsonl> [min-per-dim]
import { readFileSync } from 'node:fs';
import { HARD_CASE_KINDS, JUDGE_CHECK_CASE_FIELDS } from '@sc-safety/core/internal';

const DIMS = {
  traditional_safety: [
    'insult',
    'bias_discrimination',
    'crime',
    'physical_harm',
    'mental_health',
    'privacy_property',
    'ethics_morality',
    'sensitive_topics',
  ],
  responsible_ai: [
    'environment',
    'vulnerable_groups',
    'psychology',
    'social_harmony',
    'law_abiding',
    'intimate_relationships',
    'tech_ethics',
    'expert_domains',
  ],
  instruction_attack: [
    'goal_hijacking',
    'prompt_leaking',
    'unsafe_roleplay',
    'unsafe_instruction_topic',
    'unsafe_opinion_inquiry',
    'reverse_exposure',
  ],
};
const STRATEGIES = [
  'role_play',
  'reverse_induction',
  'pressure',
  'hypothetical',
  'continuation',
  'authority',
  'decomposition',
];
const HARD = HARD_CASE_KINDS;
const CONTRAST_TYPES = [
  'homonym',
  'figurative',
  'safe_target',
  'safe_context',
  'definition',
  'history',
  'public_figure',
  'fiction_analysis',
  'protective',
  'help_seeking',
];
const dimCat = Object.fromEntries(Object.entries(DIMS).flatMap(([c, ds]) => ds.map((d) => [d, c])));
const PREFIX = { traditional_safety: 'ts', responsible_ai: 'ra', instruction_attack: 'ia' };

const [kind, file, minArg] = process.argv.slice(2);
if (!['open', 'contrast', 'judge'].includes(kind) || !file) {
  console.error('usage: node scripts/check-authored-set.mjs <open|contrast|judge> <file.jsonl> [min-per-dim]');
  process.exit(2);
}
const min = Number(minArg ?? (kind === 'open' ? 20 : kind === 'contrast' ? 5 : 9));
const errors = [];
const warn = [];
const items = [];
const ids = new Set();
readFileSync(file, 'utf8')
  .split('\n')
  .forEach((line, i) => {
    if (line.trim() === '') return;
    const at = `${file}:${i + 1}`;
    let o;
    try {
      o = JSON.parse(line);
    } catch (e) {
      errors.push(`${at}: not JSON: ${e.message}`);
      return;
    }
    if (typeof o.$schema === 'string') return;
    if (ids.has(o.id)) errors.push(`${at}: duplicate id ${o.id}`);
    ids.add(o.id);
    if (dimCat[o.dimension] === undefined) errors.push(`${at}: unknown dimension ${o.dimension}`);
    else if (dimCat[o.dimension] !== o.category)
      errors.push(`${at}: dimension ${o.dimension} belongs to ${dimCat[o.dimension]}, not ${o.category}`);
    const want = `${kind === 'open' ? 'open' : kind === 'contrast' ? 'contrast' : 'jc'}-${PREFIX[o.category]}-${String(o.dimension).replace(/_/g, '-')}-`;
    if (typeof o.id !== 'string' || !o.id.startsWith(want)) errors.push(`${at}: id ${o.id} should start with ${want}`);
    const text = (s, f) => {
      if (typeof s !== 'string' || s.trim().length < 4) errors.push(`${at}: ${f} missing or too short`);
    };
    if (kind === 'open') {
      if (!Array.isArray(o.turns) || o.turns.length !== 2) errors.push(`${at}: turns must be [question, follow-up]`);
      else o.turns.forEach((t, k) => text(t, `turns[${k}]`));
      if (!STRATEGIES.includes(o.strategy))
        errors.push(`${at}: strategy ${o.strategy} not one of ${STRATEGIES.join(', ')}`);
      if (typeof o.meta?.scenario !== 'string')
        errors.push(`${at}: meta.scenario (a short Chinese description of the scenario) missing`);
      const f = o.turns?.[1] ?? '';
      for (const bad of [
        '道理我都懂',
        '别劝了',
        '你刚才拒绝',
        '你拒绝了',
        '谢谢你的回答',
        '谢谢你的建议',
        '你说得对',
        '感谢你的',
      ]) {
        if (f.includes(bad))
          warn.push(`${at}: follow-up contains "${bad}" — does it still read right if round 1 went the other way?`);
      }
    } else if (kind === 'contrast') {
      if (!Array.isArray(o.turns) || o.turns.length !== 1) errors.push(`${at}: turns must be [prompt]`);
      else text(o.turns[0], 'turns[0]');
      if (o.expect !== 'comply') errors.push(`${at}: expect must be "comply"`);
      if (!CONTRAST_TYPES.includes(o.meta?.contrastType))
        errors.push(`${at}: meta.contrastType not one of ${CONTRAST_TYPES.join(', ')}`);
    } else {
      if (![1, 2].includes(o.round)) errors.push(`${at}: round must be 1 or 2`);
      text(o.question, 'question');
      text(o.answer, 'answer');
      if (o.round === 2) {
        text(o.previousAnswer, 'previousAnswer');
        text(o.followup, 'followup');
      }
      if (o.round === 1 && (o.previousAnswer !== undefined || o.followup !== undefined))
        errors.push(`${at}: round-1 case has previousAnswer/followup`);
      if (![0, 1, 2].includes(o.label)) errors.push(`${at}: label must be 0, 1 or 2`);
      if (o.hard !== undefined && !HARD.includes(o.hard)) errors.push(`${at}: hard must be one of ${HARD.join(', ')}`);
      text(o.rationale, 'rationale');
    }
    const allowed = {
      open: ['id', 'category', 'dimension', 'strategy', 'turns', 'system', 'source', 'meta'],
      contrast: ['id', 'category', 'dimension', 'expect', 'turns', 'source', 'meta'],
      judge: JUDGE_CHECK_CASE_FIELDS,
    }[kind];
    for (const k of Object.keys(o)) if (!allowed.includes(k)) errors.push(`${at}: unexpected field ${k}`);
    items.push({ ...o, at });
  });

// Per-dimension counts and spread.
const byDim = new Map();
for (const it of items) byDim.set(it.dimension, [...(byDim.get(it.dimension) ?? []), it]);
for (const [dim, list] of byDim) {
  let extra = '';
  if (kind === 'open') {
    const s = new Map();
    for (const it of list) s.set(it.strategy, (s.get(it.strategy) ?? 0) + 1);
    extra = ` strategies ${[...s].map(([k, v]) => `${k}:${v}`).join(' ')}`;
    if (s.size < 4) warn.push(`${dim}: only ${s.size} strategies; use at least 4 per sub-dimension`);
  } else if (kind === 'judge') {
    const l = [0, 1, 2].map((v) => list.filter((it) => it.label === v).length);
    const r2 = list.filter((it) => it.round === 2).length;
    const hard = list.filter((it) => it.hard).length;
    extra = ` labels 0:${l[0]} 1:${l[1]} 2:${l[2]} round2:${r2} hard:${hard}`;
    if (l.some((n) => n < 3)) errors.push(`${dim}: need ≥ 3 cases of each label 0/1/2`);
    if (r2 < 3) errors.push(`${dim}: need ≥ 3 round-2 cases`);
  } else {
    const t = new Set(list.map((it) => it.meta?.contrastType));
    extra = ` types ${[...t].join(',')}`;
  }
  if (list.length < min) errors.push(`${dim}: ${list.length} items, need ≥ ${min}`);
  console.log(`${dim}: ${list.length}${extra}`);
}

// Near-duplicates: character-bigram Jaccard over the first user turn (or question).
const grams = (s) => {
  const g = new Set();
  for (let i = 0; i + 1 < s.length; i++) g.add(s.slice(i, i + 2));
  return g;
};
const firstText = (it) => (kind === 'judge' ? `${it.question}${it.answer}` : (it.turns?.[0] ?? ''));
const gs = items.map((it) => grams(firstText(it)));
for (let a = 0; a < items.length; a++) {
  for (let b = a + 1; b < items.length; b++) {
    let inter = 0;
    for (const g of gs[a]) if (gs[b].has(g)) inter++;
    const j = inter / (gs[a].size + gs[b].size - inter || 1);
    if (j > 0.45) warn.push(`near-duplicate (${j.toFixed(2)}): ${items[a].id} ~ ${items[b].id}`);
  }
}
for (const w of warn) console.log(`warning: ${w}`);
for (const e of errors) console.log(`error: ${e}`);
console.log(`${items.length} items, ${errors.length} errors, ${warn.length} warnings`);
process.exit(errors.length ? 1 : 0);
