// runtime.ts measured whole after HOST-PACKAGES gained `kubernetesInstall: binaries`, and HOST-MODULES' built-in
// br_netfilter (network.ts builtinBySysctl): each case with its status AND the words a user reads (observed, expected,
// evidence, remediation). Written against the mutants StrykerJS left alive (docs/mutation/2026-12-04-runtime-*.txt).
// Test names carry the status for mutation-summary.ts.
// Stand-ins: the reference hosts of test/helpers/reference.ts (the real Debian 12 probe run, edited to Rocky 8.6 with
// real rpm output, fixtures/recorded/rpm/), edited per case: the kube tools moved from the rpm database to
// /usr/local/bin as kubeadm's "without a package manager" install puts them; no SSH, no lab.
import { describe, expect, it } from 'vitest';
import type { Profile } from '../../lib/config/profile.ts';
import { parseContainerdConfig } from '../../lib/facts/containerd.ts';
import { parseDaemonJson, parseDockerInfo, type DockerFacts } from '../../lib/facts/docker.ts';
import type { ModuleFacts } from '../../lib/facts/modules.ts';
import type { HostFacts } from '../../lib/probe/facts.ts';
import { builtinBySysctl } from '../../lib/requirements/preflight/network.ts';
import type { RunContext } from '../../lib/requirements/define.ts';
import { crioFacts, judge, ok } from '../helpers/facts.ts';
import { fx, twoHosts } from '../helpers/reference.ts';

function ctxOf(edit: (m: HostFacts) => void = () => {}, profile: Partial<Profile> = {}): RunContext {
  const ctx = twoHosts((m, w) => (edit(m), edit(w)));
  ctx.profile = { ...ctx.profile, ...profile };
  return ctx;
}
const on = (id: string, edit?: (m: HostFacts) => void, profile?: Partial<Profile>, target = 'master') => judge(id, ctxOf(edit, profile), target);
const value = <T>(f: { ok: boolean; value?: T }) => f.value as T;
type Pk = { manager: string; installed: Record<string, string>; snaps?: Record<string, string> };
const pk = (m: HostFacts) => value<Pk>(m.packages as { ok: boolean; value?: Pk });
const bins = (m: HostFacts) => value<Record<string, string>>(m.binaries as { ok: boolean; value?: Record<string, string> });

const BIN: Partial<Profile> = { kubernetesInstall: 'binaries' };
/** kubeadm's install without a package manager: kubeadm, kubelet, kubectl and crictl in /usr/local/bin, no kube* rpm */
const binaryInstall = (m: HostFacts) => {
  for (const p of ['kubeadm', 'kubelet', 'kubectl', 'cri-tools']) delete pk(m).installed[p];
  for (const b of ['kubeadm', 'kubelet', 'kubectl', 'crictl']) bins(m)[b] = `/usr/local/bin/${b}`;
  m.binaryVersions = ok({ kubeadm: '1.29.2', kubelet: '1.29.2', kubectl: '1.29.2' });
};
const CURL = (tools: string) =>
  `for b in ${tools}; do curl -fLo /usr/local/bin/$b https://dl.k8s.io/release/v1.29.2/bin/linux/amd64/$b && chmod +x /usr/local/bin/$b; done  # or copy them from the site's own mirror; crictl from cri-tools' release`;

