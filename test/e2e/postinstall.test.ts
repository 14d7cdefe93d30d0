// The postinstall phase end to end: the real CLI against a REAL kube-apiserver 1.29 + etcd (the healthy cluster
// also runs a real kube-scheduler and kube-controller-manager on the machine's loopback), seeded with a healthy
// reference cluster and a broken one, and real sshd lab hosts for the node-side facts.
// Stand-ins (not running programs; each named here):
// - kubelets, Calico and CoreDNS: the API objects, status and endpoints they would produce (test/helpers/seed-cluster.ts);
// - on the lab hosts, socat HTTP listeners on 127.0.0.1: :10259 /healthz (kube-scheduler) and :10257 /healthz
//   (kube-controller-manager) over TLS, :10249 /proxyMode (kube-proxy); each answers only that path (404 on any other);
// - ipvsadm -Ln: a script printing what kube-proxy in ipvs mode programs (this kernel has no ip_vs);
// - other component ports (6443, 2379, 2380, 10250, 10256): socat listeners that accept and close.
// The broken cluster's control-plane host `master-down` has no scheduler and no controller-manager stand-in at all:
// its /healthz requests are refused for real, as on a host where those static pods are not running.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { labUp, type LabHandle, type LabHostSpec } from '../../lab/lab.ts';
import { startControlPlane, type ControlPlane } from '../../lab/k8s/controlplane.ts';
import { freePort } from '../helpers/sshd.ts';
import { mismatches, ROOT, runCli, type Expectations } from '../helpers/run-cli.ts';
import { seedCluster, type SeedOptions } from '../helpers/seed-cluster.ts';
import { requirements } from '../../lib/requirements/index.ts';

const POSTINSTALL_IDS = requirements('postinstall').map((q) => q.id);

const isRoot = process.getuid?.() === 0;
if (!isRoot && process.env.CI) throw new Error('the postinstall e2e tests need root (lab namespaces); CI runs as root');
const d = isRoot ? describe : describe.skip;

const NODES: SeedOptions['nodes'] = [
  { name: 'master', controlPlane: true, ip: '192.168.88.4' },
  { name: 'node-0001', ip: '192.168.88.5' },
  { name: 'node-0002', ip: '192.168.88.6' },
  { name: 'node-0003', ip: '192.168.88.7' },
];
const IPVSADM = `#!/bin/sh
# lab stand-in for ipvsadm -Ln (this kernel has no ip_vs): what kube-proxy in ipvs mode programs
cat <<'EOF'
IP Virtual Server version 1.2.1 (size=4096)
Prot LocalAddress:Port Scheduler Flags
  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn
TCP  10.245.0.1:443 rr
  -> 192.168.88.4:6443            Masq    1      0          0
TCP  10.245.0.10:53 rr
UDP  10.245.0.10:53 rr
EOF
`;

function nodeHost(name: string, cp: boolean): LabHostSpec {
  return {
    name,
    roles: [cp ? 'control-plane' : 'worker'],
    listen: cp ? [6443, 2379, 2380, 10250, 10256] : [10250, 10256],
    http: [
      ...(cp
        ? [
            { port: 10259, tls: true, path: '/healthz', body: 'ok' },
            { port: 10257, tls: true, path: '/healthz', body: 'ok' },
          ]
        : []),
      { port: 10249, path: '/proxyMode', body: 'ipvs' },
    ],
    files: { '/usr/local/bin/ipvsadm': IPVSADM },
  };
}

