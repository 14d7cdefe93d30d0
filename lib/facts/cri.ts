// CRI sockets: which of the known ones (and the design's) exist as sockets, the `cri` section.
import { fact, safeWord, unique, type FactModule, type ProbeOptions } from './fact.ts';
import type { HostFacts } from '../probe/facts.ts';
import { PROBED_CRI_SOCKETS } from '../kubeadm/expect.ts';

/** The sockets stat'ed: every CRI socket kubeadm has used, Docker's, and the design's. */
const probedSockets = (o: { design?: ProbeOptions['design'] }) =>
  unique([...PROBED_CRI_SOCKETS, ...(o.design ? [o.design.criSocket.replace(/^unix:\/\//, '')] : [])]);

export const criFact: FactModule<{ criSockets: HostFacts['criSockets'] }> = {
  steps: [
    {
      section: 'cri',
      fn: 's_cri',
      sh: String.raw`s_cri() { for s in $SOCKS; do if [ -S "$s" ]; then echo "$s	socket"; elif [ -e "$s" ]; then echo "$s	other"; else echo "$s	absent"; fi; done; }`,
    },
  ],
  reads: ['cri'],
  vars: (o) => [['SOCKS', probedSockets(o).map(safeWord).join(' ')]],
  asks: { criSockets: { path: 'value', names: probedSockets } },
  build: (x) => {
    const { S } = x;
    return {
      criSockets: fact(S, 'cri', (s) => {
        const out: Record<string, 'socket' | 'other' | 'absent'> = {};
        for (const line of s.text.split('\n')) {
          const [p, st] = line.split('\t');
          if (p && (st === 'socket' || st === 'other' || st === 'absent')) out[p] = st;
        }
        return out;
      }),
    };
  },
};
