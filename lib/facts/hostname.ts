// The running hostname and /etc/hostname: the `hostname` section.
import { fact, okFiles, type FactModule } from './fact.ts';
import type { HostFacts } from '../probe/facts.ts';
import { keyValues } from '../probe/sections.ts';

export const hostnameFact: FactModule<{ hostname: HostFacts['hostname'] }> = {
  steps: [
    {
      section: 'hostname',
      fn: 's_hostname',
      sh: String.raw`s_hostname() { echo "uname=$(uname -n)"; if have hostname; then echo "hostname=$(hostname 2>/dev/null)"; fi; fil /etc/hostname; }`,
    },
  ],
  reads: ['hostname'],
  build: (x) => {
    const { S } = x;
    return {
      hostname: fact(S, 'hostname', (s) => {
        const kv = keyValues(s.text);
        const running = (kv.hostname || kv.uname || '').trim();
        if (!running) throw new Error('empty hostname');
        const f = okFiles(s).find((x) => x.path === '/etc/hostname');
        return { running, file: f?.content.trim() };
      }),
    };
  },
};
