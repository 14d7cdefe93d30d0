// The CPU count (nproc --all): the `cpus` section.
import { fact, type FactModule } from './fact.ts';
import type { HostFacts } from '../probe/facts.ts';

export const cpusFact: FactModule<{ cpus: HostFacts['cpus'] }> = {
  steps: [
    {
      section: 'cpus',
      fn: 's_cpus',
      sh: String.raw`s_cpus() { if have nproc; then nproc --all 2>/dev/null || nproc; else grep -c '^processor' /proc/cpuinfo; fi; }`,
    },
  ],
  reads: ['cpus'],
  build: (x) => {
    const { S } = x;
    return {
      cpus: fact(S, 'cpus', (s) => {
        const n = Number(s.text.trim());
        if (!Number.isInteger(n) || n < 1) throw new Error(`not a CPU count: ${JSON.stringify(s.text.trim().slice(0, 40))}`);
        return n;
      }),
    };
  },
};