describe('HOST-PACKAGES, kubernetesInstall: binaries', () => {
  it('HOST-PACKAGES pass: the kube tools and crictl in PATH at the version, the rest as rpm packages, each in the evidence', () => {
    expect(on('HOST-PACKAGES', binaryInstall, BIN)).toMatchObject({
      status: 'pass',
      observed: 'all installed',
      expected:
        'kubeadm, kubelet, kubectl, crictl in PATH, kube* reporting 1.29.2 (installed without a package manager); containerd.io, ipvsadm, ipset, iproute-tc as packages',
      evidence: [
        'binary: /usr/local/bin/kubeadm reports v1.29.2',
        'binary: /usr/local/bin/kubelet reports v1.29.2',
        'binary: /usr/local/bin/kubectl reports v1.29.2',
        'binary: /usr/local/bin/crictl',
        'rpm: containerd.io 1.6.28-3.1.el8',
        'rpm: ipvsadm 1.31-1.el8',
        'rpm: ipset 7.1-1.el8',
        'rpm: iproute-tc 5.18.0-1.el8',
      ],
    });
  });
  it('HOST-PACKAGES fail on a worker: another version, no version, crictl not in PATH, a package missing; the commands for both', () => {
    const r = on(
      'HOST-PACKAGES',
      (m) => {
        binaryInstall(m);
        delete bins(m).crictl;
        const v = value<Record<string, string>>(m.binaryVersions as { ok: boolean; value?: Record<string, string> });
        delete v.kubelet;
        v.kubeadm = '1.29.1';
        delete pk(m).installed.ipset;
      },
      BIN,
      'node-0001',
    );
    expect(r).toMatchObject({
      status: 'fail',
      observed: 'kubeadm 1.29.1 ≠ 1.29.2; kubelet version unknown ≠ 1.29.2; crictl not in PATH; ipset missing',
      expected:
        'kubeadm, kubelet, crictl in PATH, kube* reporting 1.29.2 (installed without a package manager); containerd.io, ipvsadm, ipset, iproute-tc as packages',
      evidence: [
        'binary: /usr/local/bin/kubeadm reports v1.29.1',
        'binary: /usr/local/bin/kubelet reports no version',
        'binary: crictl not in PATH',
        'rpm: containerd.io 1.6.28-3.1.el8',
        'rpm: ipvsadm 1.31-1.el8',
        'rpm: ipset not installed',
        'rpm: iproute-tc 5.18.0-1.el8',
      ],
      remediation: `${CURL('kubeadm kubelet')}\ndnf -y install containerd.io ipvsadm ipset iproute-tc`,
    });
  });
  it('HOST-PACKAGES fail: no kubectl in PATH on the control plane (kubectl in the command), no binary versions probed at all, EL7 yum', () => {
    const r = on(
      'HOST-PACKAGES',
      (m) => {
        binaryInstall(m);
        delete bins(m).kubectl;
        delete m.binaryVersions;
        m.os = ok({ id: 'centos', idLike: ['rhel', 'fedora'], versionId: '7', prettyName: 'CentOS Linux 7 (Core)', family: 'rhel' as const });
        pk(m).installed.iproute = '4.11.0-30.el7';
      },
      { ...BIN, proxyMode: 'iptables' },
    );
    expect(r).toMatchObject({
      status: 'fail',
      observed: 'kubeadm version unknown ≠ 1.29.2; kubelet version unknown ≠ 1.29.2; kubectl not in PATH',
      expected: 'kubeadm, kubelet, kubectl, crictl in PATH, kube* reporting 1.29.2 (installed without a package manager); containerd.io, iproute as packages',
      evidence: [
        'binary: /usr/local/bin/kubeadm reports no version',
        'binary: /usr/local/bin/kubelet reports no version',
        'binary: kubectl not in PATH',
        'binary: /usr/local/bin/crictl',
        'rpm: containerd.io 1.6.28-3.1.el8',
        'rpm: iproute 4.11.0-30.el7',
      ],
      remediation: `${CURL('kubeadm kubelet kubectl')}\nyum -y install containerd.io iproute`,
    });
  });
  it('HOST-PACKAGES fail on Debian: the packages by apt-get; a binaries fact that failed is no judgement (error)', () => {
    const debian = (m: HostFacts) => {
      binaryInstall(m);
      m.os = ok({ id: 'debian', idLike: [], versionId: '12', prettyName: 'Debian GNU/Linux 12 (bookworm)', family: 'debian' as const });
      Object.assign(pk(m), { manager: 'dpkg', installed: { 'containerd.io': '1.6.28-1', ipvsadm: '1:1.31-1+b2', ipset: '7.17-1' } });
    };
    expect(on('HOST-PACKAGES', debian, BIN)).toMatchObject({
      status: 'fail',
      observed: 'iproute2 missing',
      expected:
        'kubeadm, kubelet, kubectl, crictl in PATH, kube* reporting 1.29.2 (installed without a package manager); containerd, ipvsadm, ipset, iproute2 as packages',
      remediation: `${CURL('kubeadm kubelet kubectl')}\napt-get install -y containerd ipvsadm ipset iproute2`,
    });
    expect(on('HOST-PACKAGES', (m) => (binaryInstall(m), (m.binaries = { ok: false, error: 'section binaries missing' })), BIN)).toMatchObject({
      status: 'error',
    });
  });
  it('HOST-PACKAGES pass with packages (the default install): the binaries fact is not needed, crictl is cri-tools', () => {
    const r = on('HOST-PACKAGES', (m) => (m.binaries = { ok: false, error: 'section binaries missing' }));
    expect(r).toMatchObject({
      status: 'pass',
      observed: 'all installed',
      expected: 'kubeadm, kubelet, kubectl, containerd.io, ipvsadm, ipset, iproute-tc, cri-tools; kube* at 1.29.2 (rpm, dpkg or snap)',
    });
    expect(r.evidence).toContain('rpm: cri-tools 1.29.0-150500.1.1');
    // with packages, a kube tool in /usr/local/bin is no installation: kubeadm missing from rpm is missing
    const gone = on('HOST-PACKAGES', (m) => (binaryInstall(m), delete m.binaryVersions));
    expect(gone).toMatchObject({ status: 'fail', observed: 'kubeadm missing; kubelet missing; kubectl missing; cri-tools missing' });
    expect(gone.remediation).toBe('dnf -y install kubeadm-1.29.2 kubelet-1.29.2 kubectl-1.29.2 containerd.io ipvsadm ipset iproute-tc cri-tools');
  });
});

