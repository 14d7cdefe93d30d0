// The reference design's facts for unit tests. Preflight: the real probe run recorded on Debian 12
// (fixtures/recorded/debian12-local-probe.txt), edited to a Rocky 8.6 host built as the documents say, with the
// packages from REAL rpm output against a real rpm database (fixtures/recorded/rpm/record.sh) and the services in
// systemctl's format (fixtures/recorded/rpm/*-systemctl-show.txt, whose headers say what is recorded and what not).
// Post-install: a seeded snapshot object of a healthy two-node cluster (the shape lib/cluster/snapshot.ts builds),
// plus the node-side facts (listening ports, curl of the healthz endpoints, ipvsadm -Ln) such a cluster's hosts give.
import { readFileSync } from 'node:fs';
import type { ClusterExtra, ClusterSnapshot, NodeInfo, PodInfo } from '../../lib/cluster/snapshot.ts';
import { parseContainerdConfig } from '../../lib/facts/containerd.ts';
import { parseFstab } from '../../lib/facts/fstab.ts';
import { parsePackages } from '../../lib/facts/packages.ts';
import { parseServices } from '../../lib/facts/services.ts';
import { persistedSysctls } from '../../lib/facts/sysctl.ts';
import type { HostFacts } from '../../lib/probe/facts.ts';
import type { RunContext } from '../../lib/requirements/define.ts';
import { ctxFor, host, ok, recordedFacts } from './facts.ts';

