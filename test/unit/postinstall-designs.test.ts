// Post-install in the 1.13 style of 001 (ConfigMap kubelet-config-1.13, the master taint, flannel, ipvs without
// strictARP) and the 1.29 style of 000 (kubelet-config, the control-plane taint, Calico, strictARP), each judged right
// with its own shipped profile and wrong with the other's. The snapshot is what takeSnapshot keeps (lib/cluster/snapshot.ts).
// Stand-ins: a hand-built ClusterSnapshot in takeSnapshot's shape (no API server here; test/e2e/postinstall.test.ts has the real one).
import { describe, expect, it } from 'vitest';
import type { ClusterSnapshot, PodInfo, WorkloadInfo } from '../../lib/cluster/snapshot.ts';
import { buildProfile, type Profile } from '../../lib/config/profile.ts';
import { ctxFor, host, judge } from '../helpers/facts.ts';

const profile = (name: string) => buildProfile({ profileFile: new URL(`../../profiles/${name}`, import.meta.url).pathname });
const P001 = profile('001-centos7-docker-flannel.yaml');
const P000 = profile('000-rocky8-containerd-calico.yaml');

const pod = (ns: string, name: string, node: string, labels: Record<string, string>, image: string): PodInfo => ({
  namespace: ns,
  name,
  nodeName: node,
  phase: 'Running',
  ready: true,
  labels,
  images: [image],
  containers: [{ name: name.split('-')[0]!, image, ready: true, restartCount: 0, state: 'running' }],
});
const ok = <T>(items: T[]) => ({ ok: true as const, items });
const cm = (data: Record<string, string>, name: string, namespace = 'kube-system') => ({ ok: true as const, data, name, namespace });

function snapshot(style: '1.13' | '1.29', edit: (s: ClusterSnapshot) => void = () => {}): ClusterSnapshot {
  const old = style === '1.13';
  const nodes = ['k8s-master', 'k8s-node1'];
  const taintKey = old ? 'node-role.kubernetes.io/master' : 'node-role.kubernetes.io/control-plane';
  const flannel = (n: string, i: number) =>
    pod('kube-system', `kube-flannel-ds-amd64-${i}x`, n, { app: 'flannel', tier: 'node' }, 'quay.io/coreos/flannel:v0.10.0-amd64');
  const calico = (n: string, i: number) => pod('kube-system', `calico-node-${i}x`, n, { 'k8s-app': 'calico-node' }, 'harbor:443/calico/node:v3.26.4');
  const workloads: WorkloadInfo[] = old
    ? [
        {
          kind: 'DaemonSet',
          namespace: 'kube-system',
          name: 'kube-flannel-ds-amd64',
          images: ['quay.io/coreos/flannel:v0.10.0-amd64'],
          desired: 2,
          ready: 2,
          available: 2,
          updated: 2,
        },
      ]
    : [
        {
          kind: 'DaemonSet',
          namespace: 'kube-system',
          name: 'calico-node',
          images: ['harbor:443/calico/node:v3.26.4', 'harbor:443/calico/cni:v3.26.4'],
          desired: 2,
          ready: 2,
          available: 2,
          updated: 2,
        },
        {
          kind: 'Deployment',
          namespace: 'kube-system',
          name: 'calico-kube-controllers',
          images: ['harbor:443/calico/kube-controllers:v3.26.4'],
          desired: 1,
          ready: 1,
          available: 1,
          updated: 1,
        },
      ];
  const s = {
    server: 'https://10.0.0.1:6443',
    context: 'kubernetes-admin@kubernetes',
    user: 'kubernetes-admin',
    insecureSkipTlsVerify: false,
    health: {},
    nodes: ok(
      nodes.map((n, i) => ({
        name: n,
        labels: i === 0 ? { [old ? 'node-role.kubernetes.io/master' : 'node-role.kubernetes.io/control-plane']: '' } : {},
        taints: i === 0 ? [{ key: taintKey, effect: 'NoSchedule' }] : [],
        conditions: [{ type: 'Ready', status: 'True' }],
        kubeletVersion: old ? 'v1.13.1' : 'v1.29.2',
        addresses: [],
      })),
    ),
    pods: ok(nodes.map((n, i) => (old ? flannel : calico)(n, i))),
    workloads: ok(workloads),
    configMaps: {
      'kube-proxy': cm({ 'config.conf': old ? 'mode: "ipvs"\nipvs:\n  strictARP: false\n' : 'mode: ipvs\nipvs:\n  strictARP: true\n' }, 'kube-proxy'),
      'kubeadm-config': cm({}, 'kubeadm-config'),
      // what takeSnapshot read under the profile's name: kubelet-config-1.13 for 001, kubelet-config for 000
      'kubelet-config': cm(
        { kubelet: old ? 'kind: KubeletConfiguration\ncgroupDriver: cgroupfs\n' : 'kind: KubeletConfiguration\ncgroupDriver: systemd\n' },
        old ? 'kubelet-config-1.13' : 'kubelet-config',
      ),
      'kube-flannel-cfg': old
        ? cm({ 'net-conf.json': '{\n  "Network": "10.244.0.0/16",\n  "Backend": {\n    "Type": "vxlan"\n  }\n}\n' }, 'kube-flannel-cfg')
        : { ok: false as const, status: 404, error: 'not found', name: 'kube-flannel-cfg', namespace: 'kube-system' },
    },
    dnsEndpoints: { ok: true, service: true, addresses: 2 },
    tokens: ok([]),
    ipPools: ok([]),
    events: ok([]),
    listCalls: 0,
    durationMs: 0,
  } as unknown as ClusterSnapshot;
  edit(s);
  return s;
}