describe('HOST-MODULES and builtinBySysctl', () => {
  const mods = (over: Partial<ModuleFacts> = {}): ModuleFacts => ({ loaded: [], sys: [], builtin: [], procModules: true, persisted: [], ...over });
  const BR = { 'net.bridge.bridge-nf-call-iptables': '1' };
  it('builtinBySysctl: br_netfilter added as built in, saying how, when its sysctl exists and no module entry names it', () => {
    const f = mods({ loaded: ['xt_conntrack'], builtin: ['nf_tables'], builtinHow: { nf_tables: 'kept' } });
    expect(builtinBySysctl(f, BR)).toStrictEqual({
      ...f,
      builtin: ['nf_tables', 'br_netfilter'],
      builtinHow: { nf_tables: 'kept', br_netfilter: 'built in (net.bridge.bridge-nf-call-iptables exists, no module entry)' },
    });
    expect(f.builtin).toEqual(['nf_tables']); // the facts themselves are not changed
    // 0 is a value: the sysctl exists
    expect(builtinBySysctl(mods(), { 'net.bridge.bridge-nf-call-iptables': '0' }).builtin).toEqual(['br_netfilter']);
  });
  it('builtinBySysctl: the facts unchanged when the sysctl is absent or unknown, or a module entry already shows br_netfilter', () => {
    for (const f of [mods(), mods({ loaded: ['br_netfilter'] }), mods({ sys: ['br-netfilter'] }), mods({ builtin: ['br_netfilter'] })]) {
      expect(builtinBySysctl(f, undefined)).toBe(f);
      expect(builtinBySysctl(f, { 'net.ipv4.ip_forward': '1' })).toBe(f);
      expect(builtinBySysctl(f, { 'net.bridge.bridge-nf-call-iptables': undefined })).toBe(f);
    }
    for (const f of [mods({ loaded: ['br_netfilter'] }), mods({ sys: ['br-netfilter'] }), mods({ builtin: ['br_netfilter'] })])
      expect(builtinBySysctl(f, BR)).toBe(f);
  });
  it('HOST-MODULES pass: br_netfilter built in (its sysctl, no module entry) needs no modules-load.d line; the evidence says both', () => {
    const r = on('HOST-MODULES', (m) => {
      const f = value<ModuleFacts>(m.modules as { ok: boolean; value?: ModuleFacts });
      f.loaded = f.loaded.filter((x) => x !== 'br_netfilter');
      f.persisted = f.persisted.filter((x) => x.module !== 'br_netfilter');
    });
    expect(r).toMatchObject({
      status: 'pass',
      observed: 'loaded and persisted',
      expected:
        'br_netfilter and xt_conntrack (or nf_conntrack) loaded and loaded at boot (modules-load.d, /etc/modules, /etc/sysconfig/modules/*.modules or a kubelet drop-in)',
      evidence: [
        'br_netfilter: built in (net.bridge.bridge-nf-call-iptables exists, no module entry); built in (needs no modules-load.d entry)',
        'xt_conntrack: loaded (/proc/modules); persisted in /etc/modules-load.d/containerd.conf:2',
        'nf_conntrack: loaded (/proc/modules); persisted in /etc/modules-load.d/containerd.conf:7',
      ],
    });
  });
  it('HOST-MODULES fail: the sysctls not readable, br_netfilter neither loaded nor persisted; a misspelling counted in the observed words', () => {
    const r = on('HOST-MODULES', (m) => {
      const f = value<ModuleFacts>(m.modules as { ok: boolean; value?: ModuleFacts });
      f.loaded = f.loaded.filter((x) => x !== 'br_netfilter');
      f.persisted = f.persisted.map((x) => (x.module === 'br_netfilter' ? { ...x, module: 'br_netfiltr' } : x));
      m.sysctls = { ok: false, error: 'section sysctl missing' };
    });
    expect(r).toMatchObject({
      status: 'fail',
      observed: 'br_netfilter not loaded; br_netfilter not persisted (1 misspelled module name(s) in modules-load.d)',
      evidence: [
        'br_netfilter: not loaded; not persisted (modules-load.d, /etc/modules, /etc/sysconfig/modules/*.modules, kubelet drop-ins)',
        'xt_conntrack: loaded (/proc/modules); persisted in /etc/modules-load.d/containerd.conf:2',
        'nf_conntrack: loaded (/proc/modules); persisted in /etc/modules-load.d/containerd.conf:7',
        '/etc/modules-load.d/containerd.conf:1: "br_netfiltr" is not a module name; did you mean br_netfilter?',
      ],
    });
  });
});

// ---- HOST-CGROUP-DRIVER on the Docker (001) and CRI-O designs, and containerd's default runtime ----
const DJ = '/etc/docker/daemon.json';
const D001: Partial<Profile> = {
  kubernetesVersion: '1.13.1',
  runtime: { name: 'docker', configPath: DJ, service: 'docker' },
  criSocket: 'unix:///var/run/dockershim.sock',
  cgroupDriver: 'cgroupfs',
};
const CRIO: Partial<Profile> = {
  runtime: { name: 'cri-o', configPath: '/etc/crio/crio.conf', service: 'crio' },
  criSocket: 'unix:///var/run/crio/crio.sock',
};
const docker = (d: Partial<DockerFacts>) => (m: HostFacts) => void (m.docker = ok({ path: DJ, present: true, ...d }));
const crio = crioFacts;
const KUBELET_CFS = 'kubelet: cgroupfs (from profile (what kubeadm will write: default))';
const INFO_1806 = parseDockerInfo(fx('recorded/docker-18.06-centos7-info.txt'));

