// Runtime judges of the other designs (lib/requirements/preflight/runtime.ts): HOST-DOCKER-CONFIG (001's Docker),
// HOST-CRIO-CONFIG (CRI-O) and HOST-CONTAINERD-MIRRORS (the reference's registry mirrors), case by case, each with its
// status AND the words a user reads (observed, expected, evidence, remediation). Written against the mutants StrykerJS
// left alive (docs/mutation/2026-12-03-runtime2-*.txt). Test names carry the status for mutation-summary.ts.
// Stand-ins: the reference hosts of test/helpers/reference.ts, edited per case into a Docker or CRI-O host: daemon.json
// and crio.conf texts as the documents and kubeadm's CRI-O page write them, recorded `docker info` of Docker 18.06 and
// 20.10 (fixtures/recorded/), the recorded containerd config.toml of fixtures/containerd/; no SSH, no lab.
import { describe, expect, it } from 'vitest';
import type { Profile } from '../../lib/config/profile.ts';
import { parseContainerdConfig } from '../../lib/facts/containerd.ts';
import { parseDaemonJson, parseDockerInfo, type DockerFacts } from '../../lib/facts/docker.ts';
import type { HostFacts } from '../../lib/probe/facts.ts';
import type { RunContext } from '../../lib/requirements/define.ts';
import { crioFacts, judge, ok } from '../helpers/facts.ts';
import { fx, twoHosts } from '../helpers/reference.ts';

function ctxOf(edit: (m: HostFacts) => void, profile: Partial<Profile> = {}): RunContext {
  const ctx = twoHosts((m) => edit(m));
  ctx.profile = { ...ctx.profile, ...profile };
  return ctx;
}
const on = (id: string, edit: (m: HostFacts) => void, profile: Partial<Profile> = {}) => judge(id, ctxOf(edit, profile), 'master');
const installed = (m: HostFacts) => (m.packages as { ok: true; value: { manager: string; installed: Record<string, string> } }).value;

// ---- Docker (design 001: kubeadm 1.13.1, Docker 18.06.1-ce, cgroupfs, dockershim) ----
const D001: Partial<Profile> = {
  kubernetesVersion: '1.13.1',
  runtime: { name: 'docker', configPath: '/etc/docker/daemon.json', service: 'docker' },
  criSocket: 'unix:///var/run/dockershim.sock',
  cgroupDriver: 'cgroupfs',
};
const DJ = '/etc/docker/daemon.json';
/** daemon.json as the probe's fact holds it: the text, and what parseDaemonJson made of it (or its error). */
function daemonJson(text: string): DockerFacts {
  try {
    return { path: DJ, present: true, text, config: parseDaemonJson(text) };
  } catch (e) {
    return { path: DJ, present: true, text, parseError: (e as Error).message };
  }
}
/** A CentOS 7 host with docker-ce 18.06.1 from Docker's yum repository, the daemon.json (or none) and `docker info`. */
const dockerHost =
  (d: Partial<DockerFacts> = {}, pkg: Record<string, string> = { 'docker-ce': '18.06.1.ce-3.el7' }) =>
  (m: HostFacts) => {
    const p = installed(m);
    delete p.installed['containerd.io'];
    Object.assign(p.installed, pkg);
    m.docker = ok({ path: DJ, present: false, ...d });
  };
const INFO_1806 = parseDockerInfo(fx('recorded/docker-18.06-centos7-info.txt'));
const INFO_2010 = parseDockerInfo(fx('recorded/docker-20.10-centos7-info.txt'));
const EXP_001 = `${DJ} valid JSON; cgroup driver cgroupfs; no insecure-registries; Docker validated for kubeadm 1.13.1`;
const REM_001 = `cat > ${DJ} <<'EOF'\n{\n  "exec-opts": [\n    "native.cgroupdriver=cgroupfs"\n  ]\n}\nEOF\nsystemctl restart docker`;
// 003's daemon.json (the document's, with the mirror as 000 六 writes it)
const DJ_003 = `{
  "exec-opts": ["native.cgroupdriver=systemd"],
  "registry-mirrors": ["https://harbor:443/"],
  "log-driver": "json-file"
}
`;

