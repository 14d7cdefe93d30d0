// The preflight requirements judged on host facts RECORDED from the real cluster's hosts (test/e2e/real-cluster.test.ts
// with KV_RECORD_FIXTURES=1: each run's scrubbed evidence bundle): Debian hosts with a real containerd, probed over
// real sshd, once fresh (containerd's defaults, no kube tools in PATH, nothing persisted) and once configured in place
// by vagrant/scripts (00-common, 10-kernel, 20-packages with KV_K8S_BIN_DIR, 30-containerd). No lab needed.
// Stand-ins: none in the facts — the lab's hosts are what the header of lab/cluster.ts says (no systemd, the kernel's
// own modules); the cases that change one fact name it.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate, type RunContext } from '../../lib/requirements/define.ts';
import { requirements } from '../../lib/requirements/index.ts';
import { readRunFile } from '../../lib/run/context-file.ts';
import type { Result } from '../../lib/types.ts';
import { COVERED, PROVISIONED_NON_PASS } from '../helpers/real-preflight.ts';
import { ROOT } from '../helpers/run-cli.ts';

const DIR = join(ROOT, 'fixtures/real-preflight');
const HOSTS = ['master', 'node-0001', 'node-0002'];
const load = (name: string): RunContext => readRunFile(join(DIR, `${name}.context.json`)).ctx;
function judge(ctx: RunContext): Result[] {
  const out: Result[] = [];
  for (const req of requirements('preflight')) for (const t of req.targets(ctx)) out.push(evaluate(req, ctx, t));
  return out;
}
const nonPass = (rs: Result[]) => Object.fromEntries(rs.filter((r) => r.status !== 'pass').map((r) => [`${r.id} [${r.host}]`, r.status]));
const get = (rs: Result[], id: string, host = '*') => {
  const r = rs.find((x) => x.id === id && x.host === host);
  if (!r) throw new Error(`no result ${id} [${host}]`);
  return r;
};

describe('recorded real hosts, fresh: what a box lacks before the provisioning scripts', () => {
  const rs = judge(load('fresh'));
  it('every host was probed and every preflight requirement judged', () => {
    expect(new Set(rs.map((r) => r.id)).size).toBe(requirements('preflight').length);
    expect(rs.filter((r) => r.status === 'error')).toEqual([]);
  });
  it.each(HOSTS)('%s: no kube tools in PATH, containerd defaults, nothing persisted, kubelet not enabled', (h) => {
    expect(get(rs, 'HOST-PACKAGES', h)).toMatchObject({ status: 'fail', observed: expect.stringMatching(/^kubeadm not in PATH; kubelet not in PATH; /) });
    expect(get(rs, 'HOST-CONTAINERD-CONFIG', h)).toMatchObject({
      status: 'fail',
      observed: expect.stringMatching(/sandbox image registry\.k8s\.io\/pause:3\.\d+/),
    });
    expect(get(rs, 'HOST-CONTAINERD-MIRRORS', h)).toMatchObject({ status: 'fail', observed: expect.stringMatching(/no mirror for harbor:443/) });
    expect(get(rs, 'HOST-SYSCTL-PERSIST', h)).toMatchObject({ status: 'fail', observed: expect.stringMatching(/not set in any sysctl file/) });
    // br_netfilter is built into this kernel (no /sys/module entry): only nf_conntrack's persistence is missing
    expect(get(rs, 'HOST-MODULES', h)).toMatchObject({ status: 'fail', observed: 'xt_conntrack or nf_conntrack or nf_conntrack_ipv4 not persisted' });
    expect(get(rs, 'HOST-SERVICES', h)).toMatchObject({ status: 'fail', observed: 'kubelet not enabled (no wants link)' });
    expect(get(rs, 'HOST-BINARIES', h)).toMatchObject({ status: 'warn', observed: 'missing: crictl' });
    // what a fresh box already has right
    for (const id of ['HOST-SWAP', 'HOST-SWAP-FSTAB', 'HOST-SYSCTL', 'HOST-HOSTS-FILE', 'HOST-CRI-SOCKET', 'HOST-CGROUP-DRIVER'])
      expect(get(rs, id, h).status, id).toBe('pass');
  });
  it('the registry has every image already (HOST-IMAGES asked it, not containerd)', () => {
    expect(get(rs, 'HOST-IMAGES').status).toBe('pass');
  });
});

describe('recorded real hosts, provisioned by vagrant/scripts: the preflight passes', () => {
  const ctx = load('provisioned');
  const rs = judge(ctx);
  it('exactly the non-passes this machine and design explain (test/helpers/real-preflight.ts)', () => {
    expect(nonPass(rs)).toEqual(PROVISIONED_NON_PASS);
    for (const h of HOSTS) for (const id of COVERED) expect(get(rs, id, h).status, `${id} [${h}]`).toBe('pass');
  });
  it('for the reasons the evidence shows', () => {
    expect(get(rs, 'HOST-PACKAGES', 'node-0001').evidence).toContain('binary: /usr/local/bin/kubeadm reports v1.29.15');
    expect(get(rs, 'HOST-MODULES', 'master').evidence.join('\n')).toMatch(
      /br_netfilter: built in \(net\.bridge\.bridge-nf-call-iptables exists, no module entry\)/,
    );
    expect(get(rs, 'HOST-MODULES', 'master').evidence.join('\n')).toMatch(/persisted in \/etc\/modules-load\.d\/(containerd|ipvs)\.conf/);
    expect(get(rs, 'HOST-SYSCTL-PERSIST', 'master').evidence.join('\n')).toMatch(
      /\/etc\/sysctl\.d\/99-kubernetes-cri\.conf:\d+: net\.bridge\.bridge-nf-call-iptables = 1/,
    );
    expect(get(rs, 'HOST-CONTAINERD-SECURITY', 'master').observed).toMatch(/auth holds plaintext credentials/);
    expect(JSON.stringify(rs)).not.toMatch(/password = "[^<]/); // the login's password never reaches a result
  });
  it('the same recorded host with one fact changed fails (a kube tool at another version, the mirror gone)', () => {
    const edited = structuredClone(ctx);
    const m = edited.hosts.find((h) => h.spec.name === 'master')!.facts!;
    if (m.binaryVersions?.ok) m.binaryVersions.value.kubelet = '1.29.2';
    if (m.containerd.ok && m.containerd.value.config) m.containerd.value.config.mirrors = {};
    const e = judge(edited);
    expect(get(e, 'HOST-PACKAGES', 'master')).toMatchObject({ status: 'fail', observed: 'kubelet 1.29.2 ≠ 1.29.15' });
    expect(get(e, 'HOST-CONTAINERD-MIRRORS', 'master').status).toBe('fail');
    expect(get(e, 'HOST-PACKAGES', 'node-0001').status).toBe('pass');
  });
});
