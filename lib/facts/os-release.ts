// The OS: /etc/os-release (or /usr/lib/os-release), the `os-release` section.
import { fact, type FactModule } from './fact.ts';
import type { HostFacts } from '../probe/facts.ts';
export interface OsRelease {
  id: string;
  idLike: string[];
  versionId: string;
  prettyName: string;
  family: 'rhel' | 'debian' | 'other';
}

export function parseOsRelease(text: string): OsRelease {
  const kv: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (m) kv[m[1]!] = m[2]!.replace(/^(["'])(.*)\1$/, '$2');
  }
  if (!kv.ID) throw new Error('no ID= line in os-release');
  const id = kv.ID.toLowerCase();
  const idLike = (kv.ID_LIKE ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const all = [id, ...idLike];
  const family = all.some((x) => ['rhel', 'fedora', 'centos', 'rocky', 'almalinux', 'ol'].includes(x))
    ? 'rhel'
    : all.some((x) => ['debian', 'ubuntu'].includes(x))
      ? 'debian'
      : 'other';
  return { id, idLike, versionId: kv.VERSION_ID ?? '', prettyName: kv.PRETTY_NAME ?? `${id} ${kv.VERSION_ID ?? ''}`.trim(), family };
}

export const osReleaseFact: FactModule<{ os: HostFacts['os'] }> = {
  steps: [
    {
      section: 'os-release',
      fn: 's_os',
      sh: String.raw`s_os() { if [ -r /etc/os-release ]; then cat /etc/os-release; elif [ -r /usr/lib/os-release ]; then cat /usr/lib/os-release; else return 3; fi; }`,
    },
  ],
  reads: ['os-release'],
  build: (x) => {
    const { S } = x;
    return {
      os: fact(S, 'os-release', (s) => parseOsRelease(s.text)),
    };
  },
};
