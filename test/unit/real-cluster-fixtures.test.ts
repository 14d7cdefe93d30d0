// The post-install requirements (19, and FLANNEL-READY/-CONFIG since the designs) judged on API snapshots and node facts RECORDED from the lab's real kubeadm
// cluster (test/e2e/real-cluster.test.ts with KV_RECORD_FIXTURES=1: each run's scrubbed evidence bundle,
// reports/.run/context.json). No cluster needed: these run in milliseconds. Each state is a real one — healthy,
// and every breakage the e2e test makes — plus, for the requirements no real breakage here reaches, the healthy
// snapshot with one fact changed (named in the test), so that every requirement has a passing and a failing case.
// Stand-ins: none — the snapshots were recorded from the lab's real cluster; a few failing cases edit one fact of them.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ClusterExtra } from '../../lib/cluster/snapshot.ts';
import { evaluate, type RunContext } from '../../lib/requirements/define.ts';
import { requirements } from '../../lib/requirements/index.ts';
import { NEEDS_INVENTORY } from '../../lib/requirements/postinstall/checks.ts';
import { readRunFile } from '../../lib/run/context-file.ts';
import type { Result } from '../../lib/types.ts';
import { ROOT } from '../helpers/run-cli.ts';

const DIR = join(ROOT, 'fixtures/real-cluster');
const load = (name: string): RunContext => readRunFile(join(DIR, `${name}.context.json`)).ctx;
function judge(ctx: RunContext): Result[] {
  const out: Result[] = [];
  for (const req of requirements('postinstall')) for (const t of req.targets(ctx)) out.push(evaluate(req, ctx, t));
  return out;
}
const table = (rs: Result[]) => Object.fromEntries(rs.map((r) => [`${r.id} [${r.host}]`, r.status]));
const snap = (ctx: RunContext) => (ctx.extra.cluster as ClusterExtra).snapshot!;
const get = (rs: Result[], id: string, host = '*') => {
  const r = rs.find((x) => x.id === id && x.host === host);
  if (!r) throw new Error(`no result ${id} [${host}]`);
  return r;
};
/** every result of a state: 'pass' unless listed (CALICO-* skip: the lab's CNI is flannel) */
function expectStatuses(rs: Result[], want: Record<string, string>, dataplane = 'skip'): void {
  const exp: Record<string, string> = { 'CALICO-READY [*]': 'skip', 'CALICO-IPPOOL [*]': 'skip', 'DATAPLANE [*]': dataplane, ...want };
  const got = table(rs);
  const wrong = Object.entries(got)
    .filter(([k, v]) => v !== (exp[k] ?? 'pass'))
    .map(([k, v]) => `${k}: ${v}, want ${exp[k] ?? 'pass'} — ${rs.find((r) => `${r.id} [${r.host}]` === k)?.observed}`);
  expect(wrong).toEqual([]);
}

