// Kernel parameters: live values (/proc/sys, the `sysctl` section) and persisted ones (`sysctl-files`).
// sysctl.d semantics (systemd-sysctl): files by basename, /etc beats /run beats /usr/lib; later files win.
import { fact, okFiles, unique, type FactModule, type ProbeOptions } from './fact.ts';
import type { HostFacts } from '../probe/facts.ts';
import { PROBED_SYSCTLS } from '../kubeadm/expect.ts';
export interface SysctlSetting {
  file: string;
  line: number;
  key: string;
  value: string;
  text: string;
}

const DIR_RANK = ['/etc/sysctl.d/', '/run/sysctl.d/', '/usr/local/lib/sysctl.d/', '/usr/lib/sysctl.d/', '/lib/sysctl.d/'];

export function normalizeKey(k: string): string {
  return k.trim().replace(/^-/, '').replace(/\//g, '.');
}

export function parseSysctlFile(file: string, text: string): SysctlSetting[] {
  const out: SysctlSetting[] = [];
  text.split('\n').forEach((raw, i) => {
    const t = raw.trim();
    if (!t || t.startsWith('#') || t.startsWith(';')) return;
    const eq = t.indexOf('=');
    if (eq < 0) {
      out.push({ file, line: i + 1, key: normalizeKey(t), value: '', text: t });
      return;
    }
    out.push({ file, line: i + 1, key: normalizeKey(t.slice(0, eq)), value: t.slice(eq + 1).trim(), text: t });
  });
  return out;
}

/** The files systemd-sysctl would apply, in order (last wins), with shadowed duplicates removed. */
export function effectiveSysctlFiles(files: { path: string; content: string }[]): { path: string; content: string }[] {
  const byBase = new Map<string, { path: string; content: string; rank: number }>();
  let conf: { path: string; content: string } | undefined;
  for (const f of files) {
    if (f.path === '/etc/sysctl.conf') {
      conf = f;
      continue;
    }
    const rank = DIR_RANK.findIndex((d) => f.path.startsWith(d));
    const base = f.path.slice(f.path.lastIndexOf('/') + 1);
    const prev = byBase.get(base);
    if (!prev || (rank >= 0 && rank < prev.rank)) byBase.set(base, { ...f, rank: rank < 0 ? 99 : rank });
  }
  const ordered = [...byBase.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, f]) => ({ path: f.path, content: f.content }));
  return conf ? [...ordered, conf] : ordered;
}

/** Every setting in application order; the last one for a key is the value after reboot. */
export function persistedSysctls(files: { path: string; content: string }[]): SysctlSetting[] {
  return effectiveSysctlFiles(files).flatMap((f) => parseSysctlFile(f.path, f.content));
}

/** The live values read: the ones kubeadm needs and the design's own (profile `sysctls`, when the run passes them). */
const probedSysctls = (o: { design?: ProbeOptions['design'] }) => unique([...PROBED_SYSCTLS, ...(o.design?.sysctls ?? [])]);
/** A sysctl key becomes a /proc/sys path: dots and names only, so it can never climb out of /proc/sys. */
function sysctlPath(k: string): string {
  if (!/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/.test(k)) throw new Error(`unsafe sysctl key ${JSON.stringify(k)}`);
  return `${k}=/proc/sys/${k.replace(/\./g, '/')}`;
}

export const sysctlFact: FactModule<{ sysctls: HostFacts['sysctls']; sysctlFiles: HostFacts['sysctlFiles'] }> = {
  steps: [
    {
      section: 'sysctl',
      fn: 's_sysctl',
      sh: String.raw`# cat, never the read builtin: dash (Debian's /bin/sh) reads one byte at a time and /proc/sys integer files answer
# a read at offset > 0 with EOF, so dash's read sees "2" for 262144
s_sysctl() { for kp in $SYSCTLS; do k=${'$'}{kp%%=*}; p=${'$'}{kp#*=}; v=; [ -r "$p" ] && v=$(cat "$p" 2>/dev/null); printf '%s\t%s\n' "$k" "${'$'}{v:-@absent}"; done; }`,
    },
    {
      section: 'sysctl-files',
      fn: 's_sysctlf',
      sh: String.raw`s_sysctlf() { fil /etc/sysctl.conf /etc/sysctl.d/*.conf /run/sysctl.d/*.conf /usr/local/lib/sysctl.d/*.conf /usr/lib/sysctl.d/*.conf /lib/sysctl.d/*.conf; }`,
    },
  ],
  reads: ['sysctl', 'sysctl-files'],
  vars: (o) => [['SYSCTLS', probedSysctls(o).map(sysctlPath).join(' ')]],
  asks: { sysctls: { path: 'value', names: probedSysctls } },
  build: (x) => {
    const { S } = x;
    return {
      sysctls: fact(S, 'sysctl', (s) => {
        const out: Record<string, string | undefined> = {};
        for (const line of s.text.split('\n')) {
          const [k, v] = line.split('\t');
          if (k && v !== undefined) out[k] = v === '@absent' ? undefined : v.trim();
        }
        return out;
      }),
      sysctlFiles: fact(S, 'sysctl-files', (s) => {
        const files = okFiles(s).map((f) => ({ path: f.path, content: f.content }));
        return { files, settings: persistedSysctls(files) };
      }),
    };
  },
};
