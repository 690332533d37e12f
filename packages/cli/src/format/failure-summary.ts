/** Failures of one kind for one model or judge: how many, and the first message seen. */
interface KindTally {
  count: number;
  first: string;
}

interface SubjectTally {
  role: 'model' | 'judge' | 'attacker';
  id: string;
  /** Calls (answers for a model, verdicts asked for a judge) seen. */
  calls: number;
  kinds: Map<string, KindTally>;
}

/**
 * Counts failures per model and judge by kind, keeping the first message of each kind, for the
 * end-of-run summary (`local-qwen: transient: connect ECONNREFUSED 127.0.0.1:9 — 12/12 calls`).
 * Messages arrive redacted from the engine.
 */
export class FailureTally {
  private readonly subjects = new Map<string, SubjectTally>();

  private subject(role: SubjectTally['role'], id: string): SubjectTally {
    const key = `${role}\u0000${id}`;
    let s = this.subjects.get(key);
    if (!s) {
      s = { role, id, calls: 0, kinds: new Map() };
      this.subjects.set(key, s);
    }
    return s;
  }

  /** One call made (or read back) by `id`; `failure` when it failed. */
  add(role: SubjectTally['role'], id: string, failure?: { kind: string; message: string }): void {
    const s = this.subject(role, id);
    s.calls++;
    if (!failure) return;
    const k = s.kinds.get(failure.kind);
    if (k) k.count++;
    else s.kinds.set(failure.kind, { count: 1, first: failure.message.split('\n')[0]!.trim() });
  }

  /** Whether anything failed. */
  get any(): boolean {
    return [...this.subjects.values()].some((s) => s.kinds.size > 0);
  }

  /** One line per subject and kind, models first, most frequent kind first. */
  lines(): string[] {
    const order = { model: 0, attacker: 1, judge: 2 } as const;
    const out: string[] = [];
    const subjects = [...this.subjects.values()].sort((a, b) => order[a.role] - order[b.role]);
    for (const s of subjects) {
      const kinds = [...s.kinds.entries()].sort((a, b) => b[1].count - a[1].count);
      for (const [kind, t] of kinds) {
        const who = s.role === 'model' ? s.id : `${s.role} ${s.id}`;
        out.push(`${who}: ${kind}: ${t.first} — ${t.count}/${s.calls} calls`);
      }
    }
    return out;
  }

  /** The block the run prints at its end (empty when nothing failed). */
  render(): string {
    if (!this.any) return '';
    return (
      [
        'failures (per model and judge, by kind, with the first message; every answer is in answers.csv):',
        ...this.lines().map((l) => `  ${l}`),
      ].join('\n') + '\n'
    );
  }
}
