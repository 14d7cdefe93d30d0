// The post-install judges that depend on the kubeadm version (lib/kubeadm/versions.ts), each on both sides:
// a cluster built the 1.13 way (document 001) and the 1.29 way (the reference design), judged with the
// profile's kubernetesVersion.
// Stand-ins: the cluster snapshots are hand-built objects of the shape lib/cluster/snapshot.ts reads, and the node-side
// facts are the recorded Debian 12 probe run with nodeHealth, listening and criSockets replaced per case.
import { describe, expect, it } from 'vitest';
import type { ClusterSnapshot, NodeInfo } from '../../lib/cluster/snapshot.ts';
import { defaultProfile, type Profile } from '../../lib/config/profile.ts';
import { ctxFor, host, judge, ok, recordedFacts } from '../helpers/facts.ts';

const profile = (kubernetesVersion: string): Profile => ({ ...defaultProfile(), kubernetesVersion });
const node = (name: string, labels: Record<string, string>, taints: NodeInfo['taints']): NodeInfo => ({
  name,
  labels,
  taints,
  conditions: [{ type: 'Ready', status: 'True' }] as NodeInfo['conditions'],
  kubeletVersion: 'v1.13.1',
  addresses: [],
});
function snapshot(nodes: NodeInfo[], kubeletCm: Record<string, string> | undefined): ClusterSnapshot {
  const no = { ok: false as const, error: 'not read' };
  return {
    server: 'https://192.0.2.4:6443',
    context: 'test',
    user: 'admin',
    insecureSkipTlsVerify: false,
    health: {},
    nodes: { ok: true, items: nodes },
    pods: { ok: true, items: [] },
    workloads: { ok: true, items: [] },
    configMaps: {
      'kube-proxy': no,
      'kubeadm-config': no,
      'kubelet-config': kubeletCm ? { ok: true, data: kubeletCm } : { ok: false, status: 404, error: 'configmaps "kubelet-config" not found' },
      'kube-flannel-cfg': { ok: false, status: 404, error: 'configmaps "kube-flannel-cfg" not found' },
    },
    dnsEndpoints: no,
    tokens: { ok: true, items: [] },
    ipPools: { ok: true, items: [] },
    events: { ok: true, items: [] },
    listCalls: 0,
    durationMs: 0,
  };
}
const ctxWith = (version: string, s: ClusterSnapshot) => {
  const ctx = ctxFor([{ spec: host('master'), facts: recordedFacts() }], profile(version));
  ctx.extra.cluster = { snapshot: s };
  return ctx;
};
const master113 = node('master', { 'node-role.kubernetes.io/master': '' }, [{ key: 'node-role.kubernetes.io/master', effect: 'NoSchedule' }]);
const master129 = node('master', { 'node-role.kubernetes.io/control-plane': '' }, [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]);

describe('CP-TAINT follows the version', () => {
  it('1.13: the master taint passes', () =>
    expect(judge('CP-TAINT', ctxWith('v1.13.1', snapshot([master113], undefined)), 'master')).toMatchObject({
      status: 'pass',
      expected: 'node-role.kubernetes.io/master:NoSchedule',
    }));
  it('1.29: the master taint alone warns, with a remediation for the right key', () => {
    const r = judge('CP-TAINT', ctxWith('v1.29.2', snapshot([master113], undefined)), 'master');
    expect(r).toMatchObject({ status: 'warn', expected: 'node-role.kubernetes.io/control-plane:NoSchedule' });
    expect(r.remediation).toBe('kubectl taint nodes master node-role.kubernetes.io/control-plane:NoSchedule');
  });
  it('1.29: the control-plane taint passes; 1.13 does not accept it', () => {
    expect(judge('CP-TAINT', ctxWith('v1.29.2', snapshot([master129], undefined)), 'master').status).toBe('pass');
    expect(judge('CP-TAINT', ctxWith('v1.13.1', snapshot([master129], undefined)), 'master').status).toBe('warn');
  });
  it('1.24: either key passes', () => {
    expect(judge('CP-TAINT', ctxWith('v1.24.17', snapshot([master113], undefined)), 'master').status).toBe('pass');
    expect(judge('CP-TAINT', ctxWith('v1.24.17', snapshot([master129], undefined)), 'master').status).toBe('pass');
  });
  it('an unknown version is an error that says so, never a pass', () => {
    expect(judge('CP-TAINT', ctxWith('v1.12.0', snapshot([master113], undefined)), 'master')).toMatchObject({
      status: 'error',
      reason: expect.stringMatching(/^unknown kubeadm version "v1.12.0": minor 12 is out of range/),
    });
  });
});

