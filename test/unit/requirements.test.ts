// Every preflight requirement as a pure function: facts (parsed from a real probe run, then edited) + profile → verdict.
// Stand-ins: the facts are the real Debian 12 probe run and real rpm output, edited per case (test/helpers/reference.ts).
import { existsSync, readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { defaultProfile } from '../../lib/config/profile.ts';
import { parseContainerdConfig } from '../../lib/facts/containerd.ts';
import { parseFstab } from '../../lib/facts/fstab.ts';
import { persistedSysctls } from '../../lib/facts/sysctl.ts';
import type { HostFacts } from '../../lib/probe/facts.ts';
import { requirements } from '../../lib/requirements/index.ts';
import { kubeadmFacts } from '../../lib/kubeadm/versions.ts';
import { ctxFor, host, judge, ok } from '../helpers/facts.ts';
import { fx, twoHosts } from '../helpers/reference.ts';

describe('the reference design passes every preflight requirement', () => {
  it('no fail, warn or error on a host built as the documents say', () => {
    const ctx = twoHosts();
    ctx.extra.registry = { judged: { status: 'pass', observed: 'all present', expected: 'all present', evidence: [] } };
    const all = requirements('preflight').flatMap((r) => r.targets(ctx).map((t) => judge(r.id, ctx, t)));
    expect(all.length).toBe(28 * 2 + 4); // 28 host requirements on 2 hosts + 4 fleet-wide
    // the runtime checks of the designs that are not this one skip, saying why
    const bad = all.filter(
      (r) => r.status !== 'pass' && !(r.status === 'skip' && /^HOST-(DOCKER|CRIO)-CONFIG$/.test(r.id) && /runtime is containerd/.test(r.reason ?? '')),
    );
    expect(bad.map((r) => `${r.id} [${r.host}] ${r.status}: ${r.observed} ${r.reason ?? ''}`)).toEqual([]);
  });
});

describe('each defect the documents warn about is caught', () => {
  let ctx: ReturnType<typeof twoHosts>;
  beforeEach(() => {
    ctx = twoHosts();
  });
  const edit = (fn: (f: HostFacts) => void) => fn(ctx.hosts[0]!.facts!);

  it('HOST-SWAP-FSTAB: a swap line left in fstab fails with its line number', () => {
    edit((f) => (f.fstab = ok(parseFstab('/dev/mapper/rl-root / xfs defaults 0 0\n/dev/mapper/rl-swap none swap defaults 0 0\n'))));
    const r = judge('HOST-SWAP-FSTAB', ctx, 'master');
    expect(r.status).toBe('fail');
    expect(r.evidence).toEqual(['/etc/fstab:2: /dev/mapper/rl-swap none swap defaults 0 0']);
  });
  it('HOST-SWAP: active swap fails', () => {
    edit((f) => (f.swaps = ok([{ filename: '/dev/dm-1', type: 'partition', sizeKiB: 2097148 }])));
    expect(judge('HOST-SWAP', ctx, 'master').status).toBe('fail');
  });
  it("HOST-SYSCTL-PERSIST: the documents' typos (iptalbes, netfiler) are named; the missing real keys fail", () => {
    const files = [
      {
        path: '/etc/sysctl.d/99-kubernetes-cri.conf',
        content:
          'net.ipv4.ip_forward = 1\nnet.bridge.bridge-nf-call-iptalbes = 1\nnet.bridge.bridge-nf-call-ip6tables = 1\nnet.netfiler.nfs_conntrack_max = 100000\n',
      },
    ];
    edit((f) => (f.sysctlFiles = ok({ files, settings: persistedSysctls(files) })));
    const r = judge('HOST-SYSCTL-PERSIST', ctx, 'master');
    expect(r.status).toBe('fail');
    expect(r.observed).toMatch(/bridge-nf-call-iptables not set/);
    expect(r.evidence.join('\n')).toMatch(
      /99-kubernetes-cri.conf:2: unknown key "net.bridge.bridge-nf-call-iptalbes", misspelled net.bridge.bridge-nf-call-iptables/,
    );
    expect(r.evidence.join('\n')).toMatch(/:4: unknown key "net.netfiler.nfs_conntrack_max"/);
  });
  it('HOST-SYSCTL: set live but not persisted is a pass live and a fail persisted', () => {
    edit((f) => (f.sysctlFiles = ok({ files: [], settings: [] })));
    expect(judge('HOST-SYSCTL', ctx, 'master').status).toBe('pass');
    expect(judge('HOST-SYSCTL-PERSIST', ctx, 'master').status).toBe('fail');
  });
  it('HOST-SYSCTL: a low conntrack table is only a warning; ip_forward=0 is an error', () => {
    edit((f) => (f.sysctls = ok({ ...(f.sysctls.ok ? f.sysctls.value : {}), 'net.netfilter.nf_conntrack_max': '65536' })));
    expect(judge('HOST-SYSCTL', ctx, 'master')).toMatchObject({ status: 'warn', severity: 'warn' });
    edit((f) => (f.sysctls = ok({ ...(f.sysctls.ok ? f.sysctls.value : {}), 'net.ipv4.ip_forward': '0' })));
    expect(judge('HOST-SYSCTL', ctx, 'master')).toMatchObject({ status: 'fail', severity: 'error' });
  });
  it('HOST-CONTAINERD-CONFIG: the wrong sandbox image fails and names the line', () => {
    const text = fx('containerd/wrong-sandbox-v2.toml');
    edit((f) => (f.containerd = ok({ path: '/etc/containerd/config.toml', present: true, text, config: parseContainerdConfig(text), hostsToml: [] })));
    const r = judge('HOST-CONTAINERD-CONFIG', ctx, 'master');
    expect(r.status).toBe('fail');
    expect(r.observed).toMatch(/registry.k8s.io\/pause:3.6 ≠ harbor:443\/k8s\/pause:3.9/);
    expect(r.evidence.some((e) => /config.toml:\d+: sandbox_image/.test(e))).toBe(true);
  });
  it('HOST-CONTAINERD-CONFIG: a config.toml that does not parse is a fail with the parser message', () => {
    edit(
      (f) =>
        (f.containerd = ok({
          path: '/etc/containerd/config.toml',
          present: true,
          text: 'x',
          parseError: 'config.toml is not valid TOML: Invalid TOML document',
          hostsToml: [],
        })),
    );
    expect(judge('HOST-CONTAINERD-CONFIG', ctx, 'master')).toMatchObject({ status: 'fail', observed: expect.stringMatching(/not valid TOML/) });
  });
  it("HOST-CONTAINERD-MIRRORS: registry.confgs (the documents' typo) fails", () => {
    const text = fx('containerd/registry-typo-v2.toml');
    edit((f) => (f.containerd = ok({ path: '/etc/containerd/config.toml', present: true, text, config: parseContainerdConfig(text), hostsToml: [] })));
    const r = judge('HOST-CONTAINERD-MIRRORS', ctx, 'master');
    expect(r.status).toBe('fail');
    expect(r.observed).toMatch(/confgs/);
  });
  it('HOST-CONTAINERD-MIRRORS and CONFIG: containerd 2.x schema with certs.d hosts.toml passes', () => {
    const text = fx('containerd/reference-v3.toml');
    const hostsToml = [
      {
        registry: 'harbor:443',
        path: '/etc/containerd/certs.d/harbor:443/hosts.toml',
        server: 'https://harbor:443',
        hosts: [{ url: 'https://192.168.88.3:443' }],
      },
      {
        registry: 'docker.io',
        path: '/etc/containerd/certs.d/docker.io/hosts.toml',
        server: 'https://registry-1.docker.io',
        hosts: [{ url: 'https://192.168.88.3:443' }],
      },
    ];
    edit((f) => (f.containerd = ok({ path: '/etc/containerd/config.toml', present: true, text, config: parseContainerdConfig(text), hostsToml })));
    expect(judge('HOST-CONTAINERD-CONFIG', ctx, 'master').status).toBe('pass');
    expect(judge('HOST-CONTAINERD-MIRRORS', ctx, 'master').status).toBe('pass');
  });
  it('HOST-CONTAINERD-SECURITY: insecure_skip_verify and a plaintext password warn; the password never appears', () => {
    const text = fx('containerd/doc-verbatim-v2.toml');
    const config = parseContainerdConfig(text);
    edit((f) => (f.containerd = ok({ path: '/etc/containerd/config.toml', present: true, text, config, hostsToml: [] })));
    const r = judge('HOST-CONTAINERD-SECURITY', ctx, 'master');
    expect(r.status).toBe('warn');
    expect(r.observed).toMatch(/insecure_skip_verify = true/);
    expect(r.observed).toMatch(/plaintext credentials/);
    expect(JSON.stringify(r)).not.toContain('Harbor-S3cret-PLANTED');
  });
  it('HOST-FIREWALLD: running is an error, installed but stopped a warning', () => {
    edit((f) => {
      if (f.services.ok) f.services.value.units.firewalld = { active: 'active', enabled: 'enabled', method: 'systemctl' };
      if (f.packages.ok) f.packages.value.installed.firewalld = '0.9.3-13.el8';
    });
    expect(judge('HOST-FIREWALLD', ctx, 'master')).toMatchObject({ status: 'fail', severity: 'error' });
    edit((f) => {
      if (f.services.ok) f.services.value.units.firewalld = { active: 'inactive', enabled: 'disabled', method: 'systemctl' };
    });
    expect(judge('HOST-FIREWALLD', ctx, 'master')).toMatchObject({ status: 'warn', severity: 'warn' });
  });
  it('HOST-HOSTS-FILE: a missing /etc/hosts entry fails and the remediation lists every host', () => {
    edit((f) => (f.resolution = ok({ master: ['192.168.88.4'], 'node-0001': [] })));
    const r = judge('HOST-HOSTS-FILE', ctx, 'master');
    expect(r.status).toBe('fail');
    expect(r.remediation).toContain('192.168.88.5 node-0001');
  });
  it('HOST-PORTS-FREE: a port in use fails on the control plane', () => {
    edit((f) => (f.listening = ok([{ address: '0.0.0.0', port: 6443, family: 4 }])));
    expect(judge('HOST-PORTS-FREE', ctx, 'master')).toMatchObject({ status: 'fail', observed: 'in use: 6443' });
  });
  it('HOST-CPU: 1 CPU is an error on the control plane and a warning on a worker', () => {
    ctx.hosts[0]!.facts!.cpus = ok(1);
    ctx.hosts[1]!.facts!.cpus = ok(1);
    expect(judge('HOST-CPU', ctx, 'master')).toMatchObject({ status: 'fail', severity: 'error' });
    expect(judge('HOST-CPU', ctx, 'node-0001')).toMatchObject({ status: 'warn', severity: 'warn' });
  });
  it('HOST-PACKAGES: a kubelet at the wrong version fails', () => {
    edit((f) => f.packages.ok && (f.packages.value.installed.kubelet = '1.28.9-150500.1.1'));
    expect(judge('HOST-PACKAGES', ctx, 'master')).toMatchObject({ status: 'fail', severity: 'error', observed: 'kubelet 1.28.9 ≠ 1.29.2' });
  });
  it("HOST-PACKAGES: the binary's own version decides where the package lies (a dpkg epoch, a repackaged SDK)", () => {
    // google-cloud-cli's kubectl package: "1:528.0.0-0", while `kubectl version --client` says v1.29.2
    edit((f) => {
      if (f.packages.ok) f.packages.value.installed.kubectl = '1:528.0.0-0';
      f.binaryVersions = ok({ kubeadm: '1.29.2', kubelet: '1.29.2', kubectl: '1.29.2' });
    });
    const r = judge('HOST-PACKAGES', ctx, 'master');
    expect(r.evidence.join('\n')).toMatch(/kubectl 1:528.0.0-0; the binary says v1.29.2 \(kubectl version\), which is what runs/);
    expect(r.observed).not.toMatch(/528/);
    // and the binary is believed the other way round too: package 1.29.2, binary 1.28.9
    edit((f) => (f.binaryVersions = ok({ kubelet: '1.28.9' })));
    expect(judge('HOST-PACKAGES', ctx, 'master').observed).toMatch(/kubelet 1.28.9 ≠ 1.29.2/);
  });
  it("the probe reads the binaries' versions (kubeadm -o short, kubelet --version, kubectl version --client)", async () => {
    const { parseFacts } = await import('../../lib/probe/facts.ts');
    const out =
      '@@KVn0nce0001 kversions@@\n@kubeadm\nv1.29.2\n@kubelet\nKubernetes v1.29.2\n@kubectl\nClient Version: v1.32.4\nKustomize Version: v5.5.0\n@@KVn0nce0001 /kversions rc=0@@\n';
    const f = parseFacts(out, 'n0nce0001').facts;
    expect(f.binaryVersions).toEqual({ ok: true, value: { kubeadm: '1.29.2', kubelet: '1.29.2', kubectl: '1.32.4' } });
  });
  it('HOST-MODULES: a misspelled br_netfiler in modules-load.d is named', () => {
    // br_netfilter not there at all: no net.bridge.* sysctls either (they would show it built in)
    edit((f) => {
      if (f.sysctls.ok) for (const k of Object.keys(f.sysctls.value)) if (k.startsWith('net.bridge.')) delete f.sysctls.value[k];
    });
    edit(
      (f) =>
        (f.modules = ok({
          loaded: ['xt_conntrack'],
          sys: [],
          builtin: [],
          procModules: true,
          persisted: [
            { module: 'br_netfiler', file: '/etc/modules-load.d/containerd.conf', line: 1 },
            { module: 'xt_conntrack', file: '/etc/modules-load.d/containerd.conf', line: 2 },
          ],
        })),
    );
    const r = judge('HOST-MODULES', ctx, 'master');
    expect(r.status).toBe('fail');
    expect(r.evidence.join('\n')).toMatch(/"br_netfiler" is not a module name; did you mean br_netfilter/);
  });
  it('HOST-CGROUP-DRIVER: kubelet cgroupfs vs containerd systemd fails', () => {
    edit((f) => (f.kubelet = ok({ files: [{ path: '/var/lib/kubelet/config.yaml', content: 'kind: KubeletConfiguration\ncgroupDriver: cgroupfs\n' }] })));
    expect(judge('HOST-CGROUP-DRIVER', ctx, 'master')).toMatchObject({
      status: 'fail',
      severity: 'error',
      observed: 'containerd systemd, kubelet cgroupfs: they disagree',
    });
  });
  it('HOST-KERNEL: the minimum follows the target version (table with its source)', () => {
    expect(kubeadmFacts('1.29.2').kernel.min).toBe('3.10');
    expect(kubeadmFacts('1.32.0').kernel.min).toBe('4.19');
    expect(kubeadmFacts('1.34.1').kernel.min).toBe('5.4');
    edit((f) => (f.kernel = ok({ release: '3.9.0-1', machine: 'x86_64' })));
    expect(judge('HOST-KERNEL', ctx, 'master').status).toBe('fail');
  });
  it('HOST-SELINUX: enforcing in the config file is reported even when permissive now', () => {
    edit((f) => (f.selinux = ok({ present: true, mode: 'permissive', configMode: { value: 'enforcing', line: 7 } })));
    expect(judge('HOST-SELINUX', ctx, 'master')).toMatchObject({
      status: 'warn',
      evidence: expect.arrayContaining(['/etc/selinux/config:7: SELINUX=enforcing']),
    });
  });
});

describe('fleet uniqueness', () => {
  it('duplicated product_uuid, MAC and hostname fail and name the hosts', () => {
    const ctx = twoHosts((m, w) => {
      w.productUuid = m.productUuid;
      w.interfaces = m.interfaces;
      w.hostname = m.hostname;
    });
    for (const id of ['HOST-UNIQUE-UUID', 'HOST-UNIQUE-MAC', 'HOST-UNIQUE-HOSTNAME']) {
      const r = judge(id, ctx, '*');
      expect(r.status, id).toBe('fail');
      expect(r.observed, id).toMatch(/on master, node-0001/);
    }
  });
  it('an unreadable product_uuid on one host is an error, never a pass', () => {
    const ctx = twoHosts((_m, w) => {
      w.productUuid = { ok: false, error: '/sys/class/dmi/id/product_uuid is not readable (needs root: set sudo: true)' };
    });
    expect(judge('HOST-UNIQUE-UUID', ctx, '*')).toMatchObject({ status: 'error', reason: expect.stringMatching(/node-0001/) });
  });
  it('an unreachable host makes its own results error with the reason', () => {
    const ctx = ctxFor([{ spec: host('master'), error: 'connect-timeout: no SSH session within 10 s' }]);
    expect(judge('HOST-SWAP', ctx, 'master')).toMatchObject({ status: 'error', reason: expect.stringMatching(/connect-timeout/) });
  });
});

// The catalogue is kept in the repository (docs/REQUIREMENTS.md, a copy of the team's shared REQUIREMENTS.md) so a
// clean clone tests against it; where the shared original sits beside the checkout, the copy must not have drifted.
const CATALOGUE = new URL('../../docs/REQUIREMENTS.md', import.meta.url);
const SHARED = new URL('../../../shared/REQUIREMENTS.md', import.meta.url);
const preflightIds = (doc: string) => [...new Set([...doc.split('## Phase `postinstall`')[0]!.matchAll(/^\| (HOST-[A-Z0-9-]+) \|/gm)].map((m) => m[1]))].sort();
const postinstallIds = (doc: string) =>
  [
    ...new Set(
      [
        ...doc
          .split('## Phase `postinstall`')[1]!
          .split('## Public interface')[0]!
          .matchAll(/^\| ([A-Z][A-Z0-9-]+)(?: \(opt-in\))? \|/gm),
      ]
        .map((m) => m[1])
        .filter((x) => x !== 'ID'),
    ),
  ].sort();

describe('every preflight ID of REQUIREMENTS.md exists exactly once', () => {
  const doc = readFileSync(CATALOGUE, 'utf8');
  it('matches the catalogue', () => {
    expect(preflightIds(doc).length).toBeGreaterThan(20);
    expect(
      requirements('preflight')
        .map((r) => r.id)
        .sort(),
    ).toEqual(preflightIds(doc));
  });
  it('every postinstall ID of REQUIREMENTS.md exists exactly once', () => {
    expect(postinstallIds(doc).length).toBeGreaterThan(10);
    expect(
      requirements('postinstall')
        .map((r) => r.id)
        .sort(),
    ).toEqual(postinstallIds(doc));
  });
  it.runIf(existsSync(SHARED))('the copy in docs/ lists the same IDs as the shared original beside the checkout', () => {
    const shared = readFileSync(SHARED, 'utf8');
    expect(preflightIds(doc)).toEqual(preflightIds(shared));
    expect(postinstallIds(doc)).toEqual(postinstallIds(shared));
  });
  it('the default profile is the reference design', () => {
    expect(defaultProfile()).toMatchObject({
      kubernetesVersion: '1.29.2',
      sandboxImage: 'harbor:443/k8s/pause:3.9',
      proxyMode: 'ipvs',
      podSubnet: '10.244.0.0/16',
    });
  });
});