describe('recorded real cluster: the states the e2e test made', () => {
  it('every post-install requirement is judged on every recorded state', () => {
    const states = readdirSync(DIR).filter((f) => f.endsWith('.context.json'));
    expect(states.length).toBeGreaterThanOrEqual(8);
    for (const f of states) expect(new Set(judge(load(f.replace('.context.json', ''))).map((r) => r.id)).size, f).toBe(requirements('postinstall').length);
  });

  it('healthy: every requirement passes (CALICO-* skip: the CNI is flannel)', () => {
    const rs = judge(load('healthy'));
    expectStatuses(rs, {});
    expect(get(rs, 'KUBELET-CONFIG').observed).toMatch(/cgroupfs/);
    expect(get(rs, 'PROXY-IPVS', 'master').observed).toBe('kube-proxy reports iptables');
  });

  it('dataplane: the probes of the real pod network, all OK', () => {
    const rs = judge(load('dataplane'));
    expectStatuses(rs, {}, 'pass');
    expect(get(rs, 'DATAPLANE').evidence.filter((l) => l.startsWith('OK '))).toHaveLength(6);
  });

  it('reference design profile on the lab cluster: iptables ≠ ipvs, cgroupfs ≠ systemd, 1.29.15 ≠ 1.29.2, no Calico', () => {
    const rs = judge(load('reference'));
    expect(get(rs, 'PROXY-IPVS')).toMatchObject({ status: 'fail', observed: expect.stringMatching(/mode iptables ≠ ipvs/) });
    expect(get(rs, 'KUBELET-CONFIG').status).toBe('fail');
    expect(get(rs, 'NODES-VERSION', 'node-0001').status).toBe('fail');
    expect(get(rs, 'KUBEADM-CONFIG').status).toBe('fail');
    expect(get(rs, 'CALICO-READY').status).toBe('fail');
    // flannel's images are not under the reference design's harbor:443/calico
    expect(get(rs, 'PODS-IMAGES')).toMatchObject({ status: 'warn', observed: expect.stringMatching(/image\(s\) from elsewhere/) });
  });

  it('CoreDNS scaled to 0: DNS-READY fails, nothing else', () => {
    const rs = judge(load('coredns-zero'));
    expectStatuses(rs, { 'DNS-READY [*]': 'fail' });
  });

  it('a pod with a missing image and one with a missing init image: PODS-RUNNING on node-0001 names both', () => {
    const rs = judge(load('missing-image'));
    expectStatuses(rs, { 'PODS-RUNNING [node-0001]': 'fail' });
    const o = get(rs, 'PODS-RUNNING', 'node-0001').observed;
    expect(o).toMatch(/kv-missing-image (ImagePullBackOff|ErrImagePull)/);
    expect(o).toMatch(/kv-missing-init-image Init:(ImagePullBackOff|ErrImagePull)/);
  });

  it('kube-proxy ConfigMap edited to ipvs: PROXY-IPVS [*] fails, the running kube-proxies still report iptables', () => {
    const rs = judge(load('proxy-cm-ipvs'));
    expectStatuses(rs, { 'PROXY-IPVS [*]': 'fail' });
  });

  it('a cordoned worker: only the dataplane, which cannot place its 2 pods on 2 nodes (error: not evaluated)', () => {
    const rs = judge(load('cordoned'));
    expectStatuses(rs, {}, 'error');
    expect(get(rs, 'DATAPLANE').reason).toMatch(/not Ready on 2 different nodes/);
  });

  it('a stopped kubelet: NODES-READY and CP-PORTS fail for node-0002', () => {
    const rs = judge(load('kubelet-stopped'));
    // its pods keep running without a kubelet (kube-proxy still answers 10256), but the node lifecycle controller
    // marks them not ready
    // (flannel's pod there too: FLANNEL-READY names it)
    expectStatuses(rs, {
      'NODES-READY [node-0002]': 'fail',
      'CP-PORTS [node-0002]': 'fail',
      'PODS-RUNNING [node-0002]': 'fail',
      'FLANNEL-READY [*]': 'fail',
      'FLANNEL-READY [node-0002]': 'fail',
    });
    expect(get(rs, 'FLANNEL-READY', 'node-0002').observed).toMatch(/^kube-flannel-ds-\w+ not ready$/);
    expect(get(rs, 'NODES-READY', 'node-0002').observed).toBe('Ready=Unknown');
    expect(get(rs, 'CP-PORTS', 'node-0002').observed).toBe('not listening: 10250');
  });

  it('a worker refused for an expired token: NODES-REGISTERED fails for it', () => {
    const rs = judge(load('token-expired'));
    // the host is still in the inventory: nothing of Kubernetes runs on it any more; the flannel DaemonSet's status
    // still counted the deleted node's pod when the snapshot was taken (2 of 3 ready)
    expectStatuses(rs, {
      'NODES-REGISTERED [node-0002]': 'fail',
      'CP-PORTS [node-0002]': 'fail',
      'PROXY-IPVS [node-0002]': 'fail',
      'FLANNEL-READY [*]': 'fail',
    });
    expect(get(rs, 'NODES-REGISTERED', 'node-0002')).toMatchObject({ status: 'fail', observed: 'no Node named node-0002' });
  });
});

describe("recorded real cluster: flannel (001's CNI) broken and repaired", () => {
  it("net-conf.json's Network edited: FLANNEL-CONFIG fails naming both subnets, nothing else", () => {
    const rs = judge(load('flannel-netconf'));
    expectStatuses(rs, { 'FLANNEL-CONFIG [*]': 'fail' });
    expect(get(rs, 'FLANNEL-CONFIG').observed).toBe('Network 10.99.0.0/16 ≠ podSubnet 10.244.0.0/16');
  });
  it('rolled out to an image the registry lacks: FLANNEL-READY fails for the DaemonSet and the one node whose pod waits', () => {
    const rs = judge(load('flannel-bad-image'));
    const bad = rs.find((r) => r.id === 'FLANNEL-READY' && r.host !== '*' && r.status === 'fail')!;
    expect(bad.observed).toMatch(/Init:(ImagePullBackOff|ErrImagePull)/);
    expectStatuses(rs, { 'FLANNEL-READY [*]': 'fail', [`FLANNEL-READY [${bad.host}]`]: 'fail', [`PODS-RUNNING [${bad.host}]`]: 'fail' });
    expect(get(rs, 'FLANNEL-READY').observed).toMatch(/flannel ready 2\/3; flannel image\(s\) harbor:443\/flannel-io\/flannel:v0\.99\.0 ≠ v0\.28\.10/);
  });
  it('rolled back: every requirement passes again', () => {
    expectStatuses(judge(load('flannel-rolled-back')), {});
  });
});