describe('HOST-DOCKER-CONFIG', () => {
  it('HOST-DOCKER-CONFIG skip: a containerd design, saying which runtime it has', () => {
    expect(on('HOST-DOCKER-CONFIG', () => {})).toMatchObject({
      status: 'skip',
      reason: "the design's runtime is containerd, not docker (profile runtime.name)",
    });
  });
  it('HOST-DOCKER-CONFIG pass: 001 without daemon.json (Docker defaults to cgroupfs), the rpm version in the evidence', () => {
    expect(on('HOST-DOCKER-CONFIG', dockerHost(), D001)).toMatchObject({
      status: 'pass',
      observed: 'cgroup driver cgroupfs, Docker 18.06.1',
      expected: EXP_001,
      evidence: [`${DJ}: absent (Docker's defaults: cgroupfs, no mirrors)`, 'Docker version: 18.06.1 (rpm: docker-ce 18.06.1.ce-3.el7)'],
    });
  });
  it('HOST-DOCKER-CONFIG pass: the running daemon (docker info 18.06) decides the version and driver; 127.0.0.0/8 is no insecure registry', () => {
    const r = on('HOST-DOCKER-CONFIG', dockerHost({ info: INFO_1806 }, { docker: '2:1.13.1-209.git7d71120.el7.centos' }), D001);
    expect(r).toMatchObject({
      status: 'pass',
      observed: 'cgroup driver cgroupfs, Docker 18.06.1-ce',
      evidence: [
        `${DJ}: absent (Docker's defaults: cgroupfs, no mirrors)`,
        'docker info: Server Version 18.06.1-ce, Cgroup Driver cgroupfs',
        'Docker version: 18.06.1-ce (docker info)',
      ],
    });
  });
  it('HOST-DOCKER-CONFIG pass: a daemon.json with keys, each relevant line quoted with its line number', () => {
    const r = on('HOST-DOCKER-CONFIG', dockerHost(daemonJson(DJ_003)), { ...D001, cgroupDriver: 'systemd' });
    expect(r).toMatchObject({
      status: 'pass',
      observed: 'cgroup driver systemd, Docker 18.06.1',
      expected: `${DJ} valid JSON; cgroup driver systemd; no insecure-registries; Docker validated for kubeadm 1.13.1`,
      evidence: [
        `${DJ}: keys exec-opts, registry-mirrors, log-driver`,
        `${DJ}:2: "exec-opts": ["native.cgroupdriver=systemd"],`,
        `${DJ}:3: "registry-mirrors": ["https://harbor:443/"],`,
        'Docker version: 18.06.1 (rpm: docker-ce 18.06.1.ce-3.el7)',
      ],
    });
  });
  it("HOST-DOCKER-CONFIG fail: no daemon.json on a systemd design — Docker's default cgroupfs, with the daemon.json that fixes it", () => {
    const r = on('HOST-DOCKER-CONFIG', dockerHost(), { ...D001, cgroupDriver: 'systemd' });
    expect(r).toMatchObject({
      status: 'fail',
      observed: "cgroup driver cgroupfs (Docker's default) ≠ systemd",
      remediation: `cat > ${DJ} <<'EOF'\n{\n  "exec-opts": [\n    "native.cgroupdriver=systemd"\n  ]\n}\nEOF\nsystemctl restart docker`,
    });
  });
  it('HOST-DOCKER-CONFIG fail: daemon.json says systemd but the running daemon (not restarted) still uses cgroupfs', () => {
    const r = on('HOST-DOCKER-CONFIG', dockerHost({ ...daemonJson(DJ_003), info: INFO_1806 }), { ...D001, cgroupDriver: 'systemd' });
    expect(r).toMatchObject({ status: 'fail', observed: 'cgroup driver cgroupfs ≠ systemd' });
    expect(r.evidence).toContain('docker info: Server Version 18.06.1-ce, Cgroup Driver cgroupfs');
  });
  it('HOST-DOCKER-CONFIG fail: daemon.json with a trailing comma — dockerd will not start; no driver guessed', () => {
    const r = on('HOST-DOCKER-CONFIG', dockerHost(daemonJson('{ "exec-opts": ["native.cgroupdriver=cgroupfs"], }\n')), D001);
    expect(r.status).toBe('fail');
    expect(r.observed).toMatch(/^\/etc\/docker\/daemon\.json: not valid JSON: .+ \(dockerd refuses to start\)$/);
    expect(r.observed).not.toMatch(/cgroup driver/);
    expect(r.evidence).toEqual(['Docker version: 18.06.1 (rpm: docker-ce 18.06.1.ce-3.el7)']);
    expect(r.remediation).toBe(REM_001);
  });
  it('HOST-DOCKER-CONFIG error: daemon.json unreadable (probe not root)', () => {
    expect(on('HOST-DOCKER-CONFIG', dockerHost({ present: true, unreadable: true }), D001)).toMatchObject({
      status: 'error',
      reason: `${DJ} is not readable (run the probe as root: sudo: true)`,
      expected: EXP_001,
    });
  });
  it('HOST-DOCKER-CONFIG fail: the profile wants a registry mirror daemon.json lacks; a trailing slash is no difference', () => {
    const mirrors = (ms: string[]): Partial<Profile> => ({
      ...D001,
      cgroupDriver: 'systemd',
      registry: { enabled: false, name: '', endpoint: '', mirrors: ms },
    });
    const r = on('HOST-DOCKER-CONFIG', dockerHost(daemonJson(DJ_003)), mirrors(['https://harbor:443', 'https://docker.m.daocloud.io']));
    expect(r).toMatchObject({
      status: 'fail',
      observed: 'registry-mirrors lacks https://docker.m.daocloud.io',
      expected: `${DJ} valid JSON; cgroup driver systemd; registry-mirrors https://harbor:443, https://docker.m.daocloud.io; no insecure-registries; Docker validated for kubeadm 1.13.1`,
    });
    expect(r.remediation).toBe(
      `cat > ${DJ} <<'EOF'\n${JSON.stringify({ 'exec-opts': ['native.cgroupdriver=systemd'], 'registry-mirrors': ['https://harbor:443', 'https://docker.m.daocloud.io'] }, null, 2)}\nEOF\nsystemctl restart docker`,
    );
    // the running daemon's mirrors count too (docker info lists them with a trailing slash)
    const withInfo = on(
      'HOST-DOCKER-CONFIG',
      dockerHost({ ...daemonJson(DJ_003), info: { ...INFO_1806, cgroupDriver: 'systemd', registryMirrors: ['https://docker.m.daocloud.io/'] } }),
      mirrors(['https://harbor:443', 'https://docker.m.daocloud.io/']),
    );
    expect(withInfo).toMatchObject({ status: 'pass' });
  });
  it('HOST-DOCKER-CONFIG warn: insecure registries from daemon.json and docker info, once each, 127.0.0.0/8 left out', () => {
    const text = '{ "insecure-registries": ["harbor.guoran100.com", "192.168.88.3:443"] }';
    const r = on('HOST-DOCKER-CONFIG', dockerHost({ ...daemonJson(text), info: { ...INFO_2010, serverVersion: '18.06.3-ce' } }), D001);
    expect(r).toMatchObject({
      status: 'warn',
      observed: 'insecure-registries: harbor.guoran100.com, 192.168.88.3:443 (plain HTTP or unverified TLS)',
      remediation: REM_001,
    });
    expect(r.evidence).toContain(`${DJ}:1: ${text}`);
  });
  it('HOST-DOCKER-CONFIG warn: Docker 20.10 is newer than kubeadm 1.13 validated (18.06); 18.06.3 and 18.09 on 1.14 are not', () => {
    const r = on('HOST-DOCKER-CONFIG', dockerHost({ info: { ...INFO_1806, serverVersion: '20.10.8' } }), D001);
    expect(r).toMatchObject({
      status: 'warn',
      observed: 'Docker 20.10.8 is newer than the latest version kubeadm 1.13.1 validated (18.06): its preflight warns',
    });
    expect(on('HOST-DOCKER-CONFIG', dockerHost({}, { 'docker-ce': '3:18.09.9-3.el7' }), D001)).toMatchObject({
      status: 'warn',
      observed: 'Docker 18.09.9 is newer than the latest version kubeadm 1.13.1 validated (18.06): its preflight warns',
    });
    expect(on('HOST-DOCKER-CONFIG', dockerHost({}, { 'docker-ce': '3:18.09.9-3.el7' }), { ...D001, kubernetesVersion: '1.14.10' })).toMatchObject({
      status: 'pass',
      observed: 'cgroup driver cgroupfs, Docker 18.09.9',
    });
    expect(on('HOST-DOCKER-CONFIG', dockerHost({}, { 'docker-ce': '18.06.3.ce-3.el7' }), D001)).toMatchObject({ status: 'pass' });
    // Debian's docker.io package, its +dfsg suffix stripped
    expect(on('HOST-DOCKER-CONFIG', dockerHost({}, { 'docker.io': '20.10.24+dfsg1-1+b3' }), { ...D001, kubernetesVersion: '1.23.17' })).toMatchObject({
      status: 'pass',
      observed: 'cgroup driver cgroupfs, Docker 20.10.24',
      evidence: expect.arrayContaining(['Docker version: 20.10.24 (rpm: docker.io 20.10.24+dfsg1-1+b3)']),
    });
  });
  it('HOST-DOCKER-CONFIG warn: both warnings at once (20.10 on kubeadm 1.13, an insecure registry), joined', () => {
    expect(on('HOST-DOCKER-CONFIG', dockerHost({ info: INFO_2010 }), D001)).toMatchObject({
      status: 'warn',
      observed:
        'insecure-registries: harbor.guoran100.com (plain HTTP or unverified TLS); Docker 20.10.8 is newer than the latest version kubeadm 1.13.1 validated (18.06): its preflight warns',
    });
  });
  it('HOST-DOCKER-CONFIG pass: a docker info that gave no version and no driver says "?" and falls back to the package', () => {
    const r = on('HOST-DOCKER-CONFIG', dockerHost({ info: { registryMirrors: [], insecureRegistries: [] } }), D001);
    expect(r).toMatchObject({ status: 'pass', observed: 'cgroup driver cgroupfs, Docker 18.06.1' });
    expect(r.evidence).toEqual([
      `${DJ}: absent (Docker's defaults: cgroupfs, no mirrors)`,
      'docker info: Server Version ?, Cgroup Driver ?',
      'Docker version: 18.06.1 (rpm: docker-ce 18.06.1.ce-3.el7)',
    ]);
  });
  it('HOST-DOCKER-CONFIG pass: mirrors typed with any number of trailing slashes, in daemon.json or the profile', () => {
    const text = '{ "exec-opts": ["native.cgroupdriver=cgroupfs"], "registry-mirrors": ["https://harbor:443//"] }';
    const reg = (ms: string[]): Partial<Profile> => ({ ...D001, registry: { enabled: false, name: '', endpoint: '', mirrors: ms } });
    expect(on('HOST-DOCKER-CONFIG', dockerHost(daemonJson(text)), reg(['https://harbor:443']))).toMatchObject({ status: 'pass' });
    expect(on('HOST-DOCKER-CONFIG', dockerHost(daemonJson(text)), reg(['https://harbor:443//']))).toMatchObject({ status: 'pass' });
  });
  it('HOST-DOCKER-CONFIG fail: a warning joins the failure, not lost', () => {
    const r = on('HOST-DOCKER-CONFIG', dockerHost({ info: { ...INFO_2010, cgroupDriver: 'systemd' } }), D001);
    expect(r).toMatchObject({
      status: 'fail',
      observed:
        "cgroup driver systemd (Docker's default) ≠ cgroupfs; insecure-registries: harbor.guoran100.com (plain HTTP or unverified TLS); Docker 20.10.8 is newer than the latest version kubeadm 1.13.1 validated (18.06): its preflight warns",
    });
  });
  it('HOST-DOCKER-CONFIG fail: no Docker package and no docker info — not installed', () => {
    const r = on('HOST-DOCKER-CONFIG', dockerHost({}, {}), D001);
    expect(r).toMatchObject({ status: 'fail', observed: 'Docker is not installed (no docker package)' });
    expect(r.evidence).toContain('Docker version: unknown (no docker package, no docker info)');
  });
  it('HOST-DOCKER-CONFIG: kubeadm 1.28 with cri-dockerd passes without a version floor; without it, fails naming cri-dockerd', () => {
    const v128: Partial<Profile> = { ...D001, kubernetesVersion: '1.28.2', cgroupDriver: 'systemd' };
    const sysd = daemonJson('{"exec-opts":["native.cgroupdriver=systemd"]}');
    expect(
      on('HOST-DOCKER-CONFIG', dockerHost(sysd, { 'docker-ce': '3:24.0.7-1.el8' }), { ...v128, criSocket: 'unix:///var/run/cri-dockerd.sock' }),
    ).toMatchObject({ status: 'pass', observed: 'cgroup driver systemd, Docker 24.0.7' });
    // no package the probe knows (Docker from a static tarball) and no docker info: no version to name
    expect(on('HOST-DOCKER-CONFIG', dockerHost(sysd, {}), { ...v128, criSocket: 'unix:///var/run/cri-dockerd.sock' })).toMatchObject({
      status: 'pass',
      observed: 'cgroup driver systemd, Docker version unknown',
    });
    expect(on('HOST-DOCKER-CONFIG', dockerHost(sysd, { 'docker-ce': '3:24.0.7-1.el8' }), v128)).toMatchObject({
      status: 'fail',
      observed: 'kubeadm 1.28.2 has no dockershim (removed in 1.24): Docker needs cri-dockerd (criSocket unix:///var/run/cri-dockerd.sock), or use containerd',
    });
  });
});

