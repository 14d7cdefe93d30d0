// Executables in PATH (command -v): the `binaries` section.
import { fact, type FactModule } from './fact.ts';
import type { HostFacts } from '../probe/facts.ts';
import { PROBED_BINARIES } from '../kubeadm/expect.ts';

export const binariesFact: FactModule<{ binaries: HostFacts['binaries'] }> = {
  steps: [
    { section: 'binaries', fn: 's_bins', sh: String.raw`s_bins() { for b in $BINS; do printf '%s\t' "$b"; command -v "$b" 2>/dev/null || echo; done; }` },
  ],
  reads: ['binaries'],
  vars: () => [['BINS', PROBED_BINARIES.join(' ')]],
  asks: { binaries: { path: 'value', names: () => PROBED_BINARIES } },
  build: (x) => {
    const { S } = x;
    return {
      binaries: fact(S, 'binaries', (s) => {
        const out: Record<string, string | undefined> = {};
        for (const line of s.text.split('\n')) {
          const [b, p] = line.split('\t');
          if (b) out[b] = p?.trim() || undefined;
        }
        return out;
      }),
    };
  },
};
