// --compare old/results.json: what changed since the last run, regressions first.
import type { Result, ResultsFile, Status } from '../types.ts';

/** regression: now fail/error; fixed: now pass; waived: now accepted by a waiver (not fixed); the rest changed. */
export type ChangeKind = 'regression' | 'fixed' | 'waived' | 'changed' | 'new' | 'gone';

export interface Change {
  kind: ChangeKind;
  id: string;
  host: string;
  from?: Status;
  to?: Status;
}

const BAD: Status[] = ['fail', 'error'];
const RANK: Record<ChangeKind, number> = { regression: 0, new: 1, waived: 2, changed: 3, gone: 4, fixed: 5 };

export function compare(prev: ResultsFile, cur: ResultsFile): Change[] {
  const key = (r: Result) => `${r.id}\u0000${r.host}`;
  const before = new Map(prev.results.map((r) => [key(r), r]));
  const after = new Map(cur.results.map((r) => [key(r), r]));
  const out: Change[] = [];
  for (const [k, r] of after) {
    const p = before.get(k);
    if (!p) out.push({ kind: BAD.includes(r.status) ? 'regression' : 'new', id: r.id, host: r.host, to: r.status });
    else if (p.status !== r.status) {
      const kind: ChangeKind =
        BAD.includes(r.status) && !BAD.includes(p.status) ? 'regression' : r.status === 'waived' ? 'waived' : r.status === 'pass' ? 'fixed' : 'changed';
      out.push({ kind, id: r.id, host: r.host, from: p.status, to: r.status });
    }
  }
  for (const [k, p] of before) if (!after.has(k)) out.push({ kind: 'gone', id: p.id, host: p.host, from: p.status });
  return out.sort((a, b) => RANK[a.kind] - RANK[b.kind] || a.id.localeCompare(b.id) || a.host.localeCompare(b.host));
}

export function formatChanges(changes: Change[]): string {
  if (!changes.length) return 'no change since the compared run';
  return changes.map((c) => `${c.kind.toUpperCase().padEnd(10)} ${c.id} [${c.host}] ${c.from ?? '—'} → ${c.to ?? '—'}`).join('\n');
}
