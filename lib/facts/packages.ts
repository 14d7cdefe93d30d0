// Installed packages: rpm or dpkg (the names lib/kubeadm/expect.ts lists) and `snap list`: the `packages` section.
import { fact, type FactModule } from './fact.ts';
import type { HostFacts } from '../probe/facts.ts';
import { blocks } from '../probe/sections.ts';
import { PROBED_PACKAGES } from '../kubeadm/expect.ts';
export interface PackageFacts {
  manager: 'rpm' | 'dpkg' | 'none';
  /** name -> version (installed ones only) */
  installed: Record<string, string>;
  /** snap name -> version (`snap list`), when snap is on the host */
  snaps?: Record<string, string>;
}

/** Output of the probe's packages section: `manager=X` then `name\tversion\tstatus` lines (rpm -q --qf / dpkg-query -W). */
export function parsePackages(text: string): PackageFacts {
  const m = /^manager=(\w+)/m.exec(text);
  if (!m) throw new Error('no package manager line');
  const manager = m[1] as PackageFacts['manager'];
  const installed: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const [name, version, status] = line.split('\t');
    if (!name || !version || line.startsWith('manager=')) continue;
    // dpkg: db:Status-Abbrev "ii " = installed; "rc " = removed, config files left; "un " = unknown.
    if (manager === 'dpkg' && !/^[ih]i/.test(status ?? '')) continue;
    installed[name] = version;
  }
  return { manager, installed };
}

/** 1.29.2-150500.1.1 / 1.29.2-1.1 / 1.29.2-00 -> 1.29.2 */
export function upstreamVersion(v: string): string {
  return v.replace(/^\d+:/, '').split(/[-~+]/)[0]!;
}

// `snap list`: "Name  Version  Rev  Tracking  Publisher  Notes" columns separated by runs of spaces.
export function parseSnapList(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const cols = line.trim().split(/\s+/);
    if (cols.length < 3 || cols[0] === 'Name') continue;
    if (cols.length >= 6 && /(^|,)disabled(,|$)/.test(cols[5]!)) continue; // `snap list --all`: an old revision
    out[cols[0]!] = cols[1]!;
  }
  return out;
}

export const packagesFact: FactModule<{ packages: HostFacts['packages'] }> = {
  steps: [
    {
      section: 'packages',
      fn: 's_pkgs',
      sh: String.raw`rpmdb_dir() { for d in /var/lib/rpm /usr/lib/sysimage/rpm; do for f in rpmdb.sqlite Packages.db Packages; do [ -f "$d/$f" ] && { echo "$d"; return 0; }; done; done; return 1; }
s_pkgs() { if have rpm && D=$(rpmdb_dir); then echo "manager=rpm"; rpm -q --dbpath "$D" --qf '%{NAME}\t%{VERSION}-%{RELEASE}\tii\n' $PKGS 2>/dev/null | grep -v 'is not installed'
  elif have dpkg-query && [ -f /var/lib/dpkg/status ]; then echo "manager=dpkg"; dpkg-query -W -f='${'$'}{Package}\t${'$'}{Version}\t${'$'}{db:Status-Abbrev}\n' $PKGS 2>/dev/null
  else echo "manager=none"; fi
  if have snap; then echo "@snap"; t snap list 2>/dev/null; fi; return 0; }`,
    },
  ],
  reads: ['packages'],
  vars: () => [['PKGS', PROBED_PACKAGES.join(' ')]],
  asks: { packages: { path: 'value.installed', names: () => PROBED_PACKAGES } },
  build: (x) => {
    const { S } = x;
    return {
      packages: fact(S, 'packages', (s) => ({ ...parsePackages(s.text), snaps: parseSnapList(blocks(s.text).snap ?? '') })),
    };
  },
};
