// kubeadm, kubelet and kubectl as the binaries report their own versions: the `kversions` section.
import { fact, okf, type FactModule } from './fact.ts';
import type { HostFacts } from '../probe/facts.ts';
import { blocks } from '../probe/sections.ts';
import { KUBE_TOOLS } from '../kubeadm/expect.ts';

export const kversionsFact: FactModule<{ binaryVersions: HostFacts['binaryVersions'] }> = {
  steps: [
    {
      section: 'kversions',
      fn: 's_kver',
      sh: String.raw`# the binaries' own versions (a package version can lie: an epoch, a repackaged SDK); HOME=/nonexistent: nothing written
s_kver() { for b in ${KUBE_TOOLS.join(' ')}; do have "$b" || continue; echo "@$b"
  case $b in kubeadm) t env HOME=/nonexistent kubeadm version -o short 2>&1;; kubelet) t env HOME=/nonexistent kubelet --version 2>&1;; kubectl) t env HOME=/nonexistent kubectl version --client 2>&1;; esac; done; return 0; }`,
    },
  ],
  reads: ['kversions'],
  asks: { binaryVersions: { path: 'value', names: () => [...KUBE_TOOLS] } },
  build: (x) => {
    const { S } = x;
    return {
      // a refinement of the package versions: output without this section (an older probe) has none to offer
      binaryVersions: !S.has('kversions')
        ? okf({})
        : fact(S, 'kversions', (s) => {
            const out: Record<string, string> = {};
            for (const [b, text] of Object.entries(blocks(s.text))) {
              // kubeadm version -o short: v1.29.2; kubelet --version: Kubernetes v1.29.2; kubectl: Client Version: v1.32.4 (or GitVersion:"v1.22.0")
              const v = /(?:Client Version:\s*|GitVersion:"|Kubernetes\s+|^)v(\d+\.\d+\.\d+)/m.exec(text);
              if (b && v) out[b] = v[1]!;
            }
            return out;
          }),
    };
  },
};