/** A fixture's text without its `# ` header lines (which say where the fixture comes from). */
export const fx = (p: string) => readFileSync(new URL(`../../fixtures/${p}`, import.meta.url), 'utf8').replace(/^(# .*\n)+/, '');

export const REFERENCE_RPM = 'recorded/rpm/rocky86-reference-rpm-q.txt';
export const DEFECTS_RPM = 'recorded/rpm/rocky86-defects-rpm-q.txt';
export const REFERENCE_SYSTEMCTL = 'recorded/rpm/rocky86-reference-systemctl-show.txt';
export const DEFECTS_SYSTEMCTL = 'recorded/rpm/rocky86-defects-systemctl-show.txt';

const built = new Map<string, HostFacts>();
/** A host built to the reference design, derived from the real recorded probe run (a fresh copy each call). */
export function referenceFacts(name = 'master'): HostFacts {
  if (!built.has(name)) built.set(name, buildReferenceFacts(name));
  return structuredClone(built.get(name)!);
}

function buildReferenceFacts(name: string): HostFacts {
  const f = recordedFacts();
  const sysctlFiles = [
    {
      path: '/etc/sysctl.d/99-kubernetes-cri.conf',
      content:
        'net.ipv4.ip_forward = 1\nnet.bridge.bridge-nf-call-iptables = 1\nnet.bridge.bridge-nf-call-ip6tables = 1\nnet.netfilter.nf_conntrack_max = 100000\n',
    },
  ];
  const text = fx('containerd/reference-v2.toml');
  return {
    ...f,
    os: ok({ id: 'rocky', idLike: ['rhel', 'centos', 'fedora'], versionId: '8.6', prettyName: 'Rocky Linux 8.6 (Green Obsidian)', family: 'rhel' as const }),
    kernel: ok({ release: '4.18.0-372.9.1.el8.x86_64', machine: 'x86_64' }),
    cpus: ok(2),
    memTotalKiB: ok(3_880_192),
    swaps: ok([]),
    fstab: ok(parseFstab('/dev/mapper/rl-root / xfs defaults 0 0\n')),
    selinux: ok({ present: true, mode: 'permissive', configMode: { value: 'permissive', line: 7 } }),
    packages: ok(parsePackages(fx(REFERENCE_RPM))),
    services: ok(parseServices(fx(REFERENCE_SYSTEMCTL))),
    hostname: ok({ running: name, file: name }),
    interfaces: ok([
      { name: 'ens160', mac: name === 'master' ? '00:0c:29:00:00:04' : '00:0c:29:00:00:05', type: 1, physical: true, bridge: false, defaultRoute: true },
    ]),
    productUuid: ok(name === 'master' ? '564d0a1e-0000-0000-0000-000000000004' : '564d0a1e-0000-0000-0000-000000000005'),
    etcHosts: ok([
      { line: 3, address: '192.168.88.4', names: ['master'] },
      { line: 4, address: '192.168.88.5', names: ['node-0001'] },
    ]),
    resolution: ok({ master: ['192.168.88.4'], 'node-0001': ['192.168.88.5'] }),
    modules: ok({
      loaded: ['br_netfilter', 'xt_conntrack', 'ip_vs', 'ip_vs_rr', 'ip_vs_wrr', 'ip_vs_sh', 'nf_conntrack'],
      sys: [],
      builtin: [],
      procModules: true,
      persisted: ['br_netfilter', 'xt_conntrack', 'ip_vs', 'ip_vs_rr', 'ip_vs_wrr', 'ip_vs_sh', 'nf_conntrack'].map((m, i) => ({
        module: m,
        file: '/etc/modules-load.d/containerd.conf',
        line: i + 1,
      })),
    }),
    sysctls: ok({
      'net.ipv4.ip_forward': '1',
      'net.bridge.bridge-nf-call-iptables': '1',
      'net.bridge.bridge-nf-call-ip6tables': '1',
      'net.netfilter.nf_conntrack_max': '131072',
    }),
    sysctlFiles: ok({ files: sysctlFiles, settings: persistedSysctls(sysctlFiles) }),
    containerd: ok({ path: '/etc/containerd/config.toml', present: true, text, config: parseContainerdConfig(text), hostsToml: [] }),
    criSockets: ok({ '/run/containerd/containerd.sock': 'socket' as const }),
    listening: ok([{ address: '0.0.0.0', port: 22, family: 4 as const }]),
    timeSync: ok({ ntpSynchronized: true, timesyncdSynchronized: false, chronyLeap: 'Normal', raw: 'NTPSynchronized=yes' }),
    registry: ok({ host: 'harbor', port: 443, resolved: '192.168.88.3 harbor', tool: 'curl', reachable: true, detail: 'HTTPS answered (HTTP 401 on /v2/)' }),
    binaries: ok(
      Object.fromEntries(
        ['crictl', 'conntrack', 'ip', 'iptables', 'mount', 'nsenter', 'ebtables', 'ethtool', 'socat', 'tc', 'touch', 'cp', 'losetup'].map((b) => [
          b,
          `/usr/bin/${b}`,
        ]),
      ),
    ),
    kubelet: ok({ files: [] }),
  };
}

/** The reference control plane `master` and worker `node-0001`, each edited by `edit` before use. */
export function twoHosts(edit: (m: HostFacts, w: HostFacts) => void = () => {}): RunContext {
  const m = referenceFacts('master');
  const w = referenceFacts('node-0001');
  edit(m, w);
  return ctxFor([
    { spec: host('master', ['control-plane'], '192.168.88.4'), facts: m },
    { spec: host('node-0001', ['worker'], '192.168.88.5'), facts: w },
  ]);
}

const K = 'harbor:443/k8s';
const C = 'harbor:443/calico';
function pod(name: string, node: string, image: string, labels: Record<string, string> = {}, extra: Partial<PodInfo> = {}): PodInfo {
  return {
    namespace: 'kube-system',
    name,
    nodeName: node,
    phase: 'Running',
    ready: true,
    labels,
    images: [image],
    containers: [{ name: name.replace(/-[a-z0-9]+$/, ''), image, ready: true, restartCount: 0, state: 'running' }],
    ...extra,
  };
}

/** A healthy reference cluster as one snapshot: master (control plane) + node-0001, Calico v3.26.4, kube-proxy ipvs. */
export function referenceSnapshot(): ClusterSnapshot {
  const node = (name: string, cp: boolean, ip: string): NodeInfo => ({
    name,
    kubeletVersion: 'v1.29.2',
    addresses: [{ type: 'InternalIP', address: ip }],
    labels: { 'kubernetes.io/hostname': name, ...(cp ? { 'node-role.kubernetes.io/control-plane': '' } : {}) },
    taints: cp ? [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] : [],
    conditions: [
      { type: 'MemoryPressure', status: 'False' },
      { type: 'DiskPressure', status: 'False' },
      { type: 'PIDPressure', status: 'False' },
      { type: 'Ready', status: 'True', reason: 'KubeletReady' },
    ],
  });
  const pods: PodInfo[] = [
    pod('kube-apiserver-master', 'master', `${K}/kube-apiserver:v1.29.2`, { component: 'kube-apiserver' }, { advertise: '192.168.88.4' }),
    pod('kube-controller-manager-master', 'master', `${K}/kube-controller-manager:v1.29.2`, { component: 'kube-controller-manager' }),
    pod('kube-scheduler-master', 'master', `${K}/kube-scheduler:v1.29.2`, { component: 'kube-scheduler' }),
    pod('etcd-master', 'master', `${K}/etcd:3.5.10-0`, { component: 'etcd' }),
    ...['master', 'node-0001'].flatMap((n, i) => [
      pod(`kube-proxy-${i}abcd`, n, `${K}/kube-proxy:v1.29.2`, { 'k8s-app': 'kube-proxy' }),
      pod(`calico-node-${i}wxyz`, n, `${C}/node:v3.26.4`, { 'k8s-app': 'calico-node' }),
    ]),
    pod('coredns-76f75df574-abcde', 'node-0001', `${K}/coredns:v1.11.1`, { 'k8s-app': 'kube-dns' }),
    pod('calico-kube-controllers-7c968b5878-qwert', 'node-0001', `${C}/kube-controllers:v3.26.4`, { 'k8s-app': 'calico-kube-controllers' }),
  ];
  // fixed dates: the judges read daysLeft, and the verdicts are compared with a golden file
  return {
    server: 'https://192.168.88.4:6443',
    context: 'kubernetes-admin@kubernetes',
    user: 'kubernetes-admin',
    insecureSkipTlsVerify: false,
    version: 'v1.29.2',
    health: { livez: { status: 200, body: 'ok' }, readyz: { status: 200, body: 'ok' } },
    servingCert: { subject: 'CN=kube-apiserver', issuer: 'CN=kubernetes', notAfter: '2027-09-29T10:00:00.000Z', daysLeft: 300 },
    caCert: { subject: 'CN=kubernetes', issuer: 'CN=kubernetes', notAfter: '2035-02-18T10:00:00.000Z', daysLeft: 3000 },
    nodes: { ok: true, items: [node('master', true, '192.168.88.4'), node('node-0001', false, '192.168.88.5')] },
    pods: { ok: true, items: pods },
    workloads: {
      ok: true,
      items: [
        {
          kind: 'DaemonSet',
          namespace: 'kube-system',
          name: 'calico-node',
          images: [`${C}/node:v3.26.4`, `${C}/cni:v3.26.4`],
          desired: 2,
          ready: 2,
          available: 2,
          updated: 2,
        },
        {
          kind: 'DaemonSet',
          namespace: 'kube-system',
          name: 'kube-proxy',
          images: [`${K}/kube-proxy:v1.29.2`],
          desired: 2,
          ready: 2,
          available: 2,
          updated: 2,
        },
        {
          kind: 'Deployment',
          namespace: 'kube-system',
          name: 'calico-kube-controllers',
          images: [`${C}/kube-controllers:v3.26.4`],
          desired: 1,
          ready: 1,
          available: 1,
          updated: 1,
        },
        { kind: 'Deployment', namespace: 'kube-system', name: 'coredns', images: [`${K}/coredns:v1.11.1`], desired: 2, ready: 2, available: 2, updated: 2 },
      ],
    },
    configMaps: {
      'kube-proxy': {
        ok: true,
        data: { 'config.conf': 'apiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\nmode: ipvs\nipvs:\n  strictARP: true\n' },
      },
      'kubeadm-config': {
        ok: true,
        data: {
          ClusterConfiguration:
            'apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\nkubernetesVersion: v1.29.2\nimageRepository: harbor:443/k8s\nnetworking:\n  podSubnet: 10.244.0.0/16\n  serviceSubnet: 10.245.0.0/16\n',
        },
      },
      'kubelet-config': { ok: true, data: { kubelet: 'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\ncgroupDriver: systemd\n' } },
      'kube-flannel-cfg': { ok: false, status: 404, error: 'configmaps "kube-flannel-cfg" not found' },
    },
    dnsEndpoints: { ok: true, service: true, addresses: 2 },
    tokens: { ok: true, items: [{ name: 'bootstrap-token-abcdef', expiration: '2026-12-04T10:00:00.000Z', usages: ['authentication', 'signing'] }] },
    ipPools: { ok: true, items: [{ name: 'default-ipv4-ippool', cidr: '10.244.0.0/16' }] },
    events: { ok: true, items: [] },
    listCalls: 9,
    durationMs: 40,
  };
}

/** curl's answer as the probe records it (`<body> http=<code>`). */
export const CURL_OK = 'ok http=200';
export const CURL_REFUSED = "curl: (7) Failed to connect to 127.0.0.1 port 10259 after 0 ms: Couldn't connect to server  http=000";
export const IPVSADM_OK =
  'IP Virtual Server version 1.2.1 (size=4096)\nProt LocalAddress:Port Scheduler Flags\n  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\nTCP  10.245.0.1:443 rr\n  -> 192.168.88.4:6443            Masq    1      0          0';

/** Node-side facts of a healthy reference host after install. */
export function nodeSideFacts(name: string, cp: boolean): HostFacts {
  const f = referenceFacts(name);
  const ports = cp ? [22, 6443, 2379, 2380, 10250, 10256, 10257, 10259, 10249] : [22, 10250, 10256, 10249];
  f.listening = ok(ports.map((port) => ({ address: port === 10249 || port === 10257 || port === 10259 ? '127.0.0.1' : '0.0.0.0', port, family: 4 as const })));
  f.nodeHealth = ok({
    endpoints: {
      ...(cp ? { 'https://127.0.0.1:10259/healthz': CURL_OK, 'https://127.0.0.1:10257/healthz': CURL_OK } : {}),
      'http://127.0.0.1:10249/proxyMode': 'ipvs http=200',
    },
    ipvsadm: { rc: 0, output: IPVSADM_OK },
  });
  return f;
}

/** A post-install run context: the seeded snapshot and the two hosts' node-side facts, each editable. */
export function postCtx(
  edit: { snapshot?: (s: ClusterSnapshot) => void; hosts?: (m: HostFacts, w: HostFacts) => void; extra?: (c: ClusterExtra) => void } = {},
): RunContext {
  const s = referenceSnapshot();
  edit.snapshot?.(s);
  const m = nodeSideFacts('master', true);
  const w = nodeSideFacts('node-0001', false);
  edit.hosts?.(m, w);
  const ctx = ctxFor([
    { spec: host('master', ['control-plane'], '192.168.88.4'), facts: m },
    { spec: host('node-0001', ['worker'], '192.168.88.5'), facts: w },
  ]);
  const cluster: ClusterExtra = { snapshot: s };
  edit.extra?.(cluster);
  ctx.extra.cluster = cluster;
  return ctx;
}
