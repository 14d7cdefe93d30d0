// Packages, binaries, services, containerd's configuration, CRI socket, cgroup driver, time sync.
import { parse as parseYaml } from 'yaml';
import type { Profile } from '../../config/profile.ts';
import { linesMatching } from '../../parse/containerd.ts';
import { upstreamVersion } from '../../parse/packages.ts';
import type { ContainerdFacts, HostFacts } from '../../probe/facts.ts';
import { hostRequirement, need, verdict, type Requirement } from '../define.ts';
import { list } from './util.ts';

const phase = 'preflight' as const;

/** Package names per OS family; the first name found counts. */
const PACKAGE_NAMES: Record<string, { rhel: string[]; debian: string[] }> = {
  kubeadm: { rhel: ['kubeadm'], debian: ['kubeadm'] },
  kubelet: { rhel: ['kubelet'], debian: ['kubelet'] },
  kubectl: { rhel: ['kubectl'], debian: ['kubectl'] },
  containerd: { rhel: ['containerd.io', 'containerd'], debian: ['containerd', 'containerd.io'] },
  ipvsadm: { rhel: ['ipvsadm'], debian: ['ipvsadm'] },
  ipset: { rhel: ['ipset'], debian: ['ipset'] },
  tc: { rhel: ['iproute-tc'], debian: ['iproute2'] },
  crictl: { rhel: ['cri-tools'], debian: ['cri-tools'] },
};
const VERSIONED = ['kubeadm', 'kubelet', 'kubectl'];

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

const CONTAINERD_REM = `containerd config default > /etc/containerd/config.toml
# then, in /etc/containerd/config.toml (containerd 1.x, version = 2):
#   SystemdCgroup = true
#   sandbox_image = "harbor:443/k8s/pause:3.9"
systemctl restart containerd`;

