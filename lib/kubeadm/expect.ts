// What kubeadm expects to find on a host: the packages, binaries, units, sysctls, CRI sockets and node-side URLs.
// The one home of these lists. The probe (lib/facts/*) collects exactly what is derived here, and the preflight
// requirements ask for names from here, so a requirement cannot ask for something the probe never looks at
// (test/unit/one-room.test.ts checks the rest: that every key a requirement reads is one the probe collects).
// Per-version facts (ports, images, kernel, runtimes) are in ./versions.ts; this module builds on them.
import { dockershimAvailable } from './docker-validated.ts';
import { ALL_COMPONENT_HEALTH_URLS, KNOWN_CRI_SOCKET_PATHS, KNOWN_MINORS, kubeadmFacts, type RuntimeName } from './versions.ts';

export type OsFamily = 'rhel' | 'debian';

// ---- packages ------------------------------------------------------------------------------------------------
/** The tools whose version must be the profile's kubernetesVersion (package, snap or the binary itself). */
export const KUBE_TOOLS = ['kubeadm', 'kubelet', 'kubectl'] as const;

/** Package names per OS family for what HOST-PACKAGES wants; the first name found counts. */
export const PACKAGE_NAMES: Record<string, Record<OsFamily, string[]>> = {
  kubeadm: { rhel: ['kubeadm'], debian: ['kubeadm'] },
  kubelet: { rhel: ['kubelet'], debian: ['kubelet'] },
  kubectl: { rhel: ['kubectl'], debian: ['kubectl'] },
  containerd: { rhel: ['containerd.io', 'containerd'], debian: ['containerd', 'containerd.io'] },
  docker: { rhel: ['docker-ce', 'docker', 'docker-engine'], debian: ['docker-ce', 'docker.io', 'docker-engine'] },
  'cri-o': { rhel: ['cri-o'], debian: ['cri-o'] },
  ipvsadm: { rhel: ['ipvsadm'], debian: ['ipvsadm'] },
  ipset: { rhel: ['ipset'], debian: ['ipset'] },
  tc: { rhel: ['iproute-tc'], debian: ['iproute2'] },
  crictl: { rhel: ['cri-tools'], debian: ['cri-tools'] },
};
/** EL7 has no iproute-tc: tc is in iproute (001's CentOS 7). */
const EL7_TC = ['iproute'];

/** The package names that provide `what` on this OS (EL7: tc is in iproute). */
export function packageNames(what: string, family: OsFamily, el7: boolean): string[] {
  return what === 'tc' && el7 ? EL7_TC : PACKAGE_NAMES[what]![family];
}

/** What a design needs installed: kube* (kubectl on control planes), its runtime, ipvs tools in ipvs mode, crictl
 * unless Docker runs through dockershim. */
export function wantedPackages(p: { runtime: { name: RuntimeName }; kubernetesVersion: string; proxyMode: string }, roles: string[]): string[] {
  const dockershim = p.runtime.name === 'docker' && dockershimAvailable(p.kubernetesVersion);
  return ['kubeadm', 'kubelet', 'kubectl', p.runtime.name, 'ipvsadm', 'ipset', 'tc', 'crictl'].filter(
    (x) =>
      (x !== 'kubectl' || roles.includes('control-plane')) && (p.proxyMode === 'ipvs' || (x !== 'ipvsadm' && x !== 'ipset')) && (x !== 'crictl' || !dockershim),
  );
}

/** Runtimes that conflict with the design's (HOST-CONFLICTS), as packages. */
export const CONFLICTING_PACKAGES = ['podman', 'cri-o'];
/** HOST-FIREWALLD: the package and the unit. */
export const FIREWALLD = 'firewalld';
/** Docker's packages in the order HOST-DOCKER-CONFIG takes the version from. */
export const DOCKER_PACKAGES = ['docker-ce', 'docker', 'docker.io', 'docker-engine'];
/** Asked of the package database for the evidence in the facts file, judged by no requirement. */
const EVIDENCE_PACKAGES = ['conntrack', 'conntrack-tools', 'socat', 'ethtool', 'chrony', 'ntp', 'systemd-timesyncd', 'cri-dockerd'];

const unique = (xs: string[]) => [...new Set(xs)];

/** Every package the probe asks rpm/dpkg about. */
export const PROBED_PACKAGES: string[] = unique([
  ...Object.values(PACKAGE_NAMES).flatMap((n) => [...n.rhel, ...n.debian]),
  ...EL7_TC,
  ...CONFLICTING_PACKAGES,
  FIREWALLD,
  ...DOCKER_PACKAGES,
  ...EVIDENCE_PACKAGES,
]);

// ---- binaries (kubeadm preflight InPathCheck) ---------------------------------------------------------------------
/** HOST-BINARIES: kubeadm's InPathCheck for the profile's version (lib/kubeadm/versions.ts): mandatory ones are
 * preflight errors, optional ones warnings; crictl is dropped where that version lets Docker run through dockershim. */
export function wantedBinaries(p: { runtime: { name: RuntimeName }; kubernetesVersion: string }): { mandatory: string[]; optional: string[] } {
  const b = kubeadmFacts(p.kubernetesVersion).binaries;
  const dockershim = b.crictl === 'unless-docker' && p.runtime.name === 'docker' && dockershimAvailable(p.kubernetesVersion);
  const keep = (l: string[]) => (dockershim ? l.filter((x) => x !== 'crictl') : l);
  return { mandatory: keep(b.mandatory), optional: keep(b.optional) };
}