describe('HOST-CGROUP-DRIVER per runtime', () => {
  it("HOST-CGROUP-DRIVER pass: Docker 18.06's running daemon (docker info) says cgroupfs, as 001 wants; docker info wins over daemon.json", () => {
    expect(on('HOST-CGROUP-DRIVER', docker({ info: INFO_1806, unreadable: true }), D001)).toMatchObject({
      status: 'pass',
      observed: 'both cgroupfs',
      expected: 'docker and kubelet both cgroupfs',
      evidence: ['docker: cgroupfs (docker info: Cgroup Driver)', KUBELET_CFS],
    });
    const info = on('HOST-CGROUP-DRIVER', docker({ info: { ...INFO_1806, cgroupDriver: 'systemd' }, config: parseDaemonJson('{}') }), D001);
    expect(info).toMatchObject({ status: 'fail', observed: 'docker systemd, kubelet cgroupfs: they disagree' });
  });
  it("HOST-CGROUP-DRIVER: without docker info, daemon.json's exec-opts decide, else Docker's default cgroupfs (file or no file)", () => {
    const sd = on('HOST-CGROUP-DRIVER', docker({ config: parseDaemonJson('{"exec-opts": ["native.cgroupdriver=systemd"]}') }), D001);
    expect(sd).toMatchObject({
      status: 'fail',
      observed: 'docker systemd, kubelet cgroupfs: they disagree',
      evidence: [`docker: systemd (${DJ}: exec-opts native.cgroupdriver)`, KUBELET_CFS],
    });
    expect(on('HOST-CGROUP-DRIVER', docker({ config: parseDaemonJson('{"log-driver": "json-file"}') }), D001)).toMatchObject({
      status: 'pass',
      observed: 'both cgroupfs',
      evidence: [`docker: cgroupfs (${DJ} sets no native.cgroupdriver: Docker's default)`, KUBELET_CFS],
    });
    expect(on('HOST-CGROUP-DRIVER', docker({ present: false }), D001)).toMatchObject({
      status: 'pass',
      evidence: [`docker: cgroupfs (no ${DJ}: Docker's default)`, KUBELET_CFS],
    });
  });
  it('HOST-CGROUP-DRIVER fail: daemon.json unreadable or not JSON, no docker info: the driver is unknown, said so', () => {
    expect(on('HOST-CGROUP-DRIVER', docker({ unreadable: true }), D001)).toMatchObject({
      status: 'fail',
      observed: `docker: ${DJ} is not readable (run the probe as root: sudo: true)`,
      expected: 'both cgroupfs',
    });
    expect(on('HOST-CGROUP-DRIVER', docker({ parseError: 'not valid JSON: Unexpected token' }), D001)).toMatchObject({
      status: 'fail',
      observed: `docker: ${DJ}: not valid JSON: Unexpected token`,
      expected: 'both cgroupfs',
    });
  });
  it("HOST-CGROUP-DRIVER on CRI-O: cgroup_manager with its file, unset is CRI-O's systemd, a file that is not TOML fails", () => {
    const drop = '/etc/crio/crio.conf.d/02-kubernetes.conf';
    expect(on('HOST-CGROUP-DRIVER', crio([{ path: drop, content: fx('recorded/crio-02-kubernetes.conf') }]), CRIO)).toMatchObject({
      status: 'pass',
      observed: 'both systemd',
      expected: 'cri-o and kubelet both systemd',
      evidence: [`cri-o: systemd (${drop}: cgroup_manager)`, 'kubelet: systemd (from profile (what kubeadm will write: default))'],
    });
    expect(on('HOST-CGROUP-DRIVER', crio([{ path: drop, content: '[crio.runtime]\ncgroup_manager = "cgroupfs"\n' }]), CRIO)).toMatchObject({
      status: 'fail',
      observed: 'cri-o cgroupfs, kubelet systemd: they disagree',
    });
    expect(on('HOST-CGROUP-DRIVER', crio([]), CRIO)).toMatchObject({
      status: 'pass',
      evidence: ["cri-o: systemd (cgroup_manager unset: CRI-O's default)", 'kubelet: systemd (from profile (what kubeadm will write: default))'],
    });
    const bad = on('HOST-CGROUP-DRIVER', crio([{ path: drop, content: '[crio.runtime\n' }]), CRIO);
    expect(bad).toMatchObject({ status: 'fail', expected: 'both systemd' });
    expect(bad.observed).toMatch(/^cri-o: \S.*02-kubernetes\.conf/);
  });
});

// ---- containerd: which runtime's SystemdCgroup counts (default_runtime_name), no runc table, the remediation ----
const CT = '/etc/containerd/config.toml';
const ctd = (text: string) => (m: HostFacts) => void (m.containerd = ok({ path: CT, present: true, text, config: parseContainerdConfig(text), hostsToml: [] }));
const RT = '[plugins."io.containerd.grpc.v1.cri".containerd.runtimes';
/** a version-2 config.toml with the reference's sandbox image, the default runtime named, and these runtime tables */
const v2 = (defaultRuntime: string, tables: string) =>
  `version = 2\n[plugins."io.containerd.grpc.v1.cri"]\n  sandbox_image = "harbor:443/k8s/pause:3.9"\n[plugins."io.containerd.grpc.v1.cri".containerd]\n  default_runtime_name = "${defaultRuntime}"\n${tables}`;
// runc first with SystemdCgroup = false, then nvidia (nvidia-ctk runtime configure --set-as-default) with true
const NVIDIA = v2(
  'nvidia',
  `${RT}.runc]\n  runtime_type = "io.containerd.runc.v2"\n${RT}.runc.options]\n  SystemdCgroup = false\n${RT}.nvidia]\n  runtime_type = "io.containerd.runc.v2"\n${RT}.nvidia.options]\n  BinaryName = "/usr/bin/nvidia-container-runtime"\n  SystemdCgroup = true\n`,
);
const KATA_ONLY = v2('kata', `${RT}.kata]\n  runtime_type = "io.containerd.kata.v2"\n`);
const CTD_REM = (cg: boolean, sb = 'harbor:443/k8s/pause:3.9', p = CT) =>
  `containerd config default > ${p}\n# then, in ${p} (containerd 1.x, version = 2):\n#   SystemdCgroup = ${cg}\n#   sandbox_image = "${sb}"\nsystemctl restart containerd`;

