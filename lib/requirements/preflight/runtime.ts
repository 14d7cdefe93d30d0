// Packages, binaries, services, containerd's configuration, CRI socket, cgroup driver, time sync.
import { parse as parseYaml } from 'yaml';
import type { Profile } from '../../config/profile.ts';
import { linesMatching } from '../../facts/containerd.ts';
import { dockershimAvailable, latestValidatedDocker } from '../../kubeadm/docker-validated.ts';
import { upstreamVersion } from '../../facts/packages.ts';
import type { ContainerdFacts, HostFacts } from '../../probe/facts.ts';
import { hostRequirement, need, verdict, type Requirement } from '../define.ts';
import { list } from './util.ts';
import { kubeadmFacts } from '../../kubeadm/versions.ts';
import { BINARY_PACKAGES, DOCKER_PACKAGES, KUBE_TOOLS, packageNames, TIME_DAEMON_UNITS, wantedBinaries, wantedPackages } from '../../kubeadm/expect.ts';
import { familyOf, install, isEl7, kubeletUnit, nothingToDo, packageTool } from '../advice.ts';

const phase = 'preflight' as const;
const isKubeTool = (p: string) => (KUBE_TOOLS as readonly string[]).includes(p);

/** Redacted evidence lines from config.toml: `file:line: text`, values of secret keys masked. */
function tomlLines(c: ContainerdFacts, re: RegExp): string[] {
  return linesMatching(c.text ?? '', re).map((l) => `${c.path}:${l.line}: ${l.text}`);
}

function containerdConfig(facts: HostFacts) {
  const c = need(facts.containerd);
  if (c.unreadable) return { c, problem: `${c.path} is not readable (run the probe as root: sudo: true)` };
  if (!c.present) return { c, problem: `${c.path} does not exist` };
  if (c.parseError || !c.config) return { c, problem: c.parseError ?? 'not parsed' };
  return { c, cfg: c.config };
}

/** HOST-CONTAINERD-* judge containerd only; on a Docker or CRI-O design they do not apply. */
function notContainerd(profile: Profile) {
  return profile.runtime.name !== 'containerd'
    ? verdict.skip(`the design's runtime is ${profile.runtime.name}, not containerd (profile runtime.name)`)
    : undefined;
}

/** The remediation of a HOST-CONTAINERD-* check on a design whose runtime is not containerd (its verdict is a skip). */
const notContainerdRemediation = (profile: Profile) => nothingToDo(`the design's runtime is ${profile.runtime.name} (profile runtime.name)`);

function containerdRemediation(profile: Profile): string {
  if (profile.runtime.name !== 'containerd') return notContainerdRemediation(profile);
  const p = profile.runtime.configPath;
  return `containerd config default > ${p}
# then, in ${p} (containerd 1.x, version = 2):
#   SystemdCgroup = ${profile.cgroupDriver === 'systemd'}
#   sandbox_image = "${profile.sandboxImage}"
systemctl restart ${profile.runtime.service}`;
}