/** What any supported kubeadm version's InPathCheck may look for. */
const ANY_VERSION_BINARIES = KNOWN_MINORS.flatMap((m) => {
  const b = kubeadmFacts(`1.${m}.0`).binaries;
  return [...b.mandatory, ...b.optional];
});

/** Every executable the probe looks up in PATH (the rest are shown as evidence). */
export const PROBED_BINARIES: string[] = unique([
  ...KUBE_TOOLS,
  'crictl',
  'ctr',
  ...ANY_VERSION_BINARIES,
  'ebtables',
  'ipvsadm',
  'ipset',
  'containerd',
  'curl',
  'timeout',
]);

// ---- systemd units --------------------------------------------------------------------------------------------
/** Every unit the probe asks systemd about, and the process names that stand for it when systemd is not PID 1.
 * (The design's own runtime unit, profile runtime.service, is added per run.) */
export const UNIT_PROCESSES: Record<string, string[]> = {
  containerd: ['containerd'],
  kubelet: ['kubelet'],
  [FIREWALLD]: ['firewalld'],
  chronyd: ['chronyd'],
  chrony: ['chronyd'],
  ntpd: ['ntpd'],
  ntp: ['ntpd'],
  'systemd-timesyncd': ['systemd-timesyncd', 'systemd-timesyn'],
  docker: ['dockerd'],
  crio: ['crio'],
  'cri-docker': ['cri-dockerd'],
  'snap.kubelet.daemon': ['kubelet'],
};
export const PROBED_UNITS: string[] = Object.keys(UNIT_PROCESSES);

/** snap's kubelet runs as snap.kubelet.daemon.service (004). */
export const SNAP_KUBELET_UNIT = 'snap.kubelet.daemon';
/** HOST-TIME-SYNC: each time daemon and the unit names it goes by (Debian's chrony.service, ntp.service). */
export const TIME_DAEMON_UNITS: Record<string, string[]> = {
  chronyd: ['chronyd', 'chrony'],
  ntpd: ['ntpd', 'ntp'],
  'systemd-timesyncd': ['systemd-timesyncd'],
};

// ---- sysctls ---------------------------------------------------------------------------------------------------
/** The sysctls Kubernetes needs. The documents' misspellings (iptalbes, netfiler.nfs_) are reported as typos, not required. */
export type SysctlRule = { key: string; want: (v: string, min: number) => boolean; expect: (min: number) => string; severity: 'error' | 'warn' };
export const REQUIRED_SYSCTLS: SysctlRule[] = [
  { key: 'net.ipv4.ip_forward', want: (v) => v === '1', expect: () => '= 1', severity: 'error' },
  { key: 'net.bridge.bridge-nf-call-iptables', want: (v) => v === '1', expect: () => '= 1', severity: 'error' },
  { key: 'net.bridge.bridge-nf-call-ip6tables', want: (v) => v === '1', expect: () => '= 1', severity: 'error' },
  { key: 'net.netfilter.nf_conntrack_max', want: (v, min) => Number(v) >= min, expect: (min) => `≥ ${min}`, severity: 'warn' },
];
/** Live values the probe reads from /proc/sys: the required ones, IPv6 forwarding, and vm.swappiness (001 sets it). */
export const PROBED_SYSCTLS: string[] = unique([...REQUIRED_SYSCTLS.map((r) => r.key), 'net.ipv6.conf.default.forwarding', 'vm.swappiness']);

// ---- CRI sockets, node-side URLs ------------------------------------------------------------------------------------
/** Every CRI socket the probe stats: every one kubeadm has used, and Docker's own (the design's is added per run). */
export const PROBED_CRI_SOCKETS: string[] = unique([...KNOWN_CRI_SOCKET_PATHS, '/var/run/docker.sock']);
/** kube-proxy's metrics endpoint that answers its mode (PROXY-MODE). */
export const KUBE_PROXY_MODE_URL = 'http://127.0.0.1:10249/proxyMode';
/** What the node-health section asks with curl, after install. */
export const PROBED_NODE_URLS: string[] = [...ALL_COMPONENT_HEALTH_URLS, KUBE_PROXY_MODE_URL];

/** The package that provides each executable of kubeadm's InPathCheck, per family. */
export const BINARY_PACKAGES: Record<string, { rhel: string; debian: string }> = {
  conntrack: { rhel: 'conntrack-tools', debian: 'conntrack' },
  ip: { rhel: 'iproute', debian: 'iproute2' },
  tc: { rhel: 'iproute-tc', debian: 'iproute2' },
  iptables: { rhel: 'iptables', debian: 'iptables' },
  mount: { rhel: 'util-linux', debian: 'mount' },
  nsenter: { rhel: 'util-linux', debian: 'util-linux' },
  losetup: { rhel: 'util-linux', debian: 'mount' },
  ebtables: { rhel: 'ebtables', debian: 'ebtables' },
  ethtool: { rhel: 'ethtool', debian: 'ethtool' },
  socat: { rhel: 'socat', debian: 'socat' },
  crictl: { rhel: 'cri-tools', debian: 'cri-tools' },
  touch: { rhel: 'coreutils', debian: 'coreutils' },
  cp: { rhel: 'coreutils', debian: 'coreutils' },
};
