// Kernel modules: loaded (/proc/modules), built in (modules.builtin, /sys/module), persisted (modules-load.d).
import { blocks } from '../probe/sections.ts';
import { fact, okFiles, type FactModule } from './fact.ts';
import type { HostFacts } from '../probe/facts.ts';

export interface ModuleFacts {
  loaded: string[];
  /** /sys/module entries: loaded modules plus built-ins with parameters. */
  sys: string[];
  builtin: string[];
  /** how a built-in module was recognised when not from modules.builtin (the requirement's own inference) */
  builtinHow?: Record<string, string>;
  persisted: { module: string; file: string; line: number }[];
  /** /proc/modules was readable (a kernel without loadable-module support has none). */
  procModules: boolean;
}

export function parseModules(text: string, files: { path: string; content: string }[]): ModuleFacts {
  const b = blocks(text);
  const names = (s = '') =>
    s
      .split('\n')
      .map((l) => l.trim().split(/\s+/)[0]!)
      .filter(Boolean);
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
  if (f.builtin.map(modName).includes(n)) return { yes: true, how: f.builtinHow?.[n] ?? 'built into the kernel (modules.builtin)' };
  if (f.sys.map(modName).includes(n)) return { yes: true, how: 'present in /sys/module' };
  return { yes: false, how: 'not loaded' };
}

/** Kubelet drop-ins (ExecStartPre=modprobe …) persist modules too (003). */
const isKubeletDropIn = (p: string) => /\/(kubelet|snap\.kubelet\.daemon)\.service\.d\/[^/]+\.conf$/.test(p);

export const modulesFact: FactModule<{ modules: HostFacts['modules'] }> = {
  steps: [
    {
      section: 'modules',
      fn: 's_mods',
      sh: String.raw`s_mods() { echo "@proc"; cat /proc/modules 2>/dev/null; echo "@sys"; ls /sys/module 2>/dev/null; echo "@builtin"; cat "/lib/modules/$(uname -r)/modules.builtin" 2>/dev/null | sed 's#.*/##; s#\.ko.*##'
  fil /etc/modules-load.d/*.conf /run/modules-load.d/*.conf /usr/lib/modules-load.d/*.conf /usr/local/lib/modules-load.d/*.conf /etc/modules /etc/sysconfig/modules/*.modules; }`,
    },
  ],
  reads: ['modules', 'kubelet'],
  build: (x) => {
    const { S } = x;
    return {
      modules: fact(S, 'modules', (s) =>
        parseModules(s.text, [...okFiles(s), ...(S.get('kubelet')?.files ?? []).filter((f) => f.state === 'ok' && isKubeletDropIn(f.path))]),
      ),
    };
  },
};
