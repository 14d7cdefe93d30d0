// Time sync, the `timesync` section: timedatectl, timesyncd, and chrony:
// `chronyc -n sources` (the source chronyd selected is marked `^*`) and chrony.conf's server/pool lines.
import { fact, okFiles, type FactModule } from './fact.ts';
import type { HostFacts } from '../probe/facts.ts';
import { blocks, keyValues } from '../probe/sections.ts';
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

export interface TimeSyncFacts {
  /** chronyc -n sources */
  chronySources?: ChronySource[];
  /** server/pool lines of chrony.conf */
  chronyServers?: { kind: string; name: string; file: string; line: number }[];
  ntpSynchronized?: boolean;
  timesyncdSynchronized: boolean;
  chronyLeap?: string;
  ntpstatRc?: number;
  raw: string;
}

export const timesyncFact: FactModule<{ timeSync: HostFacts['timeSync'] }> = {
  steps: [
    {
      section: 'timesync',
      fn: 's_time',
      sh: String.raw`s_time() { if [ -d /run/systemd/system ] && have timedatectl; then t timedatectl show 2>/dev/null | grep -E '^(NTP|NTPSynchronized|CanNTP|Timezone)='; fi
  [ -e /run/systemd/timesync/synchronized ] && echo "timesyncd_synchronized=yes"
  if have chronyc; then echo "@chronyc"; t chronyc -n tracking 2>/dev/null; echo "@sources"; t chronyc -n sources 2>/dev/null; fi
  fil /etc/chrony.conf /etc/chrony/chrony.conf; return 0
  if have ntpstat; then echo "@ntpstat"; t ntpstat 2>/dev/null; echo "ntpstat_rc=$?"; fi; return 0; }`,
    },
  ],
  reads: ['timesync'],
  build: (x) => {
    const { S } = x;
    return {
      timeSync: fact(S, 'timesync', (s) => {
        const b = blocks(s.text);
        const kv = keyValues(b[''] ?? '');
        const leap = /Leap status\s*:\s*(.+)/.exec(b.chronyc ?? '')?.[1]?.trim();
        const ntp = /ntpstat_rc=(\d+)/.exec(b.ntpstat ?? '')?.[1];
        return {
          chronySources: b.sources === undefined ? undefined : parseChronySources(b.sources),
          chronyServers: okFiles(s).flatMap((f) => parseChronyConf(f.path, f.content)),
          ntpSynchronized: kv.NTPSynchronized === undefined ? undefined : kv.NTPSynchronized === 'yes',
          timesyncdSynchronized: kv.timesyncd_synchronized === 'yes',
          chronyLeap: leap,
          ntpstatRc: ntp === undefined ? undefined : Number(ntp),
          raw: s.text.trim(),
        };
      }),
    };
  },
};