// FLANNEL-* skip: the seeded clusters are the reference design's (Calico)
const FLANNEL_SKIPS = { 'FLANNEL-READY': { '*': 'skip' }, 'FLANNEL-CONFIG': { '*': 'skip' } } as const;
const HEALTHY: Expectations = { default: 'pass', DATAPLANE: { '*': 'skip' }, ...FLANNEL_SKIPS };
const BROKEN: Expectations = {
  default: 'pass',
  ...FLANNEL_SKIPS,
  DATAPLANE: { '*': 'skip' },
  'NODES-READY': { 'node-0001': 'fail' },
  'NODES-REGISTERED': { 'node-0004': 'fail' },
  'NODES-VERSION': { 'node-0002': 'fail' },
  'PODS-RUNNING': { 'node-0002': 'fail', 'node-0003': 'fail' },
  'CALICO-READY': { '*': 'fail', 'node-0003': 'fail' },
  'CP-HEALTHZ': { master: 'fail' },
  'DNS-READY': { '*': 'pass' },
  'PROXY-IPVS': { '*': 'fail' },
  'KUBEADM-CONFIG': { '*': 'fail' },
  'TOKENS-TTL': { '*': 'warn' },
  'CERTS-EXPIRY': { '*': 'warn' },
  'CP-PORTS': { master: 'fail', 'node-0004': 'error' },
};