function endpointOf(profile: Profile): string {
  return profile.registry.endpoint.replace(/\/+$/, '');
}
const hostPort = (url: string) => url.replace(/^https?:\/\//, '').replace(/\/.*$/, '');

/** The cgroup driver the design's runtime will use, and where that was read. */
function runtimeCgroupDriver(facts: HostFacts, profile: Profile): { driver: string; from: string } | { problem: string } {
  if (profile.runtime.name === 'docker') {
    const d = need(facts.docker);
    if (d.info?.cgroupDriver) return { driver: d.info.cgroupDriver, from: 'docker info: Cgroup Driver' };
    if (d.unreadable) return { problem: `${d.path} is not readable (run the probe as root: sudo: true)` };
    if (d.parseError) return { problem: `${d.path}: ${d.parseError}` };
    if (d.config?.cgroupDriver) return { driver: d.config.cgroupDriver, from: `${d.path}: exec-opts native.cgroupdriver` };
    return { driver: 'cgroupfs', from: d.present ? `${d.path} sets no native.cgroupdriver: Docker's default` : `no ${d.path}: Docker's default` };
  }
  if (profile.runtime.name === 'cri-o') {
    const c = need(facts.crio);
    if (c.parseError) return { problem: c.parseError };
    const cm = c.config?.cgroupManager;
    return cm ? { driver: cm.value, from: `${cm.file}: cgroup_manager` } : { driver: 'systemd', from: "cgroup_manager unset: CRI-O's default" };
  }
  const { cfg, problem, c } = containerdConfig(facts);
  if (!cfg) return { problem: problem! };
  const runc = cfg.systemdCgroup.find((r) => r.runtime === cfg.defaultRuntime) ?? cfg.systemdCgroup[0];
  return {
    driver: runc?.value === true ? 'systemd' : 'cgroupfs',
    from: `${c.path}: runtime ${runc?.runtime ?? '?'} SystemdCgroup = ${runc?.value ?? 'unset'}`,
  };
}

/** HOST-PACKAGES: install what the design needs, with the host's tool (dnf/yum, apt-get, snap) or as binaries. */
function packagesRemediation(profile: Profile, roles: string[], facts?: HostFacts): string {
  const snaps = facts?.packages.ok ? (facts.packages.value.snaps ?? {}) : {};
  const tool = packageTool(facts);
  const fam = familyOf(facts) ?? 'rhel';
  const asBinaries = profile.kubernetesInstall === 'binaries';
  const isBinary = (p: string) => asBinaries && (isKubeTool(p) || p === 'crictl');
  const others = wantedPackages(profile, roles)
    .filter((p) => !isKubeTool(p) && !isBinary(p))
    .map((p) => packageNames(p, fam, isEl7(facts))[0])
    .join(' ');
  const v = profile.kubernetesVersion;
  const cp = roles.includes('control-plane');
  const kube = `kubeadm kubelet${cp ? ' kubectl' : ''}`;
  const andOthers = others ? ` && ${install(tool, others)}` : '';
  if (asBinaries)
    return `for b in ${kube}; do curl -fLo /usr/local/bin/$b https://dl.k8s.io/release/v${v}/bin/linux/amd64/$b && chmod +x /usr/local/bin/$b; done  # or copy them from the site's own mirror; crictl from cri-tools' release${others ? `\n${install(tool, others)}` : ''}`;
  if (KUBE_TOOLS.some((p) => snaps[p]))
    return `for s in ${kube}; do snap install "$s" --classic --channel=${v.split('.').slice(0, 2).join('.')}/stable; done${andOthers}`;
  if (tool === 'apt-get') return `apt-get install -y kubeadm=${v}-* kubelet=${v}-*${cp ? ` kubectl=${v}-*` : ''} ${others} && apt-mark hold ${kube}`;
  return install(tool, `kubeadm-${v} kubelet-${v}${cp ? ` kubectl-${v}` : ''} ${others}`);
}

/** HOST-BINARIES: install the packages that provide the missing executables, with the host's tool. */
function binariesRemediation(profile: Profile, facts?: HostFacts): string {
  const { mandatory, optional } = wantedBinaries(profile);
  const bins = facts?.binaries.ok ? facts.binaries.value : {};
  const missing = [...mandatory, ...optional].filter((b) => !bins[b]);
  const fam = familyOf(facts);
  const pkgOf = (b: string) => (b === 'tc' && isEl7(facts) ? 'iproute' : (BINARY_PACKAGES[b]?.[fam ?? 'rhel'] ?? b));
  const pkgs = [...new Set((missing.length ? missing : [...mandatory, ...optional]).map(pkgOf))].join(' ');
  if (!fam) return `Install the packages that provide them (RHEL family names; Debian/Ubuntu: conntrack, iproute2, mount): ${pkgs}`;
  return `${install(packageTool(facts), pkgs)}${missing.length ? `   # provides ${missing.join(', ')}` : ''}`;
}

/** HOST-CONTAINERD-MIRRORS: the mirrors and the registry's TLS section in config.toml, or hosts.toml files under config_path. */
function mirrorsRemediation(profile: Profile, file = profile.runtime.configPath, configPath?: string): string {
  if (profile.runtime.name !== 'containerd') return notContainerdRemediation(profile);
  if (!profile.registry.enabled) return nothingToDo('the design has no private registry (profile registry: none): no mirrors to set');
  const ep = endpointOf(profile);
  const regs = ['docker.io', profile.registry.name];
  if (configPath) {
    const dir = configPath.split(':')[0]!;
    return regs
      .map((r) => `mkdir -p ${dir}/${r} && cat > ${dir}/${r}/hosts.toml <<'EOF'\nserver = "${ep}"\n[host."${ep}"]\n  capabilities = ["pull", "resolve"]\nEOF`)
      .join('\n');
  }
  const certs = `${file.replace(/\/[^/]*$/, '')}/certs.d`;
  return `In ${file} (version = 2):\n${regs.map((r) => `[plugins."io.containerd.grpc.v1.cri".registry.mirrors."${r}"]\n  endpoint = ["${ep}"]`).join('\n')}\n[plugins."io.containerd.grpc.v1.cri".registry.configs."${hostPort(ep)}".tls]\n  ca_file = "${certs}/${profile.registry.name.split(':')[0]}-ca.crt"\nthen: systemctl restart ${profile.runtime.service}`;
}

/** HOST-TIME-SYNC: chrony with the host's tool, its config where the family keeps it, the design's servers. */
function timeSyncRemediation(profile: Profile, facts?: HostFacts): string {
  const tool = packageTool(facts);
  const deb = tool === 'apt-get';
  const servers = profile.timeSync.servers;
  const conf = deb ? '/etc/chrony/chrony.conf' : '/etc/chrony.conf';
  return `${install(tool, 'chrony')}${servers.length ? ` && printf 'server %s iburst\\n' ${servers.join(' ')} >> ${conf}` : ''} && systemctl enable --now ${deb ? 'chrony' : 'chronyd'} && chronyc sources`;
}

function daemonJsonRemediation(profile: Profile, path: string): string {
  const json = {
    'exec-opts': [`native.cgroupdriver=${profile.cgroupDriver}`],
    ...(profile.registry.mirrors?.length ? { 'registry-mirrors': profile.registry.mirrors } : {}),
  };
  return `cat > ${path} <<'EOF'\n${JSON.stringify(json, null, 2)}\nEOF\nsystemctl restart ${profile.runtime.service}`;
}

function crioRemediation(profile: Profile): string {
  return `cat > /etc/crio/crio.conf.d/02-kubernetes.conf <<'EOF'\n[crio.runtime]\ncgroup_manager = "${profile.cgroupDriver}"\n[crio.image]\npause_image = "${profile.sandboxImage}"\nEOF\nsystemctl restart ${profile.runtime.service}`;
}

const vnum = (v: string) => v.replace(/^v/, '').split(/[.-]/).slice(0, 2).map(Number);
const vless = (a: string, b: string) => {
  const [a1 = 0, a2 = 0] = vnum(a);
  const [b1 = 0, b2 = 0] = vnum(b);
  return a1 < b1 || (a1 === b1 && a2 < b2);
};

export const runtimeRequirements: Requirement[] = [
  hostRequirement({
    id: 'HOST-PACKAGES',
    title: 'Kubernetes and runtime packages installed at the profile version',
    phase,
    group: 'packages',
    severity: 'error',
    source: '000 (三)',
    remediation: ({ profile, host, facts }) => packagesRemediation(profile, host?.roles ?? [], facts),
    check: ({ facts, profile, host }) => {
      const pkgs = need(facts.packages);
      const snaps = pkgs.snaps ?? {};
      if (pkgs.manager === 'none' && !Object.keys(snaps).length)
        return verdict.error(
          'no package database to ask: no rpm database (/var/lib/rpm, /usr/lib/sysimage/rpm), no dpkg status (/var/lib/dpkg/status) and no snap on the host',
        );
      const os = need(facts.os);
      const fam = os.family === 'rhel' ? 'rhel' : 'debian';
      const el7 = fam === 'rhel' && Number(os.versionId.split('.')[0]) <= 7;
      const namesOf = (p: string) => packageNames(p, fam, el7);
      const asBinaries = profile.kubernetesInstall === 'binaries';
      const isBinary = (p: string) => asBinaries && (isKubeTool(p) || p === 'crictl');
      const want = wantedPackages(profile, host.roles);
      const problems: string[] = [];
      const evidence: string[] = [];
      const bins = asBinaries ? need(facts.binaries) : {};
      for (const p of want.filter(isBinary)) {
        const path = bins[p];
        const bv = isKubeTool(p) && facts.binaryVersions?.ok ? facts.binaryVersions.value[p] : undefined;
        evidence.push(`binary: ${path ?? `${p} not in PATH`}${path && isKubeTool(p) ? ` reports ${bv ? `v${bv}` : 'no version'}` : ''}`);
        if (!path) problems.push(`${p} not in PATH`);
        else if (isKubeTool(p) && bv !== profile.kubernetesVersion) problems.push(`${p} ${bv ?? 'version unknown'} ≠ ${profile.kubernetesVersion}`);
      }
      for (const p of want.filter((x) => !isBinary(x))) {
        const names = namesOf(p);
        const name = names.find((n) => pkgs.installed[n]);
        const snap = isKubeTool(p) && !name && snaps[p] ? p : undefined;
        const v = name ? pkgs.installed[name]! : snap ? snaps[snap] : undefined;
        // where the package version lies (an epoch, a repackaged SDK), the binary's own version decides
        const bin = isKubeTool(p) && facts.binaryVersions?.ok ? facts.binaryVersions.value[p] : undefined;
        const pv = v ? upstreamVersion(v.replace(/^v/, '')) : undefined;
        const differs = !!(pv && bin && pv !== bin);
        evidence.push(
          `${snap ? `snap: ${snap}` : `${pkgs.manager}: ${name ?? names[0]}`} ${v ?? 'not installed'}${differs ? `; the binary says v${bin} (${p} version), which is what runs` : ''}`,
        );
        const actual = bin && v ? bin : pv;
        if (!v) problems.push(`${names[0]} missing`);
        else if (isKubeTool(p) && actual !== profile.kubernetesVersion) problems.push(`${name ?? snap} ${actual} ≠ ${profile.kubernetesVersion}`);
      }
      const expected = asBinaries
        ? `${want.filter(isBinary).join(', ')} in PATH, kube* reporting ${profile.kubernetesVersion} (installed without a package manager); ${want
            .filter((p) => !isBinary(p))
            .map((p) => namesOf(p)[0])
            .join(', ')} as packages`
        : `${want.map((p) => namesOf(p)[0]).join(', ')}; kube* at ${profile.kubernetesVersion} (rpm, dpkg or snap)`;
      return problems.length ? verdict.fail(problems.join('; '), expected, evidence) : verdict.pass('all installed', expected, evidence);
    },
  }),
  hostRequirement({
    id: 'HOST-BINARIES',
    title: "Executables kubeadm's preflight needs are in PATH",
    phase,
    group: 'packages',
    severity: 'warn',
    source: 'kubeadm preflight (checks.go InPathCheck)',
    remediation: ({ profile, facts }) => binariesRemediation(profile, facts),
    check: ({ facts, profile }) => {
      const bins = need(facts.binaries);
      const { mandatory, optional } = wantedBinaries(profile);
      const want = [...mandatory, ...optional];
      const expected = `all of ${mandatory.join(', ')}${optional.length ? ` (kubeadm ${profile.kubernetesVersion} only warns without ${optional.join(', ')})` : ''}`;
      const evidence = want.map((b) => `command -v ${b}: ${bins[b] ?? 'not found'}`);
      const missing = mandatory.filter((b) => !bins[b]);
      const missingOptional = optional.filter((b) => !bins[b]);
      if (missing.length) return verdict.fail(`missing: ${[...missing, ...missingOptional].join(', ')}`, expected, evidence);
      return missingOptional.length
        ? verdict.warn(`missing: ${missingOptional.join(', ')}`, expected, evidence)
        : verdict.pass('all present', expected, evidence);
    },
  }),
  hostRequirement({
    id: 'HOST-SERVICES',
    title: 'containerd active and enabled; kubelet enabled',
    phase,
    group: 'services',
    severity: 'error',
    source: '000 (四)',
    remediation: ({ profile, facts }) => `systemctl enable --now ${profile.runtime.service}.service && systemctl enable ${kubeletUnit(facts)}.service`,
    check: ({ facts, profile }) => {
      const svc = need(facts.services);
      const rt = profile.runtime.service;
      // snap's kubelet runs as snap.kubelet.daemon.service (004)
      const kubelet = kubeletUnit(facts);
      const c = svc.units[rt];
      const k = svc.units[kubelet];
      const method = svc.systemd ? 'systemctl' : `no systemd (PID 1 is ${svc.pid1 || 'unknown'}): running processes and /etc/systemd/system/*.wants links`;
      const evidence = [
        `method: ${method}`,
        `${rt}: ${c?.active ?? 'unknown'}, ${c?.enabled ?? 'unknown'}`,
        `${kubelet}: ${k?.active ?? 'unknown'}, ${k?.enabled ?? 'unknown'}`,
      ];
      const problems: string[] = [];
      if (c?.active !== 'active') problems.push(`${rt} ${c?.active ?? 'unknown'}`);
      if (c?.enabled !== 'enabled') problems.push(`${rt} ${c?.enabled === 'unknown' ? 'not enabled (no wants link)' : (c?.enabled ?? 'unknown')}`);
      if (k?.enabled !== 'enabled') problems.push(`${kubelet} ${k?.enabled === 'unknown' ? 'not enabled (no wants link)' : (k?.enabled ?? 'unknown')}`);
      const expected = `${rt} active + enabled, ${kubelet} enabled`;
      return problems.length ? verdict.fail(problems.join('; '), expected, evidence) : verdict.pass(expected, expected, evidence);
    },
  }),
  hostRequirement({
    id: 'HOST-CONTAINERD-CONFIG',
    title: 'containerd config.toml: parses, SystemdCgroup = true, sandbox image from the profile',
    phase,
    group: 'containerd',
    severity: 'error',
    source: '000 (四), 003',
    remediation: ({ profile }) => containerdRemediation(profile),
    check: ({ facts, profile }) => {
      const na = notContainerd(profile);
      if (na) return na;
      const { c, cfg, problem } = containerdConfig(facts);
      const expected = `valid TOML; SystemdCgroup = ${profile.cgroupDriver === 'systemd'}; sandbox image ${profile.sandboxImage}`;
      if (!cfg) return verdict.fail(problem!, expected, []);
      const problems: string[] = [];
      const evidence = [`${c.path}: version = ${cfg.version} (${cfg.version >= 3 ? 'containerd 2.x schema' : 'containerd 1.x schema'})`];
      const runc = cfg.systemdCgroup.find((r) => r.runtime === cfg.defaultRuntime) ?? cfg.systemdCgroup[0];
      const wantSystemd = profile.cgroupDriver === 'systemd';
      if (!runc) {
        if (wantSystemd) problems.push('no runc runtime table (containerd defaults to SystemdCgroup = false)');
      } else if ((runc.value === true) !== wantSystemd)
        problems.push(`SystemdCgroup = ${runc.value ?? 'unset (defaults to false)'} for runtime ${runc.runtime}`);
      evidence.push(...tomlLines(c, /SystemdCgroup/));
      const sb = cfg.sandboxImage?.value;
      if (sb !== profile.sandboxImage) problems.push(`sandbox image ${sb ?? 'unset (containerd default registry.k8s.io/pause)'} ≠ ${profile.sandboxImage}`);
      evidence.push(...tomlLines(c, /sandbox_image|sandbox\s*=/));
      const observed = `SystemdCgroup = ${runc?.value ?? 'unset'}, sandbox image ${sb ?? 'unset'}`;
      return problems.length ? verdict.fail(problems.join('; '), expected, evidence) : verdict.pass(observed, expected, evidence);
    },
  }),
  hostRequirement({
    id: 'HOST-CONTAINERD-MIRRORS',
    title: 'Registry mirrors point at the private registry, its TLS/auth section exists',
    phase,
    group: 'containerd',
    severity: 'error',
    source: '000 (四)',
    remediation: ({ profile }) => mirrorsRemediation(profile),
    check: ({ facts, profile }) => {
      const na = notContainerd(profile);
      if (na) return na;
      if (!profile.registry.enabled) return verdict.skip('the design has no private registry (profile registry: none): no mirrors to check');
      const { c, cfg, problem } = containerdConfig(facts);
      const ep = endpointOf(profile);
      const regs = ['docker.io', profile.registry.name];
      const expected = `mirrors for ${regs.join(' and ')} → ${ep}; a TLS/auth section for ${hostPort(ep)}`;
      if (!cfg) return verdict.fail(problem!, expected);
      const problems: string[] = [];
      const evidence: string[] = [];
      if (cfg.unknownRegistryKeys.length) {
        problems.push(`unknown key(s) under the registry table: ${cfg.unknownRegistryKeys.join(', ')} (misspelled? containerd ignores them)`);
        evidence.push(...tomlLines(c, new RegExp(`registry\\.(${cfg.unknownRegistryKeys.map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})\\b`)));
      }
      if (cfg.configPath) {
        evidence.push(`${c.path}: config_path = "${cfg.configPath}" (mirrors read from hosts.toml)`);
        for (const r of regs) {
          const h = c.hostsToml.find((x) => x.registry === r);
          if (!h) {
            problems.push(`no ${cfg.configPath.split(':')[0]}/${r}/hosts.toml`);
            continue;
          }
          if (h.parseError) {
            problems.push(`${h.path} is not valid TOML: ${h.parseError}`);
            continue;
          }
          const urls = h.hosts.map((x) => x.url.replace(/\/+$/, ''));
          evidence.push(`${h.path}: server = ${h.server ?? 'unset'}; hosts: ${list(urls)}`);
          if (!urls.includes(ep) && h.server?.replace(/\/+$/, '') !== ep) problems.push(`${h.path} has no [host."${ep}"]`);
        }
      } else {
        for (const r of regs) {
          const eps = (cfg.mirrors[r] ?? []).map((x) => x.replace(/\/+$/, ''));
          evidence.push(...tomlLines(c, new RegExp(`mirrors\\."${r.replace(/[.]/g, '\\.')}"`)));
          if (!cfg.mirrors[r]) problems.push(`no mirror for ${r}`);
          else if (!eps.includes(ep)) {
            const mangled = eps.find((x) => x.includes('ptop.only.wip.la'));
            problems.push(`mirror for ${r} → ${list(eps)}, not ${ep}${mangled ? ' (the endpoint was copied from a web page that rewrote links)' : ''}`);
          }
        }
        evidence.push(...tomlLines(c, /endpoint\s*=/));
        const hp = hostPort(ep);
        if (!cfg.configs[hp]) problems.push(`no registry.configs."${hp}" section (TLS/auth for the registry)`);
        else evidence.push(...tomlLines(c, new RegExp(`configs\\."${hp.replace(/[.]/g, '\\.')}"`)));
      }
      return problems.length
        ? verdict.fail(problems.join('; '), expected, evidence, { remediation: mirrorsRemediation(profile, c.path, cfg.configPath) })
        : verdict.pass(`mirrors → ${ep}`, expected, evidence);
    },
  }),
  hostRequirement({
    id: 'HOST-CONTAINERD-SECURITY',
    title: 'No TLS verification bypass, no plaintext registry credentials',
    phase,
    group: 'containerd',
    severity: 'warn',
    source: '000 (四)',
    remediation: ({ profile }) =>
      profile.runtime.name !== 'containerd'
        ? notContainerdRemediation(profile)
        : `Give containerd the registry CA (tls.ca_file, or ca = in hosts.toml) instead of insecure_skip_verify, and move credentials out of ${profile.runtime.configPath} (a kubelet image credential provider or imagePullSecrets).`,
    check: ({ facts, profile }) => {
      const na = notContainerd(profile);
      if (na) return na;
      const { c, cfg, problem } = containerdConfig(facts);
      const expected = 'insecure_skip_verify not true; no username/password/auth/identitytoken in config.toml';
      if (!cfg) return verdict.skip(`config.toml unusable: ${problem}`);
      const findings: string[] = [];
      for (const [host, x] of Object.entries(cfg.configs)) {
        if (x.insecureSkipVerify) findings.push(`registry.configs."${host}".tls.insecure_skip_verify = true`);
        const a = x.auth;
        if (a && (a.hasPassword || a.hasAuth || a.hasIdentityToken)) {
          findings.push(
            `registry.configs."${host}".auth holds plaintext credentials (${[a.hasPassword && 'password', a.hasAuth && 'auth', a.hasIdentityToken && 'identitytoken'].filter(Boolean).join(', ')}; values not shown)`,
          );
        }
      }
      for (const h of c.hostsToml) for (const x of h.hosts) if (x.skipVerify) findings.push(`${h.path}: [host."${x.url}"] skip_verify = true`);
      const evidence = [
        ...tomlLines(c, /insecure_skip_verify|skip_verify/),
        ...linesMatching(c.text ?? '', /^\s*(password|auth|identitytoken)\s*=/).map((l) => `${c.path}:${l.line}: ${l.text.split('=')[0]!.trim()} = <redacted>`),
      ];
      return findings.length
        ? verdict.fail(findings.join('; '), expected, evidence)
        : verdict.pass('TLS verified, no credentials in config.toml', expected, evidence);
    },
  }),
  hostRequirement({
    id: 'HOST-CRI-SOCKET',
    title: 'The CRI socket of the profile exists',
    phase,
    group: 'runtime',
    severity: 'error',
    source: '000 (八)',
    remediation: ({ profile }) => {
      const path = profile.criSocket.replace(/^unix:\/\//, '');
      // dockershim's socket is the kubelet's own: what the runtime's unit creates is Docker's
      return `systemctl enable --now ${profile.runtime.service}   # creates ${profile.runtime.name === 'docker' && /dockershim\.sock$/.test(path) ? '/var/run/docker.sock' : path}`;
    },
    check: ({ facts, profile }) => {
      const socks = need(facts.criSockets);
      let path = profile.criSocket.replace(/^unix:\/\//, '');
      let note = '';
      // a socket this kubeadm version cannot use at all (dockershim from 1.24; lib/kubeadm/versions.ts)
      const unusable = kubeadmFacts(profile.kubernetesVersion).criSocketProblem(profile.criSocket);
      if (unusable)
        return verdict.fail(
          unusable,
          `a CRI socket kubeadm ${profile.kubernetesVersion} can use`,
          Object.entries(socks).map(([p, s]) => `${p}: ${s}`),
          {
            remediation:
              'Install cri-dockerd and set criSocket: unix:///var/run/cri-dockerd.sock, or move to containerd (criSocket: unix:///var/run/containerd/containerd.sock).',
          },
        );
      // dockershim's socket is the kubelet's own, created when the kubelet runs: before install, Docker's socket is what must exist
      if (profile.runtime.name === 'docker' && /dockershim\.sock$/.test(path)) {
        note = ` (${path} is dockershim's, created by the kubelet itself; before install the runtime behind it, Docker, must answer)`;
        path = '/var/run/docker.sock';
      }
      const alt = (p: string) => (p.startsWith('/var/run/') ? p.replace('/var/run/', '/run/') : p.startsWith('/run/') ? `/var${p}` : p);
      const st = socks[path] ?? socks[alt(path)];
      const evidence = Object.entries(socks)
        .filter(([p, s]) => s !== 'absent' || [path, alt(path)].includes(p))
        .map(([p, s]) => `${p}: ${s}`);
      if (!evidence.length) evidence.push(`${path}: ${st ?? 'absent'}`);
      const expected = `${path} is a socket${note}`;
      if (st === 'socket') return verdict.pass(`${path} exists`, expected, evidence);
      return verdict.fail(st === 'other' ? `${path} exists but is not a socket` : `${path} does not exist`, expected, evidence);
    },
  }),
  hostRequirement({
    id: 'HOST-CGROUP-DRIVER',
    title: 'containerd and kubelet agree on the systemd cgroup driver',
    phase,
    group: 'runtime',
    severity: 'error',
    source: '000 (八), 003',
    remediation: ({ profile }) => {
      const d = profile.cgroupDriver;
      const rt = profile.runtime;
      const setting =
        rt.name === 'docker'
          ? `"exec-opts": ["native.cgroupdriver=${d}"] in ${rt.configPath}`
          : rt.name === 'cri-o'
            ? `cgroup_manager = "${d}" in /etc/crio/crio.conf.d/02-kubernetes.conf`
            : `SystemdCgroup = ${d === 'systemd'} in ${rt.configPath}`;
      return `Set ${setting} and cgroupDriver: ${d} in the KubeletConfiguration (init.yaml), then restart ${rt.service}.`;
    },
    check: ({ facts, profile }) => {
      const rt = runtimeCgroupDriver(facts, profile);
      const kub = need(facts.kubelet);
      if ('problem' in rt) return verdict.fail(`${profile.runtime.name}: ${rt.problem}`, `both ${profile.cgroupDriver}`);
      let kubelet = profile.cgroupDriver as string;
      let from = `profile (what kubeadm will write: ${profile.origin.cgroupDriver ?? 'default'})`;
      const cfgFile = kub.files.find((f) => f.path === '/var/lib/kubelet/config.yaml');
      if (cfgFile) {
        try {
          const y = parseYaml(cfgFile.content) as { cgroupDriver?: string } | null;
          kubelet = y?.cgroupDriver ?? 'cgroupfs';
          from = '/var/lib/kubelet/config.yaml';
        } catch (e) {
          return verdict.fail(`/var/lib/kubelet/config.yaml does not parse: ${(e as Error).message.split('\n')[0]}`, `both ${profile.cgroupDriver}`);
        }
      }
      for (const f of kub.files) {
        const m = /--cgroup-driver[= ](\w+)/.exec(f.content);
        if (m) {
          kubelet = m[1]!;
          from = f.path;
        }
      }
      const evidence = [`${profile.runtime.name}: ${rt.driver} (${rt.from})`, `kubelet: ${kubelet} (from ${from})`];
      const expected = `${profile.runtime.name} and kubelet both ${profile.cgroupDriver}`;
      if (rt.driver !== kubelet) return verdict.fail(`${profile.runtime.name} ${rt.driver}, kubelet ${kubelet}: they disagree`, expected, evidence);
      if (rt.driver !== profile.cgroupDriver) return verdict.fail(`both ${rt.driver}, profile wants ${profile.cgroupDriver}`, expected, evidence);
      return verdict.pass(`both ${rt.driver}`, expected, evidence);
    },
  }),
  hostRequirement({
    id: 'HOST-TIME-SYNC',
    title: 'Time synchronised by chronyd, ntpd or systemd-timesyncd',
    phase,
    group: 'services',
    severity: 'warn',
    source: '001',
    remediation: ({ profile, facts }) => timeSyncRemediation(profile, facts),
    check: ({ facts, profile }) => {
      const svc = need(facts.services);
      const t = need(facts.timeSync);
      const daemons = Object.keys(TIME_DAEMON_UNITS).filter((d) => TIME_DAEMON_UNITS[d]!.some((u) => svc.units[u]?.active === 'active'));
      const selected = t.chronySources?.find((x) => x.state === '*');
      const synced =
        t.ntpSynchronized === true || t.timesyncdSynchronized || (t.chronyLeap !== undefined && t.chronyLeap === 'Normal') || t.ntpstatRc === 0 || !!selected;
      const evidence = [
        `active time daemons: ${list(daemons)}`,
        ...(t.raw
          ? t.raw
              .split('\n')
              .filter((l) => /NTP|synchron|Leap|Reference|System time|ntpstat|^\^\*/i.test(l))
              .slice(0, 6)
          : []),
      ];
      const servers = profile.timeSync.servers;
      const expected = servers.length ? `a time daemon active and synchronised to one of ${servers.join(', ')}` : 'a time daemon active and synchronised';
      need(facts.os);
      if (!daemons.length) return verdict.fail('no time sync daemon running', expected, evidence);
      if (!synced) return verdict.fail(`${daemons.join(', ')} running, not synchronised (or sync state unknown)`, expected, evidence);
      if (servers.length) {
        // chronyd only ever selects a source it was configured with: a `^*` source while every server/pool line
        // names a profile server means it is synchronised to one of them; else the selected address must be one of theirs
        if (!t.chronySources) return verdict.fail(`${daemons.join(', ')} synchronised, but its servers cannot be read (no chronyc)`, expected, evidence);
        if (!selected)
          return verdict.fail('chronyc sources shows no ^* (selected) source', expected, [
            ...evidence,
            ...t.chronySources.map((x) => `chronyc sources: ${x.line}`),
          ]);
        const conf = t.chronyServers ?? [];
        // an address, or an inventory name the host resolved (HOST-HOSTS-FILE's lookups), that is the selected source
        const res = facts.resolution.ok ? facts.resolution.value : {};
        const foreign = conf.filter((x) => !servers.includes(x.name));
        evidence.push(`chronyc sources: ${selected.line}`, ...conf.map((x) => `${x.file}:${x.line}: ${x.kind} ${x.name}`));
        const named = servers.find((n) => n === selected.address || (res[n] ?? []).includes(selected.address));
        if (!named && (foreign.length || !conf.length))
          return verdict.fail(`synchronised to ${selected.address}, not one of ${servers.join(', ')}`, expected, evidence);
        return verdict.pass(
          `${daemons.join(', ')} synchronised to ${named ?? `${selected.address} (chrony.conf lists only ${servers.join(', ')})`}`,
          expected,
          evidence,
        );
      }
      return verdict.pass(`${daemons.join(', ')} synchronised`, expected, evidence);
    },
  }),
  hostRequirement({
    id: 'HOST-DOCKER-CONFIG',
    title: 'Docker: daemon.json parses, cgroup driver, registry mirrors, version valid for the kubeadm version',
    phase,
    group: 'runtime',
    severity: 'error',
    source: '001, 003 (daemon.json), 000 六',
    remediation: ({ profile }) =>
      profile.runtime.name !== 'docker'
        ? nothingToDo(`the design's runtime is ${profile.runtime.name} (profile runtime.name)`)
        : daemonJsonRemediation(profile, profile.runtime.configPath),
    check: ({ facts, profile }) => {
      if (profile.runtime.name !== 'docker') return verdict.skip(`the design's runtime is ${profile.runtime.name}, not docker (profile runtime.name)`);
      const d = need(facts.docker);
      const pkgs = need(facts.packages);
      const kv = profile.kubernetesVersion;
      const expected = `${d.path} valid JSON; cgroup driver ${profile.cgroupDriver}${profile.registry.mirrors?.length ? `; registry-mirrors ${profile.registry.mirrors.join(', ')}` : ''}; no insecure-registries; Docker validated for kubeadm ${kv}`;
      const rem = daemonJsonRemediation(profile, d.path);
      if (d.unreadable) return verdict.error(`${d.path} is not readable (run the probe as root: sudo: true)`, expected);
      const problems: string[] = [];
      const warnings: string[] = [];
      const evidence: string[] = [];
      if (d.parseError) problems.push(`${d.path}: ${d.parseError} (dockerd refuses to start)`);
      const cfg = d.config;
      if (cfg)
        evidence.push(
          `${d.path}: keys ${list(cfg.keys)}`,
          ...linesMatching(d.text ?? '', /cgroupdriver|registry-mirrors|insecure-registries/).map((l) => `${d.path}:${l.line}: ${l.text.trim()}`),
        );
      else if (!d.present) evidence.push(`${d.path}: absent (Docker's defaults: cgroupfs, no mirrors)`);
      if (d.info) evidence.push(`docker info: Server Version ${d.info.serverVersion ?? '?'}, Cgroup Driver ${d.info.cgroupDriver ?? '?'}`);
      const driver = d.info?.cgroupDriver ?? cfg?.cgroupDriver ?? (d.parseError ? undefined : 'cgroupfs');
      if (driver && driver !== profile.cgroupDriver)
        problems.push(`cgroup driver ${driver}${cfg?.cgroupDriver ? '' : " (Docker's default)"} ≠ ${profile.cgroupDriver}`);
      const mirrors = [...(cfg?.registryMirrors ?? []), ...(d.info?.registryMirrors ?? [])].map((x) => x.replace(/\/+$/, ''));
      for (const m of profile.registry.mirrors ?? []) if (!mirrors.includes(m.replace(/\/+$/, ''))) problems.push(`registry-mirrors lacks ${m}`);
      const insecure = [...new Set([...(cfg?.insecureRegistries ?? []), ...(d.info?.insecureRegistries ?? []).filter((x) => !/^127\.0\.0\.0\/8$/.test(x))])];
      if (insecure.length) warnings.push(`insecure-registries: ${insecure.join(', ')} (plain HTTP or unverified TLS)`);
      const pkg = DOCKER_PACKAGES.find((n) => pkgs.installed[n]);
      const version = d.info?.serverVersion ?? (pkg ? upstreamVersion(pkgs.installed[pkg]!).replace(/\.ce$/, '') : undefined);
      evidence.push(
        `Docker version: ${version ?? 'unknown'} (${d.info?.serverVersion ? 'docker info' : pkg ? `${pkgs.manager}: ${pkg} ${pkgs.installed[pkg]}` : 'no docker package, no docker info'})`,
      );
      if (!dockershimAvailable(kv)) {
        if (!/cri-dockerd/.test(profile.criSocket))
          problems.push(
            `kubeadm ${kv} has no dockershim (removed in 1.24): Docker needs cri-dockerd (criSocket unix:///var/run/cri-dockerd.sock), or use containerd`,
          );
      } else {
        const max = latestValidatedDocker(kv);
        if (!version) problems.push('Docker is not installed (no docker package)');
        else if (max && vless(max, version))
          warnings.push(`Docker ${version} is newer than the latest version kubeadm ${kv} validated (${max}): its preflight warns`);
      }
      if (problems.length) return verdict.fail([...problems, ...warnings].join('; '), expected, evidence, { remediation: rem });
      if (warnings.length) return verdict.warn(warnings.join('; '), expected, evidence, { remediation: rem });
      // with cri-dockerd (kubeadm ≥ 1.24) no version is required, and none may be known: say so, not "undefined"
      return verdict.pass(`cgroup driver ${driver}, Docker ${version ?? 'version unknown'}`, expected, evidence);
    },
  }),
  hostRequirement({
    id: 'HOST-CRIO-CONFIG',
    title: 'CRI-O: crio.conf parses, cgroup_manager and pause_image from the profile',
    phase,
    group: 'runtime',
    severity: 'error',
    source: 'kubeadm container runtimes',
    remediation: ({ profile }) =>
      profile.runtime.name !== 'cri-o' ? nothingToDo(`the design's runtime is ${profile.runtime.name} (profile runtime.name)`) : crioRemediation(profile),
    check: ({ facts, profile }) => {
      if (profile.runtime.name !== 'cri-o') return verdict.skip(`the design's runtime is ${profile.runtime.name}, not cri-o (profile runtime.name)`);
      const c = need(facts.crio);
      const expected = `valid TOML; cgroup_manager = ${profile.cgroupDriver}; pause_image = ${profile.sandboxImage}`;
      if (c.parseError) return verdict.fail(c.parseError, expected, []);
      if (!c.files.length) return verdict.fail(`neither ${c.path} nor /etc/crio/crio.conf.d/*.conf exists`, expected, []);
      const cm = c.config?.cgroupManager;
      const pi = c.config?.pauseImage;
      const evidence = [
        `cgroup_manager = ${cm ? `${cm.value} (${cm.file})` : 'unset (CRI-O default systemd)'}`,
        `pause_image = ${pi ? `${pi.value} (${pi.file})` : 'unset (CRI-O default registry.k8s.io/pause)'}`,
      ];
      const problems: string[] = [];
      if ((cm?.value ?? 'systemd') !== profile.cgroupDriver) problems.push(`cgroup_manager ${cm?.value ?? 'systemd (default)'} ≠ ${profile.cgroupDriver}`);
      if (pi?.value !== profile.sandboxImage) problems.push(`pause_image ${pi?.value ?? 'unset'} ≠ ${profile.sandboxImage}`);
      return problems.length
        ? verdict.fail(problems.join('; '), expected, evidence)
        : verdict.pass(`cgroup_manager ${cm?.value ?? 'systemd'}, pause_image ${pi?.value}`, expected, evidence);
    },
  }),
];