function endpointOf(profile: Profile): string {
  return profile.registry.endpoint.replace(/\/+$/, '');
}
const hostPort = (url: string) => url.replace(/^https?:\/\//, '').replace(/\/.*$/, '');

export const runtimeRequirements: Requirement[] = [
  hostRequirement({
    id: 'HOST-PACKAGES', title: 'Kubernetes and runtime packages installed at the profile version', phase, group: 'packages', severity: 'error', source: '000 (三)',
    remediation: 'yum -y install kubeadm-1.29.2 kubelet-1.29.2 kubectl-1.29.2 containerd.io ipvsadm ipset iproute-tc cri-tools',
    check: ({ facts, profile, host }) => {
      const pkgs = need(facts.packages);
      if (pkgs.manager === 'none') return verdict.error('no package database to ask: no rpm database (/var/lib/rpm, /usr/lib/sysimage/rpm) and no dpkg status (/var/lib/dpkg/status) on the host');
      const os = need(facts.os);
      const fam = os.family === 'rhel' ? 'rhel' : 'debian';
      const want = Object.keys(PACKAGE_NAMES).filter((p) => p !== 'kubectl' || host.roles.includes('control-plane'));
      const problems: string[] = [];
      const evidence: string[] = [];
      for (const p of want) {
        const names = PACKAGE_NAMES[p]![fam];
        const name = names.find((n) => pkgs.installed[n]);
        const v = name ? pkgs.installed[name]! : undefined;
        evidence.push(`${pkgs.manager}: ${name ?? names[0]} ${v ?? 'not installed'}`);
        if (!v) problems.push(`${names[0]} missing`);
        else if (VERSIONED.includes(p) && upstreamVersion(v) !== profile.kubernetesVersion) problems.push(`${name} ${upstreamVersion(v)} ≠ ${profile.kubernetesVersion}`);
      }
      const expected = `${want.map((p) => PACKAGE_NAMES[p]![fam][0]).join(', ')}; kube* at ${profile.kubernetesVersion}`;
      const v = profile.kubernetesVersion;
      const rem = fam === 'rhel'
        ? `yum -y install kubeadm-${v} kubelet-${v}${host.roles.includes('control-plane') ? ` kubectl-${v}` : ''} containerd.io ipvsadm ipset iproute-tc cri-tools`
        : `apt-get install -y kubeadm=${v}-* kubelet=${v}-*${host.roles.includes('control-plane') ? ` kubectl=${v}-*` : ''} containerd ipvsadm ipset iproute2 cri-tools && apt-mark hold kubeadm kubelet kubectl`;
      return problems.length ? verdict.fail(problems.join('; '), expected, evidence, { remediation: rem }) : verdict.pass('all installed', expected, evidence);
    },
  }),
  hostRequirement({
    id: 'HOST-BINARIES', title: "Executables kubeadm's preflight needs are in PATH", phase, group: 'packages', severity: 'warn', source: 'kubeadm preflight (checks.go InPathCheck)',
    remediation: 'Install the packages that provide them: conntrack-tools (conntrack), iproute/iproute-tc (ip, tc), iptables, util-linux (mount, nsenter), ethtool, socat, cri-tools (crictl).',
    check: ({ facts }) => {
      const bins = need(facts.binaries);
      const want = ['crictl', 'conntrack', 'ip', 'iptables', 'mount', 'nsenter', 'ethtool', 'socat', 'tc', 'touch'];
      const missing = want.filter((b) => !bins[b]);
      const evidence = want.map((b) => `command -v ${b}: ${bins[b] ?? 'not found'}`);
      return missing.length ? verdict.fail(`missing: ${missing.join(', ')}`, `all of ${want.join(', ')}`, evidence) : verdict.pass('all present', `all of ${want.join(', ')}`, evidence);
    },
  }),
  hostRequirement({
    id: 'HOST-SERVICES', title: 'containerd active and enabled; kubelet enabled', phase, group: 'services', severity: 'error', source: '000 (四)',
    remediation: 'systemctl enable --now kubelet containerd',
    check: ({ facts }) => {
      const svc = need(facts.services);
      const c = svc.units.containerd;
      const k = svc.units.kubelet;
      const method = svc.systemd ? 'systemctl' : `no systemd (PID 1 is ${svc.pid1 || 'unknown'}): running processes and /etc/systemd/system/*.wants links`;
      const evidence = [`method: ${method}`, `containerd: ${c?.active ?? 'unknown'}, ${c?.enabled ?? 'unknown'}`, `kubelet: ${k?.active ?? 'unknown'}, ${k?.enabled ?? 'unknown'}`];
      const problems: string[] = [];
      if (c?.active !== 'active') problems.push(`containerd ${c?.active ?? 'unknown'}`);
      if (c?.enabled !== 'enabled') problems.push(`containerd ${c?.enabled === 'unknown' ? 'not enabled (no wants link)' : (c?.enabled ?? 'unknown')}`);
      if (k?.enabled !== 'enabled') problems.push(`kubelet ${k?.enabled === 'unknown' ? 'not enabled (no wants link)' : (k?.enabled ?? 'unknown')}`);
      const expected = 'containerd active + enabled, kubelet enabled';
      return problems.length ? verdict.fail(problems.join('; '), expected, evidence) : verdict.pass('containerd active + enabled, kubelet enabled', expected, evidence);
    },
  }),
  hostRequirement({
    id: 'HOST-CONTAINERD-CONFIG', title: 'containerd config.toml: parses, SystemdCgroup = true, sandbox image from the profile', phase, group: 'containerd', severity: 'error', source: '000 (四), 003',
    remediation: CONTAINERD_REM,
    check: ({ facts, profile }) => {
      const { c, cfg, problem } = containerdConfig(facts);
      const expected = `valid TOML; SystemdCgroup = true; sandbox image ${profile.sandboxImage}`;
      if (!cfg) return verdict.fail(problem!, expected, [], { remediation: CONTAINERD_REM });
      const problems: string[] = [];
      const evidence = [`${c.path}: version = ${cfg.version} (${cfg.version >= 3 ? 'containerd 2.x schema' : 'containerd 1.x schema'})`];
      const runc = cfg.systemdCgroup.find((r) => r.runtime === cfg.defaultRuntime) ?? cfg.systemdCgroup[0];
      if (!runc) problems.push('no runc runtime table (containerd defaults to SystemdCgroup = false)');
      else if (runc.value !== true) problems.push(`SystemdCgroup = ${runc.value ?? 'unset (defaults to false)'} for runtime ${runc.runtime}`);
      evidence.push(...tomlLines(c, /SystemdCgroup/));
      const sb = cfg.sandboxImage?.value;
      if (sb !== profile.sandboxImage) problems.push(`sandbox image ${sb ?? 'unset (containerd default registry.k8s.io/pause)'} ≠ ${profile.sandboxImage}`);
      evidence.push(...tomlLines(c, /sandbox_image|sandbox\s*=/));
      const observed = `SystemdCgroup = ${runc?.value ?? 'unset'}, sandbox image ${sb ?? 'unset'}`;
      return problems.length ? verdict.fail(problems.join('; '), expected, evidence) : verdict.pass(observed, expected, evidence);
    },
  }),
  hostRequirement({
    id: 'HOST-CONTAINERD-MIRRORS', title: 'Registry mirrors point at the private registry, its TLS/auth section exists', phase, group: 'containerd', severity: 'error', source: '000 (四)',
    remediation: `In /etc/containerd/config.toml (version = 2):
[plugins."io.containerd.grpc.v1.cri".registry.mirrors."docker.io"]
  endpoint = ["https://192.168.88.3:443"]
[plugins."io.containerd.grpc.v1.cri".registry.mirrors."harbor:443"]
  endpoint = ["https://192.168.88.3:443"]
[plugins."io.containerd.grpc.v1.cri".registry.configs."192.168.88.3:443".tls]
  ca_file = "/etc/containerd/certs.d/harbor-ca.crt"
then: systemctl restart containerd`,
    check: ({ facts, profile }) => {
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
      return problems.length ? verdict.fail(problems.join('; '), expected, evidence) : verdict.pass(`mirrors → ${ep}`, expected, evidence);
    },
  }),
  hostRequirement({
    id: 'HOST-CONTAINERD-SECURITY', title: 'No TLS verification bypass, no plaintext registry credentials', phase, group: 'containerd', severity: 'warn', source: '000 (四)',
    remediation: 'Give containerd the registry CA (tls.ca_file, or ca = in hosts.toml) instead of insecure_skip_verify, and move credentials out of config.toml (a kubelet image credential provider or imagePullSecrets).',
    check: ({ facts }) => {
      const { c, cfg, problem } = containerdConfig(facts);
      const expected = 'insecure_skip_verify not true; no username/password/auth/identitytoken in config.toml';
      if (!cfg) return verdict.skip(`config.toml unusable: ${problem}`);
      const findings: string[] = [];
      for (const [host, x] of Object.entries(cfg.configs)) {
        if (x.insecureSkipVerify) findings.push(`registry.configs."${host}".tls.insecure_skip_verify = true`);
        const a = x.auth;
        if (a && (a.hasPassword || a.hasAuth || a.hasIdentityToken)) {
          findings.push(`registry.configs."${host}".auth holds plaintext credentials (${[a.hasPassword && 'password', a.hasAuth && 'auth', a.hasIdentityToken && 'identitytoken'].filter(Boolean).join(', ')}; values not shown)`);
        }
      }
      for (const h of c.hostsToml) for (const x of h.hosts) if (x.skipVerify) findings.push(`${h.path}: [host."${x.url}"] skip_verify = true`);
      const evidence = [...tomlLines(c, /insecure_skip_verify|skip_verify/), ...linesMatching(c.text ?? '', /^\s*(password|auth|identitytoken)\s*=/).map((l) => `${c.path}:${l.line}: ${l.text.split('=')[0]!.trim()} = <redacted>`)];
      return findings.length ? verdict.fail(findings.join('; '), expected, evidence) : verdict.pass('TLS verified, no credentials in config.toml', expected, evidence);
    },
  }),
  hostRequirement({
    id: 'HOST-CRI-SOCKET', title: 'The CRI socket of the profile exists', phase, group: 'runtime', severity: 'error', source: '000 (八)',
    remediation: 'systemctl enable --now containerd   # creates /run/containerd/containerd.sock',
    check: ({ facts, profile }) => {
      const socks = need(facts.criSockets);
      const path = profile.criSocket.replace(/^unix:\/\//, '');
      const st = socks[path] ?? (path.startsWith('/var/run/') ? socks[path.replace('/var/run/', '/run/')] : undefined);
      const evidence = Object.entries(socks).map(([p, s]) => `${p}: ${s}`);
      const expected = `${path} is a socket`;
      if (st === 'socket') return verdict.pass(`${path} exists`, expected, evidence);
      return verdict.fail(st === 'other' ? `${path} exists but is not a socket` : `${path} does not exist`, expected, evidence);
    },
  }),
  hostRequirement({
    id: 'HOST-CGROUP-DRIVER', title: 'containerd and kubelet agree on the systemd cgroup driver', phase, group: 'runtime', severity: 'error', source: '000 (八), 003',
    remediation: 'Set SystemdCgroup = true in /etc/containerd/config.toml and cgroupDriver: systemd in the KubeletConfiguration (init.yaml), then restart containerd.',
    check: ({ facts, profile }) => {
      const { cfg, problem } = containerdConfig(facts);
      const kub = need(facts.kubelet);
      if (!cfg) return verdict.fail(`containerd: ${problem}`, `both ${profile.cgroupDriver}`);
      const runc = cfg.systemdCgroup.find((r) => r.runtime === cfg.defaultRuntime) ?? cfg.systemdCgroup[0];
      const ctrd = runc?.value === true ? 'systemd' : 'cgroupfs';
      let kubelet = profile.cgroupDriver as string;
      let from = `profile (what kubeadm will write: ${profile.origin.cgroupDriver ?? 'default'})`;
      const cfgFile = kub.files.find((f) => f.path === '/var/lib/kubelet/config.yaml');
      if (cfgFile) {
        try {
          const y = parseYaml(cfgFile.content) as { cgroupDriver?: string } | null;
          kubelet = y?.cgroupDriver ?? 'cgroupfs';
          from = '/var/lib/kubelet/config.yaml';
        } catch (e) {
          return verdict.fail(`/var/lib/kubelet/config.yaml does not parse: ${(e as Error).message.split('\n')[0]}`, 'both systemd');
        }
      }
      for (const f of kub.files) {
        const m = /--cgroup-driver[= ](\w+)/.exec(f.content);
        if (m) {
          kubelet = m[1]!;
          from = f.path;
        }
      }
      const evidence = [`containerd runtime ${runc?.runtime ?? '?'}: SystemdCgroup = ${runc?.value ?? 'unset'} → ${ctrd}`, `kubelet: ${kubelet} (from ${from})`];
      const expected = `containerd and kubelet both ${profile.cgroupDriver}`;
      if (ctrd !== kubelet) return verdict.fail(`containerd ${ctrd}, kubelet ${kubelet}: they disagree`, expected, evidence);
      if (ctrd !== profile.cgroupDriver) return verdict.fail(`both ${ctrd}, profile wants ${profile.cgroupDriver}`, expected, evidence);
      return verdict.pass(`both ${ctrd}`, expected, evidence);
    },
  }),
  hostRequirement({
    id: 'HOST-TIME-SYNC', title: 'Time synchronised by chronyd, ntpd or systemd-timesyncd', phase, group: 'services', severity: 'warn', source: '001',
    remediation: 'yum -y install chrony && systemctl enable --now chronyd && chronyc tracking',
    check: ({ facts }) => {
      const svc = need(facts.services);
      const t = need(facts.timeSync);
      const daemons = ['chronyd', 'ntpd', 'systemd-timesyncd'].filter((d) => svc.units[d]?.active === 'active' || (d === 'chronyd' && svc.units.chrony?.active === 'active') || (d === 'ntpd' && svc.units.ntp?.active === 'active'));
      const synced = t.ntpSynchronized === true || t.timesyncdSynchronized || (t.chronyLeap !== undefined && t.chronyLeap === 'Normal') || t.ntpstatRc === 0;
      const evidence = [`active time daemons: ${list(daemons)}`, ...(t.raw ? t.raw.split('\n').filter((l) => /NTP|synchron|Leap|Reference|System time|ntpstat/i.test(l)).slice(0, 6) : [])];
      const expected = 'a time daemon active and synchronised';
      if (!daemons.length) return verdict.fail('no time sync daemon running', expected, evidence);
      if (!synced) return verdict.fail(`${daemons.join(', ')} running, not synchronised (or sync state unknown)`, expected, evidence);
      return verdict.pass(`${daemons.join(', ')} synchronised`, expected, evidence);
    },
  }),
];
