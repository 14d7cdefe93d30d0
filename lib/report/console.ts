// The compact summary on stderr: failures first, then the counts. Colours only on a TTY without NO_COLOR.
import type { ResultsFile, Status } from '../types.ts';
import { sortFailuresFirst } from './summary.ts';

const COLOR: Record<Status, string> = { error: '\x1b[35m', fail: '\x1b[31m', warn: '\x1b[33m', waived: '\x1b[36m', skip: '\x1b[90m', pass: '\x1b[32m' };

export function shouldColor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  return !!stream.isTTY && env.NO_COLOR === undefined && env.TERM !== 'dumb';
}

export function formatSummary(file: ResultsFile, opts: { color: boolean }): string {
  const paint = (s: Status, text: string) => (opts.color ? `${COLOR[s]}${text}\x1b[0m` : text);
  const lines: string[] = [];
  for (const r of sortFailuresFirst(file.results)) {
    if (r.status === 'pass') continue;
    const what = r.status === 'skip' || r.status === 'error' ? (r.reason ?? r.observed) : `${r.observed} → want ${r.expected}`;
    lines.push(`${paint(r.status, r.status.toUpperCase().padEnd(6))} ${r.id} [${r.host}] ${what}${r.waiver ? ` (waived: ${r.waiver.reason})` : ''}`);
  }
  const s = file.summary;
  const counts = (['pass', 'fail', 'warn', 'error', 'skip', 'waived'] as Status[]).map((k) => paint(k, `${s[k]} ${k}`)).join(', ');
  lines.push(`${s.total} checks on ${file.hosts.length} host(s): ${counts}`);
  return lines.join('\n');
}