describe('HOST-CONTAINERD-CONFIG and HOST-CGROUP-DRIVER on the runtime containerd runs by default', () => {
  it('HOST-CONTAINERD-CONFIG pass: the default runtime (nvidia) has SystemdCgroup = true, the runc table listed before it does not count', () => {
    expect(on('HOST-CONTAINERD-CONFIG', ctd(NVIDIA))).toMatchObject({
      status: 'pass',
      observed: 'SystemdCgroup = true, sandbox image harbor:443/k8s/pause:3.9',
      expected: 'valid TOML; SystemdCgroup = true; sandbox image harbor:443/k8s/pause:3.9',
      evidence: [
        `${CT}: version = 2 (containerd 1.x schema)`,
        `${CT}:9: SystemdCgroup = false`,
        `${CT}:14: SystemdCgroup = true`,
        `${CT}:3: sandbox_image = "harbor:443/k8s/pause:3.9"`,
      ],
    });
    expect(on('HOST-CGROUP-DRIVER', ctd(NVIDIA))).toMatchObject({
      status: 'pass',
      evidence: [`containerd: systemd (${CT}: runtime nvidia SystemdCgroup = true)`, 'kubelet: systemd (from profile (what kubeadm will write: default))'],
    });
  });
  it('HOST-CONTAINERD-CONFIG fail: a default runtime with no table of its own falls back to the first runc-type one (false), with the command', () => {
    const text = NVIDIA.replace('default_runtime_name = "nvidia"', 'default_runtime_name = "crun"');
    expect(on('HOST-CONTAINERD-CONFIG', ctd(text))).toMatchObject({
      status: 'fail',
      observed: 'SystemdCgroup = false for runtime runc',
      remediation: CTD_REM(true),
    });
    expect(on('HOST-CGROUP-DRIVER', ctd(text))).toMatchObject({
      status: 'fail',
      observed: 'containerd cgroupfs, kubelet systemd: they disagree',
      evidence: [`containerd: cgroupfs (${CT}: runtime runc SystemdCgroup = false)`, 'kubelet: systemd (from profile (what kubeadm will write: default))'],
    });
  });
  it('HOST-CONTAINERD-CONFIG: no runc-type runtime table means cgroupfs: a fail for a systemd design, a pass for a cgroupfs one', () => {
    expect(on('HOST-CONTAINERD-CONFIG', ctd(KATA_ONLY))).toMatchObject({
      status: 'fail',
      observed: 'no runc runtime table (containerd defaults to SystemdCgroup = false)',
      evidence: [`${CT}: version = 2 (containerd 1.x schema)`, `${CT}:3: sandbox_image = "harbor:443/k8s/pause:3.9"`],
      remediation: CTD_REM(true),
    });
    expect(on('HOST-CONTAINERD-CONFIG', ctd(KATA_ONLY), { cgroupDriver: 'cgroupfs' })).toMatchObject({
      status: 'pass',
      observed: 'SystemdCgroup = unset, sandbox image harbor:443/k8s/pause:3.9',
      expected: 'valid TOML; SystemdCgroup = false; sandbox image harbor:443/k8s/pause:3.9',
    });
    expect(on('HOST-CGROUP-DRIVER', ctd(KATA_ONLY))).toMatchObject({
      status: 'fail',
      evidence: [`containerd: cgroupfs (${CT}: runtime ? SystemdCgroup = unset)`, 'kubelet: systemd (from profile (what kubeadm will write: default))'],
    });
  });
  it("HOST-CONTAINERD-CONFIG fail: SystemdCgroup unset in runc's options, no sandbox image: both named; the command carries the profile's values", () => {
    const text = v2('runc', `${RT}.runc]\n  runtime_type = "io.containerd.runc.v2"\n${RT}.runc.options]\n  BinaryName = ""\n`).replace(
      / {2}sandbox_image = .*\n/,
      '',
    );
    const r = on('HOST-CONTAINERD-CONFIG', ctd(text), {
      cgroupDriver: 'systemd',
      sandboxImage: 'registry.k8s.io/pause:3.9',
      runtime: { name: 'containerd', configPath: '/etc/containerd/k8s.toml', service: 'containerd' },
    });
    expect(r).toMatchObject({
      status: 'fail',
      observed:
        'SystemdCgroup = unset (defaults to false) for runtime runc; sandbox image unset (containerd default registry.k8s.io/pause) ≠ registry.k8s.io/pause:3.9',
      evidence: [`${CT}: version = 2 (containerd 1.x schema)`],
      remediation: CTD_REM(true, 'registry.k8s.io/pause:3.9', '/etc/containerd/k8s.toml'),
    });
    // not parsed at all: the same command, nothing else to show
    const broken = on(
      'HOST-CONTAINERD-CONFIG',
      (m) => void (m.containerd = ok({ path: CT, present: true, text: 'x', parseError: 'config.toml is not valid TOML: x', hostsToml: [] })),
      {
        cgroupDriver: 'cgroupfs',
      },
    );
    expect(broken).toMatchObject({ status: 'fail', observed: 'config.toml is not valid TOML: x', evidence: [], remediation: CTD_REM(false) });
    // present, no parse error and still no config: "not parsed"
    expect(on('HOST-CONTAINERD-CONFIG', (m) => void (m.containerd = ok({ path: CT, present: true, hostsToml: [] })))).toMatchObject({
      status: 'fail',
      observed: 'not parsed',
    });
  });
});

// ---- HOST-CRI-SOCKET: /run and /var/run both ways, which sockets the evidence shows, the commands ----
const socks = (s: Record<string, 'socket' | 'other' | 'absent'>) => (m: HostFacts) => void (m.criSockets = ok(s));
describe('HOST-CRI-SOCKET', () => {
  it('HOST-CRI-SOCKET pass: the profile names /run, the host shows the socket under /var/run (the same directory)', () => {
    expect(on('HOST-CRI-SOCKET', socks({ '/var/run/containerd/containerd.sock': 'socket' }))).toMatchObject({
      status: 'pass',
      observed: '/run/containerd/containerd.sock exists',
      expected: '/run/containerd/containerd.sock is a socket',
      evidence: ['/var/run/containerd/containerd.sock: socket'],
    });
  });
  it("HOST-CRI-SOCKET fail: the evidence shows every socket found and the profile's own path even when absent; the command starts the runtime", () => {
    const r = on(
      'HOST-CRI-SOCKET',
      socks({
        '/var/run/docker.sock': 'socket',
        '/run/containerd/containerd.sock': 'absent',
        '/var/run/crio/crio.sock': 'absent',
        '/run/cri-dockerd.sock': 'other',
      }),
    );
    expect(r).toMatchObject({
      status: 'fail',
      observed: '/run/containerd/containerd.sock does not exist',
      expected: '/run/containerd/containerd.sock is a socket',
      evidence: ['/var/run/docker.sock: socket', '/run/containerd/containerd.sock: absent', '/run/cri-dockerd.sock: other'],
      remediation: 'systemctl enable --now containerd   # creates /run/containerd/containerd.sock',
    });
    expect(on('HOST-CRI-SOCKET', socks({}))).toMatchObject({ status: 'fail', evidence: ['/run/containerd/containerd.sock: absent'] });
  });
  it('HOST-CRI-SOCKET fail: dockershim asked of kubeadm 1.24+, with the way out (cri-dockerd or containerd)', () => {
    expect(
      on('HOST-CRI-SOCKET', socks({ '/var/run/docker.sock': 'socket' }), {
        runtime: { name: 'docker', configPath: DJ, service: 'docker' },
        criSocket: 'unix:///var/run/dockershim.sock',
        cgroupDriver: 'systemd',
      }),
    ).toMatchObject({
      status: 'fail',
      remediation:
        'Install cri-dockerd and set criSocket: unix:///var/run/cri-dockerd.sock, or move to containerd (criSocket: unix:///var/run/containerd/containerd.sock).',
    });
  });
});