describe('recorded real cluster, one fact changed: the failing cases no real breakage here reaches', () => {
  const mutate = (f: (ctx: RunContext) => void) => {
    const ctx = load('healthy');
    f(ctx);
    return judge(ctx);
  };
  it('CP-APISERVER: /readyz 500', () => {
    expect(
      get(
        mutate((c) => (snap(c).health.readyz = { status: 500, body: '[-]etcd failed' })),
        'CP-APISERVER',
      ).status,
    ).toBe('fail');
  });
  it('CP-COMPONENTS: kube-scheduler-master Pending', () => {
    const rs = mutate((c) => {
      const s = snap(c);
      if (s.pods.ok) s.pods.items.find((p) => p.name === 'kube-scheduler-master')!.phase = 'Pending';
    });
    expect(get(rs, 'CP-COMPONENTS', 'master')).toMatchObject({ status: 'fail', observed: expect.stringMatching(/kube-scheduler-master Pending/) });
  });
  it('CP-HEALTHZ: the scheduler endpoint refuses', () => {
    const rs = mutate((c) => {
      const nh = c.hosts.find((h) => h.spec.name === 'master')!.facts!.nodeHealth as { value?: { endpoints: Record<string, string> } };
      nh.value!.endpoints['https://127.0.0.1:10259/healthz'] = 'error: connection refused';
    });
    expect(get(rs, 'CP-HEALTHZ', 'master')).toMatchObject({ status: 'fail', observed: 'not healthy: kube-scheduler' });
  });
  it('PODS-IMAGES: a kube-system image from docker.io', () => {
    const rs = mutate((c) => {
      const s = snap(c);
      if (s.pods.ok) s.pods.items[0]!.images = ['docker.io/library/nginx:1.25'];
    });
    expect(get(rs, 'PODS-IMAGES')).toMatchObject({ status: 'warn', observed: '1 image(s) from elsewhere' });
  });
  it('CERTS-EXPIRY: the serving certificate with 10 days left (warn) and expired (fail)', () => {
    expect(
      get(
        mutate((c) => (snap(c).servingCert!.daysLeft = 10)),
        'CERTS-EXPIRY',
      ).status,
    ).toBe('warn');
    expect(
      get(
        mutate((c) => (snap(c).servingCert!.daysLeft = -1)),
        'CERTS-EXPIRY',
      ).status,
    ).toBe('fail');
  });
  it('TOKENS-TTL: a token that never expires', () => {
    const rs = mutate((c) => {
      const s = snap(c);
      if (s.tokens.ok) s.tokens.items.push({ ...s.tokens.items[0]!, name: 'bootstrap-token-forevr', expiration: undefined });
    });
    expect(get(rs, 'TOKENS-TTL')).toMatchObject({ status: 'warn', observed: expect.stringMatching(/bootstrap-token-forevr/) });
  });
  it('CP-TAINT: the control-plane taint removed', () => {
    const rs = mutate((c) => {
      const s = snap(c);
      if (s.nodes.ok) s.nodes.items.find((n) => n.name === 'master')!.taints = [];
    });
    expect(get(rs, 'CP-TAINT', 'master').status).toBe('warn');
  });
  it('NODES-VERSION: a kubelet one patch behind', () => {
    const rs = mutate((c) => {
      const s = snap(c);
      if (s.nodes.ok) s.nodes.items.find((n) => n.name === 'node-0001')!.kubeletVersion = 'v1.29.14';
    });
    expect(get(rs, 'NODES-VERSION', 'node-0001').status).toBe('fail');
  });
});

describe('post-install without an inventory (this machine, the local transport)', () => {
  const local = (name: string) => {
    const ctx = load('healthy');
    const spec = { ...ctx.hosts[0]!.spec, name, address: '127.0.0.1', transport: 'local' as const, roles: ['control-plane' as const] };
    ctx.hosts = [{ spec, facts: ctx.hosts.find((h) => h.spec.name === name)?.facts ?? ctx.hosts[0]!.facts }];
    ctx.inventory = [spec];
    return judge(ctx);
  };
  it('a machine that is not a Node (a CI runner): node-side checks skip with "needs --inventory", never a control-plane verdict', () => {
    const rs = local('ci-runner');
    for (const id of ['CP-HEALTHZ', 'CP-PORTS', 'NODES-REGISTERED'])
      expect(get(rs, id, 'ci-runner'), id).toMatchObject({ status: 'skip', reason: NEEDS_INVENTORY });
    expect(get(rs, 'PROXY-IPVS', 'ci-runner')).toMatchObject({ status: 'skip', reason: NEEDS_INVENTORY });
    expect(get(rs, 'NODES-READY', 'master').status).toBe('pass'); // the API-side checks still judge the cluster
  });
  it("run on a worker Node itself: judged as that worker (its ports, not the control plane's)", () => {
    const rs = local('node-0001');
    expect(get(rs, 'CP-PORTS', 'node-0001')).toMatchObject({ status: 'pass', expected: 'listening: 10250, 10256' });
    expect(rs.some((r) => r.id === 'CP-HEALTHZ' && r.host === 'node-0001')).toBe(false);
    expect(get(rs, 'NODES-REGISTERED', 'node-0001').status).toBe('pass');
  });
});
