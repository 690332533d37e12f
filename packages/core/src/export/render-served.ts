import type { RunManifest } from '@sc-safety/results';
import { describeServedVersion } from './served-models.js';

/**
 * The summary's served-model lines: per model, the versions its vendor reported with their answer
 * counts, `CHANGED MID-RUN` when there is more than one, and how many answers reported none.
 * Empty when the manifest has no served-model summary (older files) or no model reported any.
 */
export function servedModelLines(
  manifest: Pick<RunManifest, 'servedModels'>,
): Array<{ text: string; changed: boolean }> {
  const served = manifest.servedModels;
  if (served === undefined || Object.values(served).every((s) => s.versions.length === 0)) return [];
  const lines: Array<{ text: string; changed: boolean }> = [];
  for (const [model, summary] of Object.entries(served)) {
    const versions = summary.versions.map((v) => `${describeServedVersion(v)} × ${v.answers}`);
    const none = summary.unreported > 0 ? `${summary.unreported} without` : '';
    const parts = [...versions, none].filter((p) => p !== '').join(', ');
    lines.push({
      text: `${model}: ${summary.changed ? 'CHANGED MID-RUN — ' : ''}${parts || 'none reported'}`,
      changed: summary.changed,
    });
  }
  return lines;
}