d('postinstall against a real kube-apiserver', () => {
  let healthy: ControlPlane;
  let broken: ControlPlane;
  let lab: LabHandle;
  let brokenInventory: string;
  const init = join(ROOT, 'fixtures/kubeadm/init.yaml');

  beforeAll(async () => {
    const base = mkdtempSync(join(tmpdir(), 'kv-cp-'));
    [healthy, broken] = await Promise.all([
      startControlPlane({ dir: join(base, 'healthy'), withScheduler: true, withControllerManager: true }),
      startControlPlane({ dir: join(base, 'broken'), servingCertDays: 10 }),
    ]);
    await seedCluster(healthy.adminKubeconfig, { nodes: NODES });
    await seedCluster(broken.adminKubeconfig, {
      nodes: NODES,
      broken: {
        notReady: 'node-0001',
        kubeletVersion: { 'node-0002': 'v1.28.9' },
        imagePull: 'node-0002',
        crashLoop: 'node-0003',
        calicoUnready: 'node-0003',
        proxyMode: 'iptables',
        strictARP: false,
        podSubnet: '10.100.0.0/16',
        tokenNoExpiry: true,
      },
    });
    // master-down: the broken cluster's control-plane host, where neither the scheduler nor the controller-manager runs
    const down: LabHostSpec = { ...nodeHost('master-down', true), http: [{ port: 10249, path: '/proxyMode', body: 'ipvs' }] };
    lab = await labUp({
      id: 'pi',
      hosts: [
        nodeHost('master', true),
        nodeHost('node-0001', false),
        nodeHost('node-0002', false),
        nodeHost('node-0003', false),
        { ...nodeHost('node-0004', false), ssh: 'none' },
        down,
      ],
    });
    // the healthy run has no node-0004 and no master-down; the broken one has node-0004 (an inventory host that
    // never joined) and reaches `master` at master-down's address
    const inv = parseYaml(readFileSync(lab.inventoryPath, 'utf8')) as { defaults: Record<string, unknown>; hosts: { name: string; address: string }[] };
    const hostsOf = (names: string[]) => inv.hosts.filter((h) => names.includes(h.name));
    const downHost = inv.hosts.find((h) => h.name === 'master-down')!;
    brokenInventory = join(lab.dir, 'inventory-broken.yaml');
    writeFileSync(
      brokenInventory,
      stringifyYaml({
        defaults: { ...inv.defaults, connectTimeoutSeconds: 3 },
        hosts: [{ ...downHost, name: 'master' }, ...hostsOf(['node-0001', 'node-0002', 'node-0003', 'node-0004'])],
      }),
    );
    writeFileSync(lab.inventoryPath, stringifyYaml({ ...inv, hosts: hostsOf(['master', 'node-0001', 'node-0002', 'node-0003']) }));
  }, 300_000);
  afterAll(async () => {
    await Promise.all([healthy?.stop(), broken?.stop(), lab?.down()]);
  });

  it('the healthy reference cluster passes every postinstall requirement (admin.conf, client certificates)', async () => {
    const run = await runCli(['--phase', 'postinstall', '--kubeconfig', healthy.adminKubeconfig, '--kubeadm-config', init, '--inventory', lab.inventoryPath]);
    expect(run.results, run.stderr).toBeDefined();
    expect(mismatches(run.results!, HEALTHY, { ids: POSTINSTALL_IDS })).toEqual([]);
    expect(run.code).toBe(0);
    expect(run.stderr).not.toContain('favour memory'); // a 4-node cluster runs at full speed
    const ids = new Set(run.results!.results.map((r) => r.id));
    expect([...ids].sort()).toEqual([...POSTINSTALL_IDS].sort());
    const cert = run.results!.results.find((r) => r.id === 'CERTS-EXPIRY')!;
    expect(cert.observed).toMatch(/API serving certificate 36[45] days/);
  });

  it('a token user works the same way (and so does the low-memory mode large clusters switch to)', async () => {
    const run = await runCli(['--phase', 'postinstall', '--kubeconfig', healthy.tokenKubeconfig, '--inventory', lab.inventoryPath], {
      env: { KV_LOW_MEMORY: '1' },
    });
    expect(run.stderr).toContain('V8 set to favour memory over speed');
    expect(mismatches(run.results!, HEALTHY)).toEqual([]);
  });

  it('the broken cluster: every (ID, target) verdict, with kubespray-style evidence', async () => {
    const run = await runCli(['--phase', 'postinstall', '--kubeconfig', broken.adminKubeconfig, '--kubeadm-config', init, '--inventory', brokenInventory]);
    const r = run.results!;
    const exp = { ...BROKEN, 'PROXY-IPVS': { '*': 'fail', 'node-0004': 'error' } } as Expectations;
    expect(mismatches(r, exp, { ids: POSTINSTALL_IDS })).toEqual([]);
    expect(run.code).toBe(1);
    expect(r.results.find((x) => x.id === 'CP-HEALTHZ' && x.host === 'master')!.evidence.join('\n')).toMatch(/10259\/healthz: curl: \(7\) Failed to connect/);
    const crash = r.results.find((x) => x.id === 'PODS-RUNNING' && x.host === 'node-0003')!;
    expect(crash.observed).toMatch(/CrashLoopBackOff/);
    expect(crash.evidence.join('\n')).toMatch(/restarts 17, last state terminated \(Error, exit 1\)/);
    expect(crash.evidence.join('\n')).toMatch(/event Warning BackOff/);
    const pull = r.results.find((x) => x.id === 'PODS-RUNNING' && x.host === 'node-0002')!;
    expect(pull.observed).toMatch(/ImagePullBackOff/);
    const ready = r.results.find((x) => x.id === 'NODES-READY' && x.host === 'node-0001')!;
    expect(ready.evidence.join('\n')).toMatch(/Ready=False \(KubeletNotReady\): container runtime network not ready/);
    expect(r.results.find((x) => x.id === 'PROXY-IPVS' && x.host === '*')!.observed).toMatch(/mode iptables ≠ ipvs; ipvs.strictARP false ≠ true/);
    expect(r.results.find((x) => x.id === 'KUBEADM-CONFIG')!.observed).toMatch(/networking.podSubnet 10.100.0.0\/16 ≠ 10.244.0.0\/16/);
    expect(r.results.find((x) => x.id === 'TOKENS-TTL')!.observed).toMatch(/bootstrap-token-forevr/);
    expect(r.results.find((x) => x.id === 'CERTS-EXPIRY')!.observed).toMatch(/API serving certificate in (9|10) days/);
    // the token secret is never read into any output
    expect(readFileSync(join(run.reportDir, 'results.json'), 'utf8')).not.toMatch(/0123456789abcdef|fedcba9876543210/);
  });

  it('an RBAC-limited user gets error results naming the 403, never a crash or a pass', async () => {
    const run = await runCli(['--phase', 'postinstall', '--kubeconfig', healthy.viewerKubeconfig, '--host', 'master', '--inventory', lab.inventoryPath]);
    const r = run.results!;
    expect(run.code).toBe(1);
    const nodes = r.results.find((x) => x.id === 'NODES-READY')!;
    expect(nodes).toMatchObject({ status: 'error', reason: expect.stringMatching(/403/) });
    expect(r.results.some((x) => x.status === 'pass' && ['NODES-READY', 'PODS-RUNNING', 'KUBEADM-CONFIG'].includes(x.id))).toBe(false);
  });

  it('insecure-skip-tls-verify is a finding', async () => {
    const run = await runCli(['--phase', 'postinstall', '--kubeconfig', healthy.insecureKubeconfig, '--inventory', lab.inventoryPath, '--host', 'master']);
    expect(run.results!.results.find((x) => x.id === 'CP-APISERVER')).toMatchObject({
      status: 'fail',
      observed: expect.stringMatching(/insecure-skip-tls-verify/),
    });
  });

  it('an unreachable API server: every result is an error with the reason, bounded', async () => {
    const port = await freePort();
    const kc = join(lab.dir, 'dead.conf');
    writeFileSync(kc, readFileSync(healthy.adminKubeconfig, 'utf8').replace(healthy.url, `https://127.0.0.1:${port}`));
    const run = await runCli(['--phase', 'postinstall', '--kubeconfig', kc, '--inventory', lab.inventoryPath, '--host', 'master']);
    const api = run.results!.results.filter((x) => !['CP-HEALTHZ', 'CP-PORTS', 'DATAPLANE'].includes(x.id) && !(x.id === 'PROXY-IPVS' && x.host !== '*'));
    expect(new Set(api.map((x) => x.id)).size).toBe(POSTINSTALL_IDS.length - 3); // every API-side ID is there
    expect(
      api.every((x) => x.status === 'error' && /unreachable.*ECONNREFUSED/.test(x.reason ?? '')),
      JSON.stringify(api.map((x) => [x.id, x.status, x.reason])),
    ).toBe(true);
    expect(run.code).toBe(1);
  });

  it('a missing or malformed kubeconfig is a usage error: exit 2, one line naming the file', async () => {
    const bad = join(lab.dir, 'bad.conf');
    writeFileSync(bad, 'apiVersion: v1\nclusters: [oops\n');
    const run = await runCli(['--phase', 'postinstall', '--kubeconfig', bad]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain(bad);
    const missing = await runCli(['--phase', 'postinstall', '--kubeconfig', join(lab.dir, 'nope.conf')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope.conf: kubeconfig not found/);
  });

  it('--dataplane creates its test objects and removes them, even when the pods never become ready', async () => {
    const run = await runCli(
      ['--phase', 'postinstall', '--dataplane', '--kubeconfig', healthy.adminKubeconfig, '--inventory', lab.inventoryPath, '--host', 'master'],
      { env: { KV_DATAPLANE_TIMEOUT_SECONDS: '5' } },
    );
    const dp = run.results!.results.find((x) => x.id === 'DATAPLANE')!;
    expect(dp).toMatchObject({ status: 'error', reason: expect.stringMatching(/not Ready on 2 different nodes within 5 s/) });
    expect(dp.evidence.join('\n')).toMatch(/namespace kv-dataplane-\w+: deleted/);
    const kc = new KubeConfig();
    kc.loadFromFile(healthy.adminKubeconfig);
    const core = kc.makeApiClient(CoreV1Api);
    const until = Date.now() + 30_000;
    let left: string[];
    do {
      left = (await core.listNamespace()).items.map((n) => n.metadata!.name!).filter((n) => n.startsWith('kv-dataplane-'));
      if (!left.length) break;
      await new Promise((r) => setTimeout(r, 500));
    } while (Date.now() < until);
    expect(left).toEqual([]); // the real namespace controller finished the deletion
  });
});
