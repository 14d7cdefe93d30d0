// Kernel modules: loaded (/proc/modules), built in (modules.builtin, /sys/module), persisted (modules-load.d).
import { blocks } from '../probe/sections.ts';

export interface ModuleFacts {
  loaded: string[];
  /** /sys/module entries: loaded modules plus built-ins with parameters. */
  sys: string[];
  builtin: string[];
  persisted: { module: string; file: string; line: number }[];
  /** /proc/modules was readable (a kernel without loadable-module support has none). */
  procModules: boolean;
}

export function parseModules(text: string, files: { path: string; content: string }[]): ModuleFacts {
  const b = blocks(text);
  const names = (s = '') => s.split('\n').map((l) => l.trim().split(/\s+/)[0]!).filter(Boolean);
  const loaded = names(b.proc);
  const persisted: ModuleFacts['persisted'] = [];
  for (const f of files) {
    // modules-load.d and /etc/modules: one name per line. /etc/sysconfig/modules/*.modules (run at boot by
    // rc.sysinit on RHEL 7) and kubelet drop-ins (ExecStartPre=-/sbin/modprobe …): modprobe commands.
    const commands = f.path.endsWith('.modules') || /\.service\.d\//.test(f.path);
    f.content.split('\n').forEach((raw, i) => {
      const t = raw.trim();
      if (!t || t.startsWith('#') || t.startsWith(';')) return;
      if (commands) {
        const m = /(?:^|[\s=\-/])modprobe((?:\s+-[a-z-]+)*)\s+(?:--\s+)?([A-Za-z0-9_-]+)\s*$/.exec(t);
        if (m && !/-r|--remove/.test(m[1] ?? '')) persisted.push({ module: m[2]!, file: f.path, line: i + 1 });
        return;
      }
      persisted.push({ module: t.split(/\s+/)[0]!, file: f.path, line: i + 1 });
    });
  }
  return { loaded, sys: names(b.sys), builtin: names(b.builtin), persisted, procModules: loaded.length > 0 };
}

/** Module names use _ and - interchangeably. */
export const modName = (m: string) => m.replace(/-/g, '_');

export function isLoaded(f: ModuleFacts, m: string): { yes: boolean; how: string } {
  const n = modName(m);
  if (f.loaded.map(modName).includes(n)) return { yes: true, how: 'loaded (/proc/modules)' };
  if (f.builtin.map(modName).includes(n)) return { yes: true, how: 'built into the kernel (modules.builtin)' };
  if (f.sys.map(modName).includes(n)) return { yes: true, how: 'present in /sys/module' };
  return { yes: false, how: 'not loaded' };
}
