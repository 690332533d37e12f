import { describeValue, isPlainObject, type IssueCollector } from './issues.js';
import type { DatasetHeaderInfo, ItemLocation } from './types.js';

/** Header keys of a generated dataset, read by {@link readDerivation}. */
export const DERIVATION_HEADER_FIELDS = ['derivedFrom', 'followups'] as const;

const FINGERPRINT = /^sha256:[0-9a-f]{64}$/;
const SHAPE = '{"fingerprint": "sha256:<64 hex digits>", "file": "source.jsonl"}';

/**
 * Reads `derivedFrom` (the source dataset of a generated one) and `followups` (how its follow-ups
 * were written, kept as given) into `info`, reporting malformed values.
 */
export function readDerivation(
  header: Record<string, unknown>,
  at: ItemLocation | undefined,
  issues: IssueCollector,
  info: DatasetHeaderInfo,
): void {
  const derived = header.derivedFrom;
  if (derived !== undefined) {
    if (!isPlainObject(derived)) {
      issues.error(at, 'derivedFrom', `expected an object like ${SHAPE}, got ${describeValue(derived)}`);
    } else {
      const { fingerprint, file, name } = derived;
      const before = issues.errorCount;
      if (typeof fingerprint !== 'string' || !FINGERPRINT.test(fingerprint)) {
        issues.error(
          at,
          'derivedFrom.fingerprint',
          `expected "sha256:" and 64 lowercase hex digits, got ${describeValue(fingerprint)}`,
        );
      }
      if (typeof file !== 'string' || file.trim() === '')
        issues.error(at, 'derivedFrom.file', `expected a non-empty string, got ${describeValue(file)}`);
      if (name !== undefined && (typeof name !== 'string' || name.trim() === '')) {
        issues.error(
          at,
          'derivedFrom.name',
          `expected a non-empty string, got ${describeValue(name)}; give the name or leave the field out`,
        );
      }
      if (issues.errorCount === before) {
        info.derivedFrom = {
          fingerprint: fingerprint as string,
          file: file as string,
          ...(typeof name === 'string' ? { name } : {}),
        };
      }
    }
  }
  const followups = header.followups;
  if (followups !== undefined) {
    if (isPlainObject(followups)) info.followups = followups;
    else
      issues.error(
        at,
        'followups',
        `expected an object describing how the follow-ups were written, got ${describeValue(followups)}`,
      );
  }
}
