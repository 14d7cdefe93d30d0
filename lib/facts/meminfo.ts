// Memory: MemTotal of /proc/meminfo, the `meminfo` section.
import { fact, type FactModule } from './fact.ts';
import type { HostFacts } from '../probe/facts.ts';

export function parseMemTotalKiB(text: string): number {
  const m = /^MemTotal:\s+(\d+)\s*kB/m.exec(text);
  if (!m) throw new Error('no MemTotal line in /proc/meminfo');
  return Number(m[1]);
}

export const meminfoFact: FactModule<{ memTotalKiB: HostFacts['memTotalKiB'] }> = {
  steps: [{ section: 'meminfo', fn: 's_mem', sh: String.raw`s_mem() { cat /proc/meminfo; }` }],
  reads: ['meminfo'],
  build: (x) => {
    const { S } = x;
    return {
      memTotalKiB: fact(S, 'meminfo', (s) => parseMemTotalKiB(s.text)),
    };
  },
};
