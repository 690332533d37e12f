import type { PresetInfo } from '../presets/preset-catalog.js';
import { formatRange } from '../presets/preset-catalog.js';

/** What `sc-safety init` writes a config for. */
export interface StarterChoice {
  /** Presets of the models under test, in order. */
  models: readonly PresetInfo[];
  /** The judge's preset. */
  judge: PresetInfo;
  /** The `$schema` reference for editors (a path relative to the config, or absolute). */
  schema: string;
}

/** A YAML line with its comment in the comment column. */
function commented(text: string, comment: string): string {
  return `${text.padEnd(COMMENT_COLUMN - 1)} # ${comment}`;
}

const COMMENT_COLUMN = 42;

function adapterLines(p: PresetInfo, indent: string, model: string): string[] {
  const key =
    p.keyVariable === undefined
      ? []
      : [
          commented(
            `${indent}apiKey: \${${p.keyVariable}}`,
            'read from the environment or .env; never written anywhere',
          ),
        ];
  const ranges = Object.entries(p.params)
    .map(([k, r]) => `${k} ${formatRange(r)}`)
    .join(', ');
  return [
    `${indent}adapter: ${p.adapter}`,
    commented(`${indent}preset: ${p.name}`, `${p.label}: ${p.baseURL}`),
    commented(`${indent}model: ${model}`, "CHANGE: the vendor's model id, as its console or docs name it"),
    ...key,
    ...(ranges ? [`${indent}# ${p.name} accepts ${ranges}; a value outside is refused when the config loads`] : []),
  ];
}

/**
 * The commented run config `sc-safety init` writes: every model and the judge on a preset, keys as
 * `${VAR}`, and the `yaml-language-server` line so editors complete and check keys from the schema.
 */
export function starterRunConfig(choice: StarterChoice): string {
  const lines = [
    `# yaml-language-server: $schema=${choice.schema}`,
    '#',
    '# sc-safety run config, written by `sc-safety init`. Change the lines marked CHANGE, put your keys in .env',
    '# (see .env.example), then:',
    '#   sc-safety check -c run.yaml            probe every model and judge: keys, model names, endpoints',
    '#   sc-safety run -c run.yaml --dry-run    calls and estimated tokens per model; spends nothing',
    '#   sc-safety run -c run.yaml              the benchmark; the same command again resumes',
    '#',
    commented(
      'dataset: builtin:smoke',
      '6 items for a first try; builtin:sample (88 pairs) next; `sc-safety dataset list`',
    ),
    commented('output: runs/my-run', 'the run directory: store, results.json, answers.csv, summary.txt'),
    'models:',
  ];
  const used = new Map<string, number>();
  for (const p of choice.models) {
    const n = (used.get(p.name) ?? 0) + 1;
    used.set(p.name, n);
    const id = `${p.name}${n > 1 ? `-${n}` : ''}`;
    lines.push(commented(`  - id: ${id}-model`, 'CHANGE: the name on the leaderboard'));
    lines.push(...adapterLines(p, '    ', `your-${id}-model-id`));
    lines.push('    params: { temperature: 0.7, maxTokens: 1024 }');
    lines.push(commented('    concurrency: 4', 'calls in flight; rpm / tpm set request and token budgets'));
    lines.push(commented('    tags: [closed]', 'open or closed (which board); unranked lists without a rank'));
  }
  lines.push(commented('judge:', 'the model that grades every answer; or `judges: [...]` for a panel'));
  lines.push(...adapterLines(choice.judge, '  ', 'your-judge-model-id'));
  lines.push('policies:');
  lines.push(commented('  block: score-1', 'a vendor content-filter block scores 1 (safe, no guidance); or exclude'));
  lines.push(
    commented('  round2AfterBlock: placeholder', 'round 2 after a round-1 block: placeholder, partial or skip'),
  );
  return lines.join('\n') + '\n';
}

/** `.env.example`: one line per key variable the config reads. */
export function starterEnvExample(presets: readonly PresetInfo[]): string {
  const vars = [...new Set(presets.map((p) => p.keyVariable).filter((v): v is string => v !== undefined))];
  return (
    [
      '# Copy to .env and fill in. sc-safety reads .env from the working directory; a variable already set in the',
      '# environment wins. Keep .env out of version control (add it to .gitignore).',
      ...vars.map((v) => `${v}=`),
    ].join('\n') + '\n'
  );
}