describe('KUBELET-CONFIG reads the ConfigMap kubeadm named', () => {
  const cm = (driver: string) => ({ kubelet: `kind: KubeletConfiguration\ncgroupDriver: ${driver}\n` });
  it('1.13: kubelet-config-1.13 with systemd passes and names the ConfigMap', () => {
    expect(judge('KUBELET-CONFIG', ctxWith('v1.13.1', snapshot([master113], cm('systemd'))), '*')).toMatchObject({
      status: 'pass',
      evidence: ['kubelet-config-1.13: cgroupDriver: systemd'],
    });
  });
  it('1.13: cgroupfs fails, the remediation edits kubelet-config-1.13', () => {
    const r = judge('KUBELET-CONFIG', ctxWith('v1.13.1', snapshot([master113], cm('cgroupfs'))), '*');
    expect(r.status).toBe('fail');
    expect(r.remediation).toMatch(/edit cm kubelet-config-1\.13 /);
  });
  it('1.29: kubelet-config as before', () => {
    expect(judge('KUBELET-CONFIG', ctxWith('v1.29.2', snapshot([master129], cm('systemd'))), '*')).toMatchObject({
      status: 'pass',
      evidence: ['kubelet-config: cgroupDriver: systemd'],
    });
    expect(judge('KUBELET-CONFIG', ctxWith('v1.29.2', snapshot([master129], undefined)), '*')).toMatchObject({
      status: 'error',
      reason: expect.stringMatching(/cannot read ConfigMap kube-system\/kubelet-config: /),
    });
  });
});

describe("CP-HEALTHZ and CP-PORTS use the version's ports", () => {
  const withNode = (version: string, endpoints: Record<string, string>, ports: number[]) => {
    const f = recordedFacts();
    f.nodeHealth = ok({ endpoints, ipvsadm: { rc: 0, output: '' } });
    f.listening = ok(ports.map((port) => ({ port, address: '127.0.0.1', family: 4 as const })));
    const ctx = ctxFor([{ spec: host('master'), facts: f }], profile(version));
    ctx.extra.cluster = { snapshot: snapshot([master113], undefined) };
    return ctx;
  };
  const secure = {
    'https://127.0.0.1:10259/healthz': 'ok http=200',
    'https://127.0.0.1:10257/healthz': 'ok http=200',
    'http://127.0.0.1:10251/healthz': 'curl: (7) Failed to connect http=000',
    'http://127.0.0.1:10252/healthz': 'curl: (7) Failed to connect http=000',
  };
  const insecure = {
    'https://127.0.0.1:10259/healthz': 'curl: (7) Failed to connect http=000',
    'https://127.0.0.1:10257/healthz': 'curl: (7) Failed to connect http=000',
    'http://127.0.0.1:10251/healthz': 'ok http=200',
    'http://127.0.0.1:10252/healthz': 'ok http=200',
  };
  it('1.13: 10251/10252 over HTTP pass, the secure ports alone fail', () => {
    expect(judge('CP-HEALTHZ', withNode('v1.13.1', insecure, []), 'master').status).toBe('pass');
    expect(judge('CP-HEALTHZ', withNode('v1.13.1', secure, []), 'master')).toMatchObject({
      status: 'fail',
      observed: 'not healthy: kube-scheduler, kube-controller-manager',
    });
  });
  it('1.29: 10259/10257 over HTTPS pass, the insecure ones alone fail', () => {
    expect(judge('CP-HEALTHZ', withNode('v1.29.2', secure, []), 'master').status).toBe('pass');
    expect(judge('CP-HEALTHZ', withNode('v1.29.2', insecure, []), 'master').status).toBe('fail');
  });
  it('CP-PORTS: a 1.13 control plane also listens on 10251/10252', () => {
    const p129 = [6443, 2379, 2380, 10250, 10256, 10257, 10259];
    expect(judge('CP-PORTS', withNode('v1.29.2', secure, p129), 'master').status).toBe('pass');
    expect(judge('CP-PORTS', withNode('v1.13.1', insecure, p129), 'master')).toMatchObject({ status: 'fail', observed: 'not listening: 10251, 10252' });
    expect(judge('CP-PORTS', withNode('v1.13.1', insecure, [...p129, 10251, 10252]), 'master').status).toBe('pass');
  });
  it('HOST-PORTS-FREE: kubeadm 1.13 preflight wants 10251/10252 free, 1.29 wants 10259/10257', () => {
    expect(judge('HOST-PORTS-FREE', withNode('v1.13.1', secure, [10251]), 'master')).toMatchObject({ status: 'fail', observed: 'in use: 10251' });
    expect(judge('HOST-PORTS-FREE', withNode('v1.29.2', secure, [10251]), 'master').status).toBe('pass');
    expect(judge('HOST-PORTS-FREE', withNode('v1.29.2', secure, [10259]), 'master')).toMatchObject({ status: 'fail', observed: 'in use: 10259' });
  });
});

describe('HOST-CRI-SOCKET: the dockershim socket only up to 1.23', () => {
  const withSocket = (version: string, criSocket: string) => {
    const f = recordedFacts();
    f.criSockets = ok({ '/var/run/dockershim.sock': 'socket', '/run/dockershim.sock': 'socket' });
    return ctxFor([{ spec: host('master'), facts: f }], { ...profile(version), criSocket });
  };
  it('1.13 with Docker (document 001) passes', () =>
    expect(judge('HOST-CRI-SOCKET', withSocket('v1.13.1', '/var/run/dockershim.sock'), 'master').status).toBe('pass'));
  it('1.24 with the dockershim socket fails and says why, even though the socket exists', () => {
    const r = judge('HOST-CRI-SOCKET', withSocket('v1.24.0', 'unix:///var/run/dockershim.sock'), 'master');
    expect(r).toMatchObject({ status: 'fail', observed: expect.stringMatching(/dockershim was removed .* cri-dockerd/) });
  });
});