// ---- CRI-O (kubeadm's container-runtimes page: a drop-in in /etc/crio/crio.conf.d/) ----
const CRIO: Partial<Profile> = {
  runtime: { name: 'cri-o', configPath: '/etc/crio/crio.conf', service: 'crio' },
  criSocket: 'unix:///var/run/crio/crio.sock',
  sandboxImage: 'registry.k8s.io/pause:3.9',
};
const DROPIN = '/etc/crio/crio.conf.d/02-kubernetes.conf';
const crioHost = crioFacts;
const CRIO_EXP = 'valid TOML; cgroup_manager = systemd; pause_image = registry.k8s.io/pause:3.9';
const CRIO_REM = `cat > ${DROPIN} <<'EOF'\n[crio.runtime]\ncgroup_manager = "systemd"\n[crio.image]\npause_image = "registry.k8s.io/pause:3.9"\nEOF\nsystemctl restart crio`;
// crio.conf as the CRI-O 1.24 package ships it (the two keys commented out), and the recorded kubeadm drop-in
const SHIPPED =
  '[crio]\n\n[crio.runtime]\n# cgroup_manager = "systemd"\nconmon_cgroup = "system.slice"\n\n[crio.image]\n# pause_image = "registry.k8s.io/pause:3.6"\n';

describe('HOST-CRIO-CONFIG', () => {
  it('HOST-CRIO-CONFIG skip: a containerd design', () => {
    expect(on('HOST-CRIO-CONFIG', () => {})).toMatchObject({ status: 'skip', reason: "the design's runtime is containerd, not cri-o (profile runtime.name)" });
  });
  it('HOST-CRIO-CONFIG pass: the recorded drop-in over the shipped crio.conf, each value with the file it came from', () => {
    const r = on(
      'HOST-CRIO-CONFIG',
      crioHost([
        { path: '/etc/crio/crio.conf', content: SHIPPED },
        { path: DROPIN, content: fx('recorded/crio-02-kubernetes.conf') },
      ]),
      CRIO,
    );
    expect(r).toMatchObject({
      status: 'pass',
      observed: 'cgroup_manager systemd, pause_image registry.k8s.io/pause:3.9',
      expected: CRIO_EXP,
      evidence: [`cgroup_manager = systemd (${DROPIN})`, `pause_image = registry.k8s.io/pause:3.9 (${DROPIN})`],
    });
  });
  it("HOST-CRIO-CONFIG fail: only the shipped crio.conf — cgroup_manager unset is CRI-O's systemd, pause_image unset is not the profile's", () => {
    const r = on('HOST-CRIO-CONFIG', crioHost([{ path: '/etc/crio/crio.conf', content: SHIPPED }]), CRIO);
    expect(r).toMatchObject({
      status: 'fail',
      observed: 'pause_image unset ≠ registry.k8s.io/pause:3.9',
      evidence: ['cgroup_manager = unset (CRI-O default systemd)', 'pause_image = unset (CRI-O default registry.k8s.io/pause)'],
      remediation: CRIO_REM,
    });
    // on a cgroupfs design, the unset manager is CRI-O's systemd, and says so
    expect(on('HOST-CRIO-CONFIG', crioHost([{ path: '/etc/crio/crio.conf', content: SHIPPED }]), { ...CRIO, cgroupDriver: 'cgroupfs' })).toMatchObject({
      status: 'fail',
      observed: 'cgroup_manager systemd (default) ≠ cgroupfs; pause_image unset ≠ registry.k8s.io/pause:3.9',
      remediation: `cat > ${DROPIN} <<'EOF'\n[crio.runtime]\ncgroup_manager = "cgroupfs"\n[crio.image]\npause_image = "registry.k8s.io/pause:3.9"\nEOF\nsystemctl restart crio`,
    });
  });
  it('HOST-CRIO-CONFIG pass: cgroupfs design with cgroup_manager = "cgroupfs" (a later drop-in wins)', () => {
    const later = { path: '/etc/crio/crio.conf.d/10-cgroupfs.conf', content: '[crio.runtime]\ncgroup_manager = "cgroupfs"\n' };
    const r = on('HOST-CRIO-CONFIG', crioHost([{ path: DROPIN, content: fx('recorded/crio-02-kubernetes.conf') }, later]), {
      ...CRIO,
      cgroupDriver: 'cgroupfs',
    });
    expect(r).toMatchObject({
      status: 'pass',
      observed: 'cgroup_manager cgroupfs, pause_image registry.k8s.io/pause:3.9',
      evidence: [`cgroup_manager = cgroupfs (${later.path})`, `pause_image = registry.k8s.io/pause:3.9 (${DROPIN})`],
    });
  });
  it("HOST-CRIO-CONFIG pass: a drop-in that sets only pause_image — CRI-O's default systemd is the design's", () => {
    const r = on('HOST-CRIO-CONFIG', crioHost([{ path: DROPIN, content: '[crio.image]\npause_image = "registry.k8s.io/pause:3.9"\n' }]), CRIO);
    expect(r).toMatchObject({ status: 'pass', observed: 'cgroup_manager systemd, pause_image registry.k8s.io/pause:3.9' });
  });
  it("HOST-CRIO-CONFIG fail: with no file or a broken one, the fix is the design's drop-in (its pause image, its driver)", () => {
    const p36: Partial<Profile> = { ...CRIO, cgroupDriver: 'cgroupfs', sandboxImage: 'registry.k8s.io/pause:3.6' };
    const rem = `cat > ${DROPIN} <<'EOF'\n[crio.runtime]\ncgroup_manager = "cgroupfs"\n[crio.image]\npause_image = "registry.k8s.io/pause:3.6"\nEOF\nsystemctl restart crio`;
    expect(on('HOST-CRIO-CONFIG', crioHost([]), p36)).toMatchObject({ status: 'fail', remediation: rem });
    expect(on('HOST-CRIO-CONFIG', crioHost([{ path: DROPIN, content: '[crio.image\n' }]), p36)).toMatchObject({ status: 'fail', remediation: rem });
  });
  it('HOST-CRIO-CONFIG fail: no crio.conf and no drop-in, naming both places', () => {
    expect(on('HOST-CRIO-CONFIG', crioHost([]), CRIO)).toMatchObject({
      status: 'fail',
      observed: 'neither /etc/crio/crio.conf nor /etc/crio/crio.conf.d/*.conf exists',
      expected: CRIO_EXP,
      evidence: [],
      remediation: CRIO_REM,
    });
  });
  it('HOST-CRIO-CONFIG fail: a drop-in that is not TOML (an unquoted value), naming the file', () => {
    const r = on('HOST-CRIO-CONFIG', crioHost([{ path: DROPIN, content: '[crio.image]\npause_image = registry.k8s.io/pause:3.9\n' }]), CRIO);
    expect(r).toMatchObject({ status: 'fail', evidence: [], remediation: CRIO_REM });
    expect(r.observed).toMatch(/^\/etc\/crio\/crio\.conf\.d\/02-kubernetes\.conf is not valid TOML: /);
  });
});