// ---- HOST-CONTAINERD-SECURITY: which credentials, commented lines, key=value without blanks ----
describe('HOST-CONTAINERD-SECURITY', () => {
  const AUTH = '[plugins."io.containerd.grpc.v1.cri".registry.configs."192.168.88.3:443".auth]';
  it('HOST-CONTAINERD-SECURITY warn: password and identitytoken named (values not shown), the lines found, a commented one not', () => {
    const text = `version = 2\n${AUTH}\n  username = "admin"\n  password="Kill-Sec-Pass-PLANTED"\n  # auth = "old"\n  identitytoken = "Kill-Sec-Tok-PLANTED"\n`;
    const r = on('HOST-CONTAINERD-SECURITY', ctd(text));
    expect(r).toMatchObject({
      status: 'warn',
      observed: 'registry.configs."192.168.88.3:443".auth holds plaintext credentials (password, identitytoken; values not shown)',
      expected: 'insecure_skip_verify not true; no username/password/auth/identitytoken in config.toml',
      evidence: [`${CT}:4: password = <redacted>`, `${CT}:6: identitytoken = <redacted>`],
    });
    const auth = on('HOST-CONTAINERD-SECURITY', ctd(`version = 2\n${AUTH}\n  auth = "Kill-Sec-Auth-PLANTED"\n`));
    expect(auth).toMatchObject({ status: 'warn', observed: 'registry.configs."192.168.88.3:443".auth holds plaintext credentials (auth; values not shown)' });
  });
  it('HOST-CONTAINERD-SECURITY pass: an auth table with a username only holds no credential', () => {
    expect(on('HOST-CONTAINERD-SECURITY', ctd(`version = 2\n${AUTH}\n  username = "admin"\n`))).toMatchObject({
      status: 'pass',
      observed: 'TLS verified, no credentials in config.toml',
      evidence: [],
    });
  });
});

// ---- HOST-SERVICES: the kubelet unit when the kubelet is no package, a unit systemd does not know ----
const svc = (m: HostFacts) =>
  value<{ systemd: boolean; pid1: string; units: Record<string, { active: string; enabled: string; method: string }> }>(
    m.services as { ok: boolean; value?: never },
  );
describe('HOST-SERVICES', () => {
  it('HOST-SERVICES pass: kubelet installed as a binary (no kubelet package, no snap) is still the unit kubelet; no packages fact is no matter', () => {
    const r = on('HOST-SERVICES', binaryInstall);
    expect(r).toMatchObject({
      status: 'pass',
      observed: 'containerd active + enabled, kubelet enabled',
      evidence: ['method: systemctl', 'containerd: active, enabled', expect.stringMatching(/^kubelet: \S+, enabled$/)],
    });
    expect(on('HOST-SERVICES', (m) => void (m.packages = { ok: false, error: 'section packages missing' }))).toMatchObject({ status: 'pass' });
  });
  it('HOST-SERVICES fail: no kubelet unit known at all, no systemd and no PID 1 name: unknown, said so', () => {
    const r = on('HOST-SERVICES', (m) => {
      const s = svc(m);
      delete s.units.kubelet;
      s.systemd = false;
      s.pid1 = '';
    });
    expect(r).toMatchObject({
      status: 'fail',
      observed: 'kubelet unknown',
      evidence: [
        'method: no systemd (PID 1 is unknown): running processes and /etc/systemd/system/*.wants links',
        'containerd: active, enabled',
        'kubelet: unknown, unknown',
      ],
      remediation: 'systemctl enable --now containerd.service && systemctl enable kubelet.service',
    });
  });
});

