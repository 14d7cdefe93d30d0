// sysctl.d semantics (systemd-sysctl): files by basename, /etc beats /run beats /usr/lib; later files win.
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