function verdicts(p: Profile, s: ClusterSnapshot, ids: string[]) {
  const ctx = ctxFor([{ spec: host('k8s-master') }], p);
  ctx.extra.cluster = { snapshot: s };
  const out: Record<string, string> = {};
  for (const id of ids) {
    const targets = id === 'CP-TAINT' ? ['k8s-master'] : ['*'];
    for (const t of targets) {
      const r = judge(id, ctx, t);
      out[id] = `${r.status}${r.reason ? ` (${r.reason})` : ''}: ${r.observed}`;
    }
  }
  return out;
}

const IDS = ['KUBELET-CONFIG', 'CP-TAINT', 'FLANNEL-READY', 'FLANNEL-CONFIG', 'CALICO-READY'];

describe('post-install, each style judged with its own profile', () => {
  it('1.13 style (001): kubelet-config-1.13 with cgroupfs, the master taint, flannel ready, net-conf.json = podSubnet; Calico skips', () => {
    const v = verdicts(P001, snapshot('1.13'), IDS);
    expect(v['KUBELET-CONFIG']).toMatch(/^pass: cgroupfs/);
    expect(v['CP-TAINT']).toMatch(/^pass/);
    expect(v['FLANNEL-READY']).toMatch(/^pass: flannel ready 2\/2/);
    expect(v['FLANNEL-CONFIG']).toMatch(/^pass: Network 10.244.0.0\/16, Backend vxlan/);
    expect(v['CALICO-READY']).toMatch(/^skip \(the profile's CNI is flannel, not calico\)/);
  });
  it('1.13 style: PROXY-IPVS without strictARP passes for 001, fails for 000', () => {
    const ctx = (p: Profile) => {
      const c = ctxFor([], p);
      c.extra.cluster = { snapshot: snapshot('1.13') };
      return c;
    };
    expect(judge('PROXY-IPVS', ctx(P001), '*')).toMatchObject({ status: 'pass' });
    expect(judge('PROXY-IPVS', ctx(P000), '*')).toMatchObject({ status: 'fail', observed: 'ipvs.strictARP false ≠ true' });
  });
  it('1.29 style (000): kubelet-config systemd, the control-plane taint, Calico ready; FLANNEL-* skip', () => {
    const v = verdicts(P000, snapshot('1.29'), IDS);
    expect(v['KUBELET-CONFIG']).toMatch(/^pass: systemd/);
    expect(v['CP-TAINT']).toMatch(/^pass/);
    expect(v['CALICO-READY']).toMatch(/^pass/);
    expect(v['FLANNEL-READY']).toMatch(/^skip \(the profile's CNI is calico, not flannel\)/);
    expect(v['FLANNEL-CONFIG']).toMatch(/^skip/);
  });
  it('the wrong profile for the style fails: a 1.13 cluster judged as 1.29 has the wrong taint and driver', () => {
    const v = verdicts(P000, snapshot('1.13'), ['KUBELET-CONFIG', 'CP-TAINT']);
    expect(v['KUBELET-CONFIG']).toMatch(/^fail: cgroupfs/);
    expect(v['CP-TAINT']).toMatch(/^warn: no control-plane NoSchedule taint/);
  });
  it('flannel faults: a node without its pod, a DaemonSet not ready, Network ≠ podSubnet, another Backend', () => {
    const s = snapshot('1.13', (x) => {
      (x.workloads as { items: WorkloadInfo[] }).items[0]!.ready = 1;
      (x.pods as { items: PodInfo[] }).items.pop();
      (x.configMaps['kube-flannel-cfg'] as { data: Record<string, string> }).data['net-conf.json'] =
        '{ "Network": "10.10.0.0/16", "Backend": { "Type": "host-gw" } }';
    });
    const ctx = ctxFor([], P001);
    ctx.extra.cluster = { snapshot: s };
    expect(judge('FLANNEL-READY', ctx, '*')).toMatchObject({ status: 'fail', observed: 'flannel ready 1/2' });
    expect(judge('FLANNEL-READY', ctx, 'k8s-node1')).toMatchObject({ status: 'fail', observed: 'no flannel pod on k8s-node1' });
    expect(judge('FLANNEL-CONFIG', ctx, '*')).toMatchObject({
      status: 'fail',
      observed: 'Network 10.10.0.0/16 ≠ podSubnet 10.244.0.0/16; Backend host-gw ≠ vxlan',
    });
    const gone = snapshot('1.13', (x) => {
      x.configMaps['kube-flannel-cfg'] = { ok: false, status: 404, error: 'not found', name: 'kube-flannel-cfg', namespace: 'kube-system' };
    });
    ctx.extra.cluster = { snapshot: gone };
    expect(judge('FLANNEL-CONFIG', ctx, '*')).toMatchObject({ status: 'fail', observed: expect.stringMatching(/not found/) });
  });
});

describe('node-side checks per version', () => {
  it('CP-HEALTHZ asks where kubeadm 1.13 probes (HTTP 10251/10252) for 001, HTTPS 10259/10257 for 000', async () => {
    const { recordedFacts } = await import('../helpers/facts.ts');
    const f = recordedFacts();
    f.nodeHealth = {
      ok: true,
      value: {
        endpoints: {
          'http://127.0.0.1:10251/healthz': 'ok http=200',
          'http://127.0.0.1:10252/healthz': 'ok http=200',
          'https://127.0.0.1:10259/healthz': 'curl: (7) Failed to connect http=000',
          'https://127.0.0.1:10257/healthz': 'curl: (7) Failed to connect http=000',
        },
        ipvsadm: { rc: 0, output: '' },
      },
    };
    const at = (p: Profile) => judge('CP-HEALTHZ', ctxFor([{ spec: host('k8s-master'), facts: f }], p), 'k8s-master');
    expect(at(P001)).toMatchObject({ status: 'pass' });
    expect(at(P000)).toMatchObject({ status: 'fail', observed: 'not healthy: kube-scheduler, kube-controller-manager' });
  });
});
