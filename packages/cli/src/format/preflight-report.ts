import type { PreflightReport } from '@sc-safety/core';

/**
 * A preflight's report as the CLI prints it: with `summaryOnly`, one line when every probe passed;
 * otherwise one line per probe (`ok` / `FAIL`, who, how, how long).
 */
export function renderPreflight(
  report: PreflightReport,
  options: { summaryOnly?: boolean; verbose?: boolean } = {},
): string {
  const n = report.probes.length;
  const failed = report.probes.filter((p) => !p.ok).length;
  const head =
    failed === 0 ? `preflight: ${n} probe${n === 1 ? '' : 's'} passed` : `preflight: ${failed} of ${n} probes failed`;
  if (options.summaryOnly && failed === 0) {
    const names = report.probes.map((p) => (p.role === 'model' ? p.id : `${p.role} ${p.id}`)).join(', ');
    return `${head} (${names})\n`;
  }
  const lines = report.probes.map((p) => {
    const who = `${p.role} ${p.id}${p.shared.length > 0 ? ` (also ${p.shared.join(', ')})` : ''}`;
    const how = options.verbose
      ? ` [${p.path}, ${p.method === 'check' ? "adapter's check" : '1-token call'}, ${p.ms} ms]`
      : '';
    return p.ok ? `  ok    ${who}${how}` : `  FAIL  ${who}${how}: ${p.kind ?? 'error'}: ${p.message ?? ''}`;
  });
  return [head, ...lines].join('\n') + '\n';
}