// ---- containerd's registry mirrors (the reference design 000: harbor:443 at https://192.168.88.3:443) ----
const CT = '/etc/containerd/config.toml';
const REF = fx('containerd/reference-v2.toml');
/** config.toml as the probe's fact holds it: the text, and what parseContainerdConfig made of it (or its error). */
const ctd =
  (text: string, hostsToml: unknown[] = []) =>
  (m: HostFacts) => {
    let config, parseError;
    try {
      config = parseContainerdConfig(text);
    } catch (e) {
      parseError = (e as Error).message;
    }
    m.containerd = ok({ path: CT, present: true, text, config, parseError, hostsToml }) as HostFacts['containerd'];
  };
const MIR_EXP = 'mirrors for docker.io and harbor:443 → https://192.168.88.3:443; a TLS/auth section for 192.168.88.3:443';
const MIR_REM = `In ${CT} (version = 2):
[plugins."io.containerd.grpc.v1.cri".registry.mirrors."docker.io"]
  endpoint = ["https://192.168.88.3:443"]
[plugins."io.containerd.grpc.v1.cri".registry.mirrors."harbor:443"]
  endpoint = ["https://192.168.88.3:443"]
[plugins."io.containerd.grpc.v1.cri".registry.configs."192.168.88.3:443".tls]
  ca_file = "/etc/containerd/certs.d/harbor-ca.crt"
then: systemctl restart containerd`;
/** line number (1-based) of the first line of `text` containing `s` */
const lineOf = (text: string, s: string) => text.split('\n').findIndex((l) => l.includes(s)) + 1;

