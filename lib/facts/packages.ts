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