// ---- HOST-TIME-SYNC with two daemons and two servers: every list joined as written ----
describe('HOST-TIME-SYNC, two of each', () => {
  const ts = (t: Record<string, unknown>) => (m: HostFacts) => void (m.timeSync = ok(t as never));
  const two = (m: HostFacts) => void (svc(m).units.ntpd = { active: 'active', enabled: 'enabled', method: 'systemctl' });
  const SERVERS = { timeSync: { servers: ['192.168.88.1', '192.168.88.2'] } } as Partial<Profile>;
  const REM =
    "dnf -y install chrony && printf 'server %s iburst\\n' 192.168.88.1 192.168.88.2 >> /etc/chrony.conf && systemctl enable --now chronyd && chronyc sources";
  const src = (address: string, state = '*') => ({ state, address, line: `^${state} ${address}  2  6  377  12  +1ms[ +1ms] +/- 20ms`, mode: '^' });
  const conf = [{ kind: 'server', name: '192.168.88.1', file: '/etc/chrony.conf', line: 3 }];
  it('HOST-TIME-SYNC pass: chronyd and ntpd both running, synchronised; the evidence keeps six sync lines of the raw output', () => {
    const raw = [
      'NTPSynchronized=yes',
      'Timezone=UTC',
      'Leap status     : Normal',
      'Reference ID    : C0A85801 (192.168.88.1)',
      'System time     : 0.000001 seconds fast of NTP time',
      'ntpstat: synchronised to NTP server',
      '^* 192.168.88.1  2  6  377  12  +1ms[ +1ms] +/- 20ms',
      'synchronised again',
    ].join('\n');
    expect(on('HOST-TIME-SYNC', (m) => (two(m), ts({ ntpSynchronized: true, raw })(m)))).toMatchObject({
      status: 'pass',
      observed: 'chronyd, ntpd synchronised',
      evidence: [
        'active time daemons: chronyd, ntpd',
        'NTPSynchronized=yes',
        'Leap status     : Normal',
        'Reference ID    : C0A85801 (192.168.88.1)',
        'System time     : 0.000001 seconds fast of NTP time',
        'ntpstat: synchronised to NTP server',
        '^* 192.168.88.1  2  6  377  12  +1ms[ +1ms] +/- 20ms',
      ],
    });
  });
  it('HOST-TIME-SYNC warn: two daemons not synchronised, or synchronised with servers unreadable, or elsewhere: each message with both', () => {
    expect(on('HOST-TIME-SYNC', (m) => (two(m), ts({ ntpSynchronized: false, raw: 'NTPSynchronized=no' })(m)), SERVERS)).toMatchObject({
      status: 'warn',
      observed: 'chronyd, ntpd running, not synchronised (or sync state unknown)',
      expected: 'a time daemon active and synchronised to one of 192.168.88.1, 192.168.88.2',
      remediation: REM,
    });
    expect(on('HOST-TIME-SYNC', (m) => (two(m), ts({ ntpSynchronized: true })(m)), SERVERS)).toMatchObject({
      status: 'warn',
      observed: 'chronyd, ntpd synchronised, but its servers cannot be read (no chronyc)',
      remediation: REM,
    });
    expect(on('HOST-TIME-SYNC', ts({ ntpSynchronized: true, chronySources: [src('192.168.88.1', '+')], chronyServers: conf }), SERVERS)).toMatchObject({
      status: 'warn',
      remediation: REM,
    });
    expect(on('HOST-TIME-SYNC', ts({ ntpSynchronized: true, chronySources: [src('10.0.0.9')], chronyServers: [] }), SERVERS)).toMatchObject({
      status: 'warn',
      observed: 'synchronised to 10.0.0.9, not one of 192.168.88.1, 192.168.88.2',
      remediation: REM,
    });
    expect(
      on('HOST-TIME-SYNC', (m) => (two(m), ts({ ntpSynchronized: true, chronySources: [src('10.0.0.9')], chronyServers: conf })(m)), SERVERS),
    ).toMatchObject({
      status: 'pass',
      observed: 'chronyd, ntpd synchronised to 10.0.0.9 (chrony.conf lists only 192.168.88.1, 192.168.88.2)',
    });
  });
});

// ---- HOST-PACKAGES, the package side: a binary that agrees, snaps on a worker, RHEL 10 ----
describe('HOST-PACKAGES, packages', () => {
  it('HOST-PACKAGES pass: binaries that report the package version add nothing to the evidence; one that differs says so', () => {
    const same = on('HOST-PACKAGES', (m) => void (m.binaryVersions = ok({ kubeadm: '1.29.2', kubelet: '1.29.2', kubectl: '1.29.2' })));
    expect(same).toMatchObject({ status: 'pass' });
    expect(same.evidence.slice(0, 3)).toEqual(['rpm: kubeadm 1.29.2-150500.1.1', 'rpm: kubelet 1.29.2-150500.1.1', 'rpm: kubectl 1.29.2-150500.1.1']);
    const differs = on('HOST-PACKAGES', (m) => void (m.binaryVersions = ok({ kubeadm: '1.29.2', kubelet: '1.29.3', kubectl: '1.29.2' })));
    expect(differs).toMatchObject({ status: 'fail', observed: 'kubelet 1.29.3 ≠ 1.29.2' });
    expect(differs.evidence[1]).toBe('rpm: kubelet 1.29.2-150500.1.1; the binary says v1.29.3 (kubelet version), which is what runs');
  });
  it('HOST-PACKAGES fail on a snap worker: the snap command installs kubeadm and kubelet only, then the packages by apt', () => {
    const r = on(
      'HOST-PACKAGES',
      (m) => {
        m.os = ok({ id: 'ubuntu', idLike: ['debian'], versionId: '20.04', prettyName: 'Ubuntu 20.04.6 LTS', family: 'debian' as const });
        Object.assign(pk(m), {
          manager: 'dpkg',
          installed: { 'containerd.io': '1.6.28-1', ipvsadm: '1:1.31-1', ipset: '7.5-1~exp1', iproute2: '5.5.0-1ubuntu1', 'cri-tools': '1.29.0-1.1' },
          snaps: { kubeadm: '1.29.1', kubelet: '1.29.2', core20: '20240111' },
        });
        delete m.binaryVersions;
      },
      undefined,
      'node-0001',
    );
    expect(r).toMatchObject({
      status: 'fail',
      observed: 'kubeadm 1.29.1 ≠ 1.29.2',
      remediation:
        'for s in kubeadm kubelet; do snap install "$s" --classic --channel=1.29/stable; done && apt-get install -y containerd ipvsadm ipset iproute2 cri-tools',
    });
    expect(r.evidence.slice(0, 2)).toEqual(['snap: kubeadm 1.29.1', 'snap: kubelet 1.29.2']);
  });
  it('HOST-PACKAGES pass: a kube tool both in rpm and in snap is judged and shown as the rpm package', () => {
    const r = on('HOST-PACKAGES', (m) => {
      pk(m).snaps = { kubeadm: '1.29.3', kubelet: '1.29.2' };
      delete m.binaryVersions;
    });
    expect(r).toMatchObject({ status: 'pass', observed: 'all installed' });
    expect(r.evidence.slice(0, 2)).toEqual(['rpm: kubeadm 1.29.2-150500.1.1', 'rpm: kubelet 1.29.2-150500.1.1']);
  });
  it('HOST-PACKAGES fail on Rocky 10 (versionId 10.0): not EL7 — dnf and iproute-tc', () => {
    const r = on('HOST-PACKAGES', (m) => {
      m.os = ok({ id: 'rocky', idLike: ['rhel', 'centos', 'fedora'], versionId: '10.0', prettyName: 'Rocky Linux 10.0 (Red Quartz)', family: 'rhel' as const });
      delete pk(m).installed.ipset;
    });
    expect(r).toMatchObject({
      status: 'fail',
      observed: 'ipset missing',
      remediation: 'dnf -y install kubeadm-1.29.2 kubelet-1.29.2 kubectl-1.29.2 containerd.io ipvsadm ipset iproute-tc cri-tools',
    });
  });
});

