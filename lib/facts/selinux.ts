// SELinux: getenforce, /sys/fs/selinux and /etc/selinux/config, the `selinux` section.
import { fact, okFiles, type FactModule } from './fact.ts';
import type { HostFacts } from '../probe/facts.ts';
import { keyValues } from '../probe/sections.ts';

export const selinuxFact: FactModule<{ selinux: HostFacts['selinux'] }> = {
  steps: [
    {
      section: 'selinux',
      fn: 's_selinux',
      sh: String.raw`s_selinux() { if have getenforce; then echo "getenforce=$(getenforce 2>/dev/null)"; fi
  if [ -r /sys/fs/selinux/enforce ]; then echo "enforce=$(cat /sys/fs/selinux/enforce)"; fi
  if [ -d /sys/fs/selinux ]; then echo "selinuxfs=yes"; fi
  fil /etc/selinux/config; }`,
    },
  ],
  reads: ['selinux'],
  build: (x) => {
    const { S } = x;
    return {
      selinux: fact(S, 'selinux', (s) => {
        const kv = keyValues(s.text);
        const cfg = okFiles(s).find((f) => f.path === '/etc/selinux/config');
        const present = kv.selinuxfs === 'yes' || kv.getenforce !== undefined || !!cfg;
        const mode = kv.getenforce
          ? kv.getenforce.toLowerCase()
          : kv.enforce !== undefined
            ? kv.enforce.trim() === '1'
              ? 'enforcing'
              : 'permissive'
            : kv.selinuxfs === 'yes'
              ? undefined
              : 'disabled';
        let configMode: { value: string; line: number } | undefined;
        cfg?.content.split('\n').forEach((l, i) => {
          const m = /^\s*SELINUX\s*=\s*(\S+)/.exec(l);
          if (m) configMode = { value: m[1]!.toLowerCase(), line: i + 1 };
        });
        return { present, mode, configText: cfg?.content, configMode };
      }),
    };
  },
};
