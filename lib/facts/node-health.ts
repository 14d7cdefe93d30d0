// After install, node-side: component /healthz, kube-proxy's mode, ipvsadm -Ln: the `node-health` section.
import { fact, okf, type FactModule } from './fact.ts';
import type { HostFacts } from '../probe/facts.ts';
import { blocks } from '../probe/sections.ts';
import { PROBED_NODE_URLS } from '../kubeadm/expect.ts';

export interface NodeHealth {
  endpoints: Record<string, string>;
  ipvsadm: { rc: number; output: string };
}

export const nodeHealthFact: FactModule<{ nodeHealth: HostFacts['nodeHealth'] }> = {
  steps: [
    {
      section: 'node-health',
      fn: 's_health',
      when: '[ "$POST" = 1 ]',
      sh: String.raw`s_health() { for u in $HEALTH; do
  if have curl; then printf '%s\t%s\n' "$u" "$(t curl -sS -k --connect-timeout 2 --max-time 4 -w ' http=%{http_code}' "$u" 2>&1 | tr '\n' ' ')"; else printf '%s\t@no-curl\n' "$u"; fi; done
  echo "@ipvsadm"; if have ipvsadm; then t ipvsadm -Ln 2>&1; echo "ipvsadm_rc=$?"; else echo "ipvsadm_rc=127"; fi; return 0; }`,
    },
  ],
  reads: ['node-health'],
  vars: (o) => [
    ['POST', o.postinstall ? '1' : '0'],
    ['HEALTH', PROBED_NODE_URLS.join(' ')],
  ],
  asks: { nodeHealth: { path: 'value.endpoints', names: () => PROBED_NODE_URLS } },
  build: (x) => {
    const { S } = x;
    return {
      nodeHealth: S.has('node-health')
        ? fact(S, 'node-health', (s) => {
            const b = blocks(s.text);
            const endpoints: Record<string, string> = {};
            for (const line of (b[''] ?? '').split('\n')) {
              const [u, r] = line.split('\t');
              if (u && r !== undefined) endpoints[u] = r.trim();
            }
            const rc = Number(/ipvsadm_rc=(\d+)/.exec(b.ipvsadm ?? '')?.[1] ?? -1);
            return { endpoints, ipvsadm: { rc, output: (b.ipvsadm ?? '').replace(/ipvsadm_rc=\d+\s*$/, '').trim() } };
          })
        : okf(undefined),
    };
  },
};