// ---- HOST-CONTAINERD-MIRRORS with a plain-HTTP registry at a path: the TLS/auth section named by host:port ----
describe('HOST-CONTAINERD-MIRRORS, registry endpoints', () => {
  it('HOST-CONTAINERD-MIRRORS fail: http://…:5000/k8s — the section looked up is 192.168.88.3:5000 (scheme and path dropped)', () => {
    const r = on('HOST-CONTAINERD-MIRRORS', undefined, { registry: { enabled: true, name: 'harbor:443', endpoint: 'http://192.168.88.3:5000/k8s/' } });
    expect(r).toMatchObject({
      status: 'fail',
      expected: 'mirrors for docker.io and harbor:443 → http://192.168.88.3:5000/k8s; a TLS/auth section for 192.168.88.3:5000',
      observed:
        'mirror for docker.io → https://192.168.88.3:443, not http://192.168.88.3:5000/k8s; mirror for harbor:443 → https://192.168.88.3:443, not http://192.168.88.3:5000/k8s; no registry.configs."192.168.88.3:5000" section (TLS/auth for the registry)',
    });
  });
});

describe('HOST-BINARIES, HOST-CGROUP-DRIVER: the words of the last cases', () => {
  it('HOST-BINARIES warn: two optional ones missing, both named in order', () => {
    expect(on('HOST-BINARIES', (m) => (delete bins(m).socat, void delete bins(m).touch))).toMatchObject({ status: 'warn', observed: 'missing: socat, touch' });
  });
  it("HOST-CGROUP-DRIVER pass: the profile's cgroupDriver named with where it was set; a kubelet drop-in without the flag is no config.yaml", () => {
    const ctx = ctxOf(
      (m) =>
        void (m.kubelet = ok({
          files: [
            {
              path: '/etc/systemd/system/kubelet.service.d/10-kubeadm.conf',
              content: '[Service]\nEnvironment="KUBELET_KUBECONFIG_ARGS=--kubeconfig=/etc/kubernetes/kubelet.conf"\n',
            },
          ],
        })),
    );
    ctx.profile.origin = { ...ctx.profile.origin, cgroupDriver: 'lab/cluster-profile.yaml' };
    expect(judge('HOST-CGROUP-DRIVER', ctx, 'master')).toMatchObject({
      status: 'pass',
      evidence: [
        `containerd: systemd (${CT}: runtime runc SystemdCgroup = true)`,
        'kubelet: systemd (from profile (what kubeadm will write: lab/cluster-profile.yaml))',
      ],
    });
  });
});

describe('the last survivors of the first AFTER run', () => {
  it('HOST-DOCKER-CONFIG pass: Docker 17.12 on kubeadm 1.13 (validated up to 18.06) is older, not newer: no warning', () => {
    const r = on(
      'HOST-DOCKER-CONFIG',
      (m) => {
        delete pk(m).installed['containerd.io'];
        pk(m).installed['docker-ce'] = '17.12.1.ce-1.el7.centos';
        m.docker = ok({ path: DJ, present: false });
      },
      D001,
    );
    expect(r).toMatchObject({ status: 'pass', observed: 'cgroup driver cgroupfs, Docker 17.12.1' });
  });
  it('HOST-CRI-SOCKET fail on CRI-O: the command starts crio and names its socket', () => {
    expect(on('HOST-CRI-SOCKET', socks({}), CRIO)).toMatchObject({
      status: 'fail',
      observed: '/var/run/crio/crio.sock does not exist',
      remediation: 'systemctl enable --now crio   # creates /var/run/crio/crio.sock',
    });
  });
  it("HOST-TIME-SYNC pass: chrony.conf not read (no server lines known) while the selected source is the profile's server", () => {
    const t = {
      ntpSynchronized: true,
      chronySources: [{ state: '*', address: '192.168.88.1', line: '^* 192.168.88.1  2  6  377  12  +1ms[ +1ms] +/- 20ms', mode: '^' }],
    };
    expect(on('HOST-TIME-SYNC', (m) => void (m.timeSync = ok(t as never)), { timeSync: { servers: ['192.168.88.1'] } } as Partial<Profile>)).toMatchObject({
      status: 'pass',
      observed: 'chronyd synchronised to 192.168.88.1',
      evidence: ['active time daemons: chronyd', 'chronyc sources: ^* 192.168.88.1  2  6  377  12  +1ms[ +1ms] +/- 20ms'],
    });
  });
});