describe('HOST-CONTAINERD-MIRRORS', () => {
  it('HOST-CONTAINERD-MIRRORS pass: the reference config.toml, its mirror and configs lines quoted', () => {
    const r = on('HOST-CONTAINERD-MIRRORS', () => {});
    const at = (s: string) => `${CT}:${lineOf(REF, s)}: ${REF.split('\n')[lineOf(REF, s) - 1]!.trim()}`;
    expect(r).toMatchObject({ status: 'pass', observed: 'mirrors → https://192.168.88.3:443', expected: MIR_EXP });
    expect(r.evidence).toEqual(
      expect.arrayContaining([
        at('registry.mirrors."docker.io"]'),
        at('registry.mirrors."harbor:443"]'),
        at('registry.configs."192.168.88.3:443".tls]'),
        at('endpoint = ["https://192.168.88.3:443"]'),
      ]),
    );
  });
  it('HOST-CONTAINERD-MIRRORS skip: a Docker design, and a design without a private registry', () => {
    expect(on('HOST-CONTAINERD-MIRRORS', () => {}, D001)).toMatchObject({
      status: 'skip',
      reason: "the design's runtime is docker, not containerd (profile runtime.name)",
    });
    expect(on('HOST-CONTAINERD-MIRRORS', () => {}, { registry: { enabled: false, name: '', endpoint: '' } })).toMatchObject({
      status: 'skip',
      reason: 'the design has no private registry (profile registry: none): no mirrors to check',
    });
  });
  it("HOST-CONTAINERD-MIRRORS fail: containerd's default config (no mirrors, no configs), with the sections to add", () => {
    const r = on('HOST-CONTAINERD-MIRRORS', ctd(fx('recorded/containerd-1.6-default.toml')));
    expect(r).toMatchObject({
      status: 'fail',
      observed: 'no mirror for docker.io; no mirror for harbor:443; no registry.configs."192.168.88.3:443" section (TLS/auth for the registry)',
      expected: MIR_EXP,
      remediation: MIR_REM,
    });
  });
  it('HOST-CONTAINERD-MIRRORS fail: a mirror to another endpoint, and one copied from a web page that rewrote its link', () => {
    const text = REF.replace(
      /(mirrors\."docker\.io"\]\n\s*endpoint = )\["https:\/\/192\.168\.88\.3:443"\]/,
      '$1["https://ptop.only.wip.la/192.168.88.3:443"]',
    ).replace(/(mirrors\."harbor:443"\]\n\s*endpoint = )\["https:\/\/192\.168\.88\.3:443"\]/, '$1["https://192.168.88.30:443/", "https://harbor:443"]');
    const r = on('HOST-CONTAINERD-MIRRORS', ctd(text));
    expect(r).toMatchObject({
      status: 'fail',
      observed:
        'mirror for docker.io → https://ptop.only.wip.la/192.168.88.3:443, not https://192.168.88.3:443 (the endpoint was copied from a web page that rewrote links); mirror for harbor:443 → https://192.168.88.30:443, https://harbor:443, not https://192.168.88.3:443',
    });
  });
  it('HOST-CONTAINERD-MIRRORS pass: an endpoint with a trailing slash, in the profile or the file, is the same endpoint', () => {
    const text = REF.replaceAll('endpoint = ["https://192.168.88.3:443"]', 'endpoint = ["https://192.168.88.3:443/"]');
    expect(on('HOST-CONTAINERD-MIRRORS', ctd(text))).toMatchObject({ status: 'pass' });
    expect(on('HOST-CONTAINERD-MIRRORS', () => {}, { registry: { enabled: true, name: 'harbor:443', endpoint: 'https://192.168.88.3:443//' } })).toMatchObject({
      status: 'pass',
      observed: 'mirrors → https://192.168.88.3:443',
      expected: MIR_EXP,
    });
  });
  it('HOST-CONTAINERD-MIRRORS fail: the registry.confgs typo, its line quoted, and no configs section', () => {
    const text = fx('containerd/registry-typo-v2.toml');
    const r = on('HOST-CONTAINERD-MIRRORS', ctd(text));
    expect(r).toMatchObject({
      status: 'fail',
      observed:
        'unknown key(s) under the registry table: confgs (misspelled? containerd ignores them); no registry.configs."192.168.88.3:443" section (TLS/auth for the registry)',
    });
    expect(r.evidence).toContain(`${CT}:${lineOf(text, 'registry.confgs]')}: [plugins."io.containerd.grpc.v1.cri".registry.confgs]`);
  });
  it('HOST-CONTAINERD-MIRRORS fail: a hand-written config.toml with two misspelt tables, endpoint= unspaced, trailing slashes', () => {
    const text = [
      'version = 2',
      '[plugins."io.containerd.grpc.v1.cri".registry.mirrors."docker.io"]',
      '  endpoint=["https://192.168.88.3:443//"]',
      '[plugins."io.containerd.grpc.v1.cri".registry.mirrors."harbor:443"]',
      '  endpoint=["https://192.168.88.3:443/"]',
      '[plugins."io.containerd.grpc.v1.cri".registry.confgs."192.168.88.3:443".tls]',
      '  ca_file = "/etc/containerd/certs.d/harbor-ca.crt"',
      '[plugins."io.containerd.grpc.v1.cri".registry.mirror."quay.io"]',
      '  endpoint=["https://192.168.88.3:443"]',
      '',
    ].join('\n');
    const r = on('HOST-CONTAINERD-MIRRORS', ctd(text));
    expect(r).toMatchObject({
      status: 'fail',
      observed:
        'unknown key(s) under the registry table: confgs, mirror (misspelled? containerd ignores them); no registry.configs."192.168.88.3:443" section (TLS/auth for the registry)',
    });
    const line = (n: number) => `${CT}:${n}: ${text.split('\n')[n - 1]!.trim()}`;
    expect(r.evidence).toEqual(expect.arrayContaining([line(3), line(5), line(6), line(8), line(9)]));
  });
  it('HOST-CONTAINERD-MIRRORS fail: config.toml not parsed, or absent', () => {
    expect(on('HOST-CONTAINERD-MIRRORS', ctd(fx('containerd/broken.toml')))).toMatchObject({
      status: 'fail',
      expected: MIR_EXP,
      observed: 'config.toml is not valid TOML: Invalid TOML document: illegal character in key',
    });
    expect(
      on('HOST-CONTAINERD-MIRRORS', (m) => void (m.containerd = ok({ path: CT, present: false, hostsToml: [] }) as HostFacts['containerd'])),
    ).toMatchObject({ status: 'fail', observed: `${CT} does not exist`, expected: MIR_EXP });
  });
  describe('config_path (hosts.toml under certs.d)', () => {
    const V3 = fx('containerd/reference-v3.toml');
    const hostsFor = (r: string, server: string, url = 'https://192.168.88.3:443') => ({
      registry: r,
      path: `/etc/containerd/certs.d/${r}/hosts.toml`,
      server,
      hosts: [{ url }],
    });
    const BOTH = [hostsFor('harbor:443', 'https://harbor:443'), hostsFor('docker.io', 'https://registry-1.docker.io')];
    it('HOST-CONTAINERD-MIRRORS pass: hosts.toml for both registries, each in the evidence', () => {
      expect(on('HOST-CONTAINERD-MIRRORS', ctd(V3, BOTH))).toMatchObject({
        status: 'pass',
        evidence: [
          `${CT}: config_path = "/etc/containerd/certs.d" (mirrors read from hosts.toml)`,
          '/etc/containerd/certs.d/docker.io/hosts.toml: server = https://registry-1.docker.io; hosts: https://192.168.88.3:443',
          '/etc/containerd/certs.d/harbor:443/hosts.toml: server = https://harbor:443; hosts: https://192.168.88.3:443',
        ],
      });
      // a hosts.toml whose server is the registry itself, with no [host] table, is a mirror too
      // a [host."…//"] with trailing slashes is the same endpoint
      expect(on('HOST-CONTAINERD-MIRRORS', ctd(V3, [hostsFor('harbor:443', 'https://harbor:443', 'https://192.168.88.3:443//'), BOTH[1]]))).toMatchObject({
        status: 'pass',
      });
      const serverOnly = [
        { registry: 'harbor:443', path: '/etc/containerd/certs.d/harbor:443/hosts.toml', server: 'https://192.168.88.3:443/', hosts: [] },
        BOTH[1],
      ];
      expect(on('HOST-CONTAINERD-MIRRORS', ctd(V3, serverOnly))).toMatchObject({ status: 'pass' });
    });
    it("HOST-CONTAINERD-MIRRORS fail: docker.io has no hosts.toml, harbor's points elsewhere; the fix writes both files", () => {
      const r = on('HOST-CONTAINERD-MIRRORS', ctd(V3, [hostsFor('harbor:443', 'https://harbor:443', 'https://192.168.88.4:443')]));
      expect(r).toMatchObject({
        status: 'fail',
        observed: 'no /etc/containerd/certs.d/docker.io/hosts.toml; /etc/containerd/certs.d/harbor:443/hosts.toml has no [host."https://192.168.88.3:443"]',
        remediation: ['docker.io', 'harbor:443']
          .map(
            (r) =>
              `mkdir -p /etc/containerd/certs.d/${r} && cat > /etc/containerd/certs.d/${r}/hosts.toml <<'EOF'\nserver = "https://192.168.88.3:443"\n[host."https://192.168.88.3:443"]\n  capabilities = ["pull", "resolve"]\nEOF`,
          )
          .join('\n'),
      });
    });
    it('HOST-CONTAINERD-MIRRORS fail: a hosts.toml that is not TOML, and one without a server', () => {
      const bad = {
        registry: 'docker.io',
        path: '/etc/containerd/certs.d/docker.io/hosts.toml',
        hosts: [],
        parseError: 'Invalid TOML document: unexpected end',
      };
      const noServer = { registry: 'harbor:443', path: '/etc/containerd/certs.d/harbor:443/hosts.toml', hosts: [{ url: 'https://192.168.88.4:443' }] };
      const r = on('HOST-CONTAINERD-MIRRORS', ctd(V3, [bad, noServer]));
      expect(r).toMatchObject({
        status: 'fail',
        observed:
          '/etc/containerd/certs.d/docker.io/hosts.toml is not valid TOML: Invalid TOML document: unexpected end; /etc/containerd/certs.d/harbor:443/hosts.toml has no [host."https://192.168.88.3:443"]',
      });
      expect(r.evidence).toContain('/etc/containerd/certs.d/harbor:443/hosts.toml: server = unset; hosts: https://192.168.88.4:443');
    });
  });
});
