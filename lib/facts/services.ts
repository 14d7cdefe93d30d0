// systemd units (systemctl show), or without systemd the process list and *.wants links: the `services` section.
import { UNIT_PROCESSES } from '../kubeadm/expect.ts';
import { blocks, keyValues } from '../probe/sections.ts';
import { fact, safeWord, unique, type FactModule, type ProbeOptions } from './fact.ts';
import type { HostFacts } from '../probe/facts.ts';
import { PROBED_UNITS } from '../kubeadm/expect.ts';
import { RUNTIME_DEFAULTS } from '../config/profile.ts';

export interface UnitState {
  /** active | inactive | failed | activating | unknown */
  active: string;
  /** enabled | disabled | static | masked | not-found | unknown */
  enabled: string;
  /** how it was decided: systemctl, or the process list and *.wants links when systemd is not running */
  method: 'systemctl' | 'process-list';
}

export interface ServiceFacts {
  systemd: boolean;
  pid1: string;
  processes: string[];
  wants: string[];
  units: Record<string, UnitState>;
}

/** `extra`: units of the design (profile runtime.service) and the processes that stand for them. */
export function parseServices(text: string, extra: Record<string, string[]> = {}): ServiceFacts {
  const b = blocks(text);
  const head = keyValues(b[''] ?? '');
  const systemd = head.systemd === 'yes';
  const processes = (b.processes ?? '')
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);
  const wants = (b.wants ?? '')
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);
  const units: Record<string, UnitState> = {};
  if (systemd) {
    const all = text.split('\n');
    let cur: string | undefined;
    let kv: Record<string, string> = {};
    const flush = () => {
      if (!cur) return;
      const load = kv.LoadState ?? 'unknown';
      units[cur] = {
        active: load === 'not-found' ? 'inactive' : (kv.ActiveState ?? 'unknown'),
        enabled: load === 'not-found' ? 'not-found' : kv.UnitFileState || (load === 'masked' ? 'masked' : 'unknown'),
        method: 'systemctl',
      };
    };
    for (const line of all) {
      const m = /^@unit (\S+)$/.exec(line);
      if (m) {
        flush();
        cur = m[1];
        kv = {};
      } else if (/^@/.test(line)) {
        flush();
        cur = undefined;
      } else if (cur) {
        const i = line.indexOf('=');
        if (i > 0) kv[line.slice(0, i)] = line.slice(i + 1);
      }
    }
    flush();
  } else {
    for (const [unit, procs] of Object.entries({ ...UNIT_PROCESSES, ...extra })) {
      const running = procs.some((p) => processes.includes(p));
      const enabled = wants.some((w) => w.endsWith(`/${unit}.service`));
      units[unit] = { active: running ? 'active' : 'inactive', enabled: enabled ? 'enabled' : 'unknown', method: 'process-list' };
    }
  }
  return { systemd, pid1: head.pid1 ?? '', processes, wants, units };
}

/** The units asked of systemd: every one kubeadm's designs use, and the design's own runtime unit. */
const probedUnits = (o: { design?: ProbeOptions['design'] }) => unique([...PROBED_UNITS, ...(o.design ? [o.design.service] : [])]);

export const servicesFact: FactModule<{ services: HostFacts['services'] }> = {
  steps: [
    {
      section: 'services',
      fn: 's_svc',
      sh: String.raw`s_svc() { echo "pid1=$(cat /proc/1/comm 2>/dev/null)"
  if [ -d /run/systemd/system ] && have systemctl; then echo "systemd=yes"
    for u in $UNITS; do printf '@unit %s\n' "$u"; t systemctl show -p LoadState,ActiveState,SubState,UnitFileState "$u.service" 2>/dev/null; done
  else echo "systemd=no"; fi
  echo "@processes"; cat /proc/[0-9]*/comm 2>/dev/null
  echo "@wants"; for d in /etc/systemd/system/*.wants; do [ -d "$d" ] && for f in "$d"/*; do [ -e "$f" ] || [ -L "$f" ] && echo "$d/${'$'}{f##*/}"; done; done; return 0; }`,
    },
  ],
  reads: ['services'],
  vars: (o) => [['UNITS', probedUnits(o).map(safeWord).join(' ')]],
  asks: { services: { path: 'value.units', names: probedUnits } },
  build: (x) => {
    const { S, design } = x;
    const processOf: Record<string, string[]> = {};
    if (design) processOf[design.service] = [RUNTIME_DEFAULTS[design.runtime].process];
    return {
      services: fact(S, 'services', (s) => parseServices(s.text, processOf)),
    };
  },
};
