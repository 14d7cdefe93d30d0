// chrony: `chronyc -n sources` (the source chronyd selected is marked `^*`) and chrony.conf's server/pool lines.
export interface ChronySource {
  mode: string;
  state: string;
  address: string;
  line: string;
}

export function parseChronySources(text: string): ChronySource[] {
  const out: ChronySource[] = [];
  for (const line of text.split('\n')) {
    const m = /^([\^=#])([*+\-?x~])\s+(\S+)\s+\d+\s/.exec(line);
    if (m) out.push({ mode: m[1]!, state: m[2]!, address: m[3]!, line: line.trim() });
  }
  return out;
}

export function parseChronyConf(path: string, text: string): { kind: 'server' | 'pool' | 'peer'; name: string; file: string; line: number }[] {
  const out: { kind: 'server' | 'pool' | 'peer'; name: string; file: string; line: number }[] = [];
  text.split('\n').forEach((l, i) => {
    const m = /^\s*(server|pool|peer)\s+(\S+)/.exec(l);
    if (m) out.push({ kind: m[1] as 'server' | 'pool' | 'peer', name: m[2]!, file: path, line: i + 1 });
  });
  return out;
}
