// The compact summary on stderr: failures first, then the counts. Colours only on a TTY without NO_COLOR.
import type { ResultsFile, Status } from '../types.ts';
import { waiverNote } from '../waivers.ts';
import { sortFailuresFirst } from './summary.ts';

const COLOR: Record<Status, string> = { error: '\x1b[35m', fail: '\x1b[31m', warn: '\x1b[33m', waived: '\x1b[36m', skip: '\x1b[90m', pass: '\x1b[32m' };

export function shouldColor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  return !!stream.isTTY && env.NO_COLOR === undefined && env.TERM !== 'dumb';
}

export function formatSummary(file: ResultsFile, opts: { color: boolean }): string {
  const paint = (s: Status, text: string) => (opts.color ? `${COLOR[s]}${text}\x1b[0m` : text);
  const lines: string[] = [];
  // a host that could not be probed is one line (its per-requirement errors are in every report file)
  const down = new Map(file.hosts.filter((h) => !h.reachable).map((h) => [h.name, 0]));
  for (const r of file.results) if (down.has(r.host) && r.status === 'error') down.set(r.host, down.get(r.host)! + 1);
  for (const h of file.hosts) {
    if (!h.reachable)
      lines.push(`${paint('error', 'ERROR '.padEnd(6))} [${h.name}] not probed: ${h.error ?? 'unknown reason'} (${down.get(h.name)} result(s) error)`);
  }
  for (const r of sortFailuresFirst(file.results)) {
    if (r.status === 'pass' || (down.has(r.host) && r.status === 'error')) continue;
    const what = r.status === 'skip' || r.status === 'error' ? (r.reason ?? r.observed) : `${r.observed} → want ${r.expected}`;
    lines.push(`${paint(r.status, r.status.toUpperCase().padEnd(6))} ${r.id} [${r.host}] ${what}${r.waiver ? ` (${waiverNote(r)})` : ''}`);
  }
  const s = file.summary;
  const counts = (['pass', 'fail', 'warn', 'error', 'skip', 'waived'] as Status[]).map((k) => paint(k, `${s[k]} ${k}`)).join(', ');
  lines.push(
    `${s.total} checks on ${file.hosts.length} host(s): ${counts}${file.failOn === 'warn' && s.warn ? ' (--fail-on warn: warnings fail the run)' : ''}`,
  );
  return lines.join('\n');
}
