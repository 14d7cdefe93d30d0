// Network interfaces (/sys/class/net) and the default route (HOST-UNIQUE-MAC): the `net` section.
import { blocks } from '../probe/sections.ts';
import { fact, type FactModule } from './fact.ts';
import type { HostFacts } from '../probe/facts.ts';

export interface Interface {
  name: string;
  mac: string;
  /** ARPHRD type: 1 = Ethernet, 772 = loopback */
  type: number;
  physical: boolean;
  bridge: boolean;
  defaultRoute: boolean;
}

/** Names that container runtimes, CNIs and kube-proxy create; never a host's identity. */
const VIRTUAL_PREFIXES = [
  'lo',
  'docker',
  'cni',
  'cali',
  'flannel',
  'vxlan',
  'tunl',
  'kube-ipvs',
  'veth',
  'virbr',
  'cilium',
  'weave',
  'br-',
  'ifb',
  'dummy',
  'nodelocaldns',
  'wg',
];

export function parseNet(text: string): Interface[] {
  const b = blocks(text);
  const routeIfaces = new Set(
    (b.route ?? '')
      .split('\n')
      .slice(1)
      .map((l) => l.trim().split(/\s+/))
      .filter((f) => f[1] === '00000000')
      .map((f) => f[0]!),
  );
  const out: Interface[] = [];
  for (const line of (b[''] ?? '').split('\n')) {
    const [name, mac, type, kind, bridge] = line.split('\t');
    if (!name || !mac) continue;
    out.push({ name, mac: mac.toLowerCase(), type: Number(type), physical: kind === 'phys', bridge: bridge === 'bridge', defaultRoute: routeIfaces.has(name) });
  }
  return out;
}

/**
 * The interfaces whose MACs identify the machine: physical NICs; when there are none (VMs with virtual NICs,
 * containers, network namespaces) the Ethernet interfaces that are not bridges or CNI/runtime devices.
 */
export function identityInterfaces(ifs: Interface[]): Interface[] {
  const eth = ifs.filter((i) => i.type === 1 && !i.bridge && i.mac !== '00:00:00:00:00:00');
  const phys = eth.filter((i) => i.physical);
  if (phys.length) return phys;
  return eth.filter((i) => !VIRTUAL_PREFIXES.some((p) => i.name.startsWith(p)));
}

export const netFact: FactModule<{ interfaces: HostFacts['interfaces'] }> = {
  steps: [
    {
      section: 'net',
      fn: 's_net',
      sh: String.raw`s_net() { for i in /sys/class/net/*; do n=${'$'}{i##*/}; [ -e "$i/address" ] || continue
  a=; ty=; read -r a < "$i/address"; read -r ty < "$i/type"; k=virt; [ -e "$i/device" ] && k=phys; b=; [ -d "$i/bridge" ] && b=bridge
  printf '%s\t%s\t%s\t%s\t%s\n' "$n" "$a" "$ty" "$k" "$b"; done
  echo "@route"; cat /proc/net/route 2>/dev/null; return 0; }`,
    },
  ],
  reads: ['net'],
  build: (x) => {
    const { S } = x;
    return {
      interfaces: fact(S, 'net', (s) => parseNet(s.text)),
    };
  },
};
