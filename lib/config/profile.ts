// The expected values every requirement judges against. Defaults = the reference design of seeds/000
// (Rocky Linux 8.6, kubeadm 1.29.2, containerd, Harbor at harbor:443, Calico 3.26.4, kube-proxy ipvs).
import { dirname, resolve } from 'node:path';
import { kubeadmFacts, LAST_MINOR } from '../kubeadm/versions.ts';
import { ConfigError } from './errors.ts';
import { Checker } from './validate.ts';
import { loadYaml, loadYamlDocuments } from './yaml-file.ts';

export type ProxyMode = 'ipvs' | 'iptables' | 'nftables';
export type RuntimeName = 'containerd' | 'docker' | 'cri-o';
/** calico and flannel are checked; none or any other name (bridge, cilium, …): their checks skip with the reason */
export type CniName = 'calico' | 'flannel' | 'none' | (string & {});
/** packages: rpm, dpkg or snap (what the host has); binaries: kubeadm's "without a package manager" install */
export type KubernetesInstall = 'packages' | 'binaries';

/** Where each runtime keeps its configuration and which unit runs it, unless the profile says otherwise (its CRI
 * socket per kubeadm version: lib/kubeadm/versions.ts). */
export const RUNTIME_DEFAULTS: Record<RuntimeName, { configPath: string; service: string; process: string }> = {
  containerd: { configPath: '/etc/containerd/config.toml', service: 'containerd', process: 'containerd' },
  docker: { configPath: '/etc/docker/daemon.json', service: 'docker', process: 'dockerd' },
  'cri-o': { configPath: '/etc/crio/crio.conf', service: 'crio', process: 'crio' },
};

export interface Profile {
  kubernetesVersion: string;
  /** how kubeadm, kubelet, kubectl and crictl are installed (HOST-PACKAGES asks the package database or the binaries) */
  kubernetesInstall: KubernetesInstall;
  imageRepository: string;
  sandboxImage: string;
  /** enabled false = `registry: none`: the design has no private registry (HOST-REGISTRY, -MIRRORS, -IMAGES skip) */
  registry: { enabled: boolean; name: string; endpoint: string; caFile?: string; insecureSkipVerify?: boolean; mirrors?: string[]; insecure?: string[] };
  runtime: { name: RuntimeName; configPath: string; service: string };
  /** default: derived from the runtime and the Kubernetes version (see criSocketFor) */
  criSocket: string;
  cgroupDriver: 'systemd' | 'cgroupfs';
  podSubnet: string;
  serviceSubnet: string;
  proxyMode: ProxyMode;
  /** pluginVersion: flannel's flannel-cni-plugin init image tag (kube-flannel.yml since v0.15); absent: not required */
  cni: { name: CniName; version: string; imageRepository: string; backend?: string; pluginVersion?: string };
  /** one number, or per role */
  minMemoryMiB: number | { 'control-plane'?: number; worker?: number };
  /** kube-proxy ipvs strictARP (the reference design sets it; older designs never did) */
  strictARP: boolean;
  /** NTP servers the host must be synchronised to (chrony: a `^*` source); empty = any */
  timeSync: { servers: string[] };
  /** extra sysctls the design persists (e.g. vm.swappiness: 0 in 001) */
  sysctls: Record<string, string>;
  minCPUs: number;
  minConntrackMax: number;
  certWarnDays: number;
  advertiseAddress?: string;
  /** nodeRegistration.ignorePreflightErrors of the kubeadm config: those findings are accepted (waived) with that reason */
  ignorePreflightErrors?: string[];
  /** Where each key came from: default, profile file, kubeadm config. Shown in reports. */
  origin: Record<string, string>;
}

export const DEFAULT_PROFILE: Readonly<Omit<Profile, 'origin'>> = Object.freeze<Omit<Profile, 'origin'>>({
  kubernetesVersion: '1.29.2',
  kubernetesInstall: 'packages',
  imageRepository: 'harbor:443/k8s',
  sandboxImage: 'harbor:443/k8s/pause:3.9',
  registry: { enabled: true, name: 'harbor:443', endpoint: 'https://192.168.88.3:443' },
  runtime: { name: 'containerd', configPath: '/etc/containerd/config.toml', service: 'containerd' },
  criSocket: 'unix:///run/containerd/containerd.sock',
  cgroupDriver: 'systemd',
  podSubnet: '10.244.0.0/16',
  serviceSubnet: '10.245.0.0/16',
  proxyMode: 'ipvs',
  cni: { name: 'calico', version: 'v3.26.4', imageRepository: 'harbor:443/calico' },
  minMemoryMiB: 1700,
  strictARP: true,
  timeSync: { servers: [] },
  sysctls: {},
  minCPUs: 2,
  minConntrackMax: 100000,
  certWarnDays: 30,
});

export const PROFILE_KEYS = [
  'kubernetesVersion',
  'kubernetesInstall',
  'imageRepository',
  'sandboxImage',
  'registry',
  'criSocket',
  'cgroupDriver',
  'podSubnet',
  'serviceSubnet',
  'proxyMode',
  'cni',
  'minMemoryMiB',
  'minCPUs',
  'minConntrackMax',
  'certWarnDays',
  'advertiseAddress',
  'runtime',
  'strictARP',
  'timeSync',
  'sysctls',
];
const NESTED = ['registry', 'cni', 'runtime', 'timeSync'];

/** kubeadm's CRI socket for a runtime and version (lib/kubeadm/versions.ts): Docker = dockershim (the kubelet's, ≤ 1.23)
 * or cri-dockerd; containerd keeps the reference design's /run/containerd/containerd.sock (the same file as /var/run/…). */
export function criSocketFor(runtime: RuntimeName, kubernetesVersion: string): string {
  if (runtime === 'containerd') return DEFAULT_PROFILE.criSocket;
  let s: string;
  try {
    s = kubeadmFacts(kubernetesVersion).defaultCriSocket(runtime);
  } catch {
    s = kubeadmFacts(`1.${LAST_MINOR}.0`).defaultCriSocket(runtime); // a version the table does not know: the newest's sockets
  }
  return s.startsWith('unix://') ? s : `unix://${s}`;
}

/** The minimum memory for a host with these roles (the largest that applies). */
export function minMemoryFor(p: Pick<Profile, 'minMemoryMiB'>, roles: string[]): number {
  const m = p.minMemoryMiB;
  if (typeof m === 'number') return m;
  const vals = roles
    .map((r) => (r === 'control-plane' ? m['control-plane'] : r === 'worker' ? m.worker : undefined))
    .filter((x): x is number => x !== undefined);
  return vals.length ? Math.max(...vals) : Math.min(m['control-plane'] ?? 1700, m.worker ?? 1700);
}
const VERSION = /^v?\d+\.\d+\.\d+$/;
const CIDR = /^[0-9a-fA-F:.]+\/\d{1,3}$/;

export function defaultProfile(): Profile {
  const p = structuredClone(DEFAULT_PROFILE) as Profile;
  p.origin = Object.fromEntries(PROFILE_KEYS.map((k) => [k, 'default']));
  return p;
}

type Partial2 = Partial<Omit<Profile, 'origin' | 'registry' | 'cni' | 'runtime' | 'timeSync'>> & {
  registry?: Partial<Profile['registry']>;
  cni?: Partial<Profile['cni']>;
  runtime?: Partial<Profile['runtime']>;
  timeSync?: Partial<Profile['timeSync']>;
};

/** Reads a profile YAML file (every key optional). Paths inside are relative to the file. */
export function readProfileFile(file: string): Partial2 {
  const src = loadYaml(file);
  const c = new Checker(src);
  if (src.value === null || src.value === undefined) return {};
  const o = c.object(src.value, []);
  c.onlyKeys(o, [], PROFILE_KEYS);
  const out: Partial2 = {};
  if (o.kubernetesVersion !== undefined)
    out.kubernetesVersion = c.string(o.kubernetesVersion, ['kubernetesVersion'], { pattern: VERSION, hint: 'like 1.29.2' }).replace(/^v/, '');
  for (const k of ['imageRepository', 'sandboxImage', 'criSocket', 'advertiseAddress'] as const) {
    if (o[k] !== undefined) out[k] = c.string(o[k], [k]);
  }
  for (const k of ['podSubnet', 'serviceSubnet'] as const) {
    if (o[k] !== undefined) out[k] = c.string(o[k], [k], { pattern: CIDR, hint: 'a CIDR like 10.244.0.0/16' });
  }
  if (o.kubernetesInstall !== undefined) out.kubernetesInstall = c.oneOf(o.kubernetesInstall, ['kubernetesInstall'], ['packages', 'binaries'] as const);
  if (o.cgroupDriver !== undefined) out.cgroupDriver = c.oneOf(o.cgroupDriver, ['cgroupDriver'], ['systemd', 'cgroupfs'] as const);
  if (o.proxyMode !== undefined) out.proxyMode = c.oneOf(o.proxyMode, ['proxyMode'], ['ipvs', 'iptables', 'nftables'] as const);
  if (o.minMemoryMiB !== undefined) {
    if (typeof o.minMemoryMiB === 'number') out.minMemoryMiB = c.int(o.minMemoryMiB, ['minMemoryMiB'], 0, 1 << 24);
    else {
      const m = c.object(o.minMemoryMiB, ['minMemoryMiB']);
      c.onlyKeys(m, ['minMemoryMiB'], ['control-plane', 'worker']);
      out.minMemoryMiB = {};
      for (const r of ['control-plane', 'worker'] as const) if (m[r] !== undefined) out.minMemoryMiB[r] = c.int(m[r], ['minMemoryMiB', r], 0, 1 << 24);
    }
  }
  if (o.strictARP !== undefined) out.strictARP = c.bool(o.strictARP, ['strictARP']);
  if (o.runtime !== undefined) {
    const r = c.object(o.runtime, ['runtime']);
    c.onlyKeys(r, ['runtime'], ['name', 'configPath', 'service']);
    out.runtime = {};
    if (r.name !== undefined) out.runtime.name = c.oneOf(r.name, ['runtime', 'name'], ['containerd', 'docker', 'cri-o'] as const);
    if (r.configPath !== undefined)
      out.runtime.configPath = c.string(r.configPath, ['runtime', 'configPath'], { pattern: /^\/[A-Za-z0-9._/-]+$/, hint: 'an absolute path' });
    if (r.service !== undefined)
      out.runtime.service = c
        .string(r.service, ['runtime', 'service'], { pattern: /^[A-Za-z0-9@._-]+$/, hint: 'a systemd unit name without .service' })
        .replace(/\.service$/, '');
  }
  if (o.timeSync !== undefined) {
    const t = c.object(o.timeSync, ['timeSync']);
    c.onlyKeys(t, ['timeSync'], ['servers']);
    if (t.servers !== undefined)
      out.timeSync = {
        servers: c
          .array(t.servers, ['timeSync', 'servers'])
          .map((x, i) => c.string(x, ['timeSync', 'servers', i], { pattern: /^[A-Za-z0-9.:_-]+$/, hint: 'a host name or address' })),
      };
  }
  if (o.sysctls !== undefined) {
    const m = c.object(o.sysctls, ['sysctls']);
    out.sysctls = {};
    for (const [k, v] of Object.entries(m)) {
      if (!/^[a-z0-9_.-]+$/.test(k)) c.fail(['sysctls', k], 'not a sysctl key (like vm.swappiness)');
      out.sysctls[k] = c.string(v, ['sysctls', k]);
    }
  }
  if (o.minCPUs !== undefined) out.minCPUs = c.int(o.minCPUs, ['minCPUs'], 1, 4096);
  if (o.minConntrackMax !== undefined) out.minConntrackMax = c.int(o.minConntrackMax, ['minConntrackMax'], 0, 1 << 30); // 0: not checked (kube-proxy sets it)
  if (o.certWarnDays !== undefined) out.certWarnDays = c.int(o.certWarnDays, ['certWarnDays'], 0, 3650);
  if (o.registry === 'none') out.registry = { enabled: false };
  else if (o.registry !== undefined) {
    if (typeof o.registry === 'string') c.fail(['registry'], `expected a mapping or "none", got ${JSON.stringify(o.registry)}`);
    const r = c.object(o.registry, ['registry']);
    c.onlyKeys(r, ['registry'], ['name', 'endpoint', 'caFile', 'insecureSkipVerify', 'mirrors', 'insecure']);
    out.registry = { enabled: true };
    for (const k of ['mirrors', 'insecure'] as const) {
      if (r[k] !== undefined) out.registry[k] = c.array(r[k], ['registry', k]).map((x, i) => c.string(x, ['registry', k, i]));
    }
    if (r.name !== undefined) out.registry.name = c.string(r.name, ['registry', 'name']);
    if (r.endpoint !== undefined)
      out.registry.endpoint = c.string(r.endpoint, ['registry', 'endpoint'], { pattern: /^https?:\/\/[^\s/]+\/?$/, hint: 'like https://192.168.88.3:443' });
    if (r.caFile !== undefined) out.registry.caFile = resolve(dirname(file), c.string(r.caFile, ['registry', 'caFile']));
    if (r.insecureSkipVerify !== undefined) out.registry.insecureSkipVerify = c.bool(r.insecureSkipVerify, ['registry', 'insecureSkipVerify']);
  }
  if (o.cni !== undefined) {
    const n = c.object(o.cni, ['cni']);
    c.onlyKeys(n, ['cni'], ['name', 'version', 'imageRepository', 'backend', 'pluginVersion']);
    out.cni = {};
    // calico and flannel have checks; any other CNI (bridge, cilium, weave, …) is accepted and their checks skip, saying so
    if (n.name !== undefined)
      out.cni.name = c.string(n.name, ['cni', 'name'], { pattern: /^[a-z0-9][a-z0-9-]*$/, hint: 'calico, flannel, none, or the name of another CNI' });
    if (n.backend !== undefined)
      out.cni.backend = c.string(n.backend, ['cni', 'backend'], { pattern: /^[a-z0-9-]+$/, hint: 'a flannel backend type like vxlan or host-gw' });
    if (n.version !== undefined) out.cni.version = c.string(n.version, ['cni', 'version'], { pattern: VERSION, hint: 'like v3.26.4' });
    if (n.imageRepository !== undefined) out.cni.imageRepository = c.string(n.imageRepository, ['cni', 'imageRepository']);
    if (n.pluginVersion !== undefined)
      out.cni.pluginVersion = c.string(n.pluginVersion, ['cni', 'pluginVersion'], { pattern: /^v?\d+\.\d+\.\d+(-[a-z0-9.]+)?$/, hint: 'like v1.9.1-flannel3' });
  }
  return out;
}

/** Expectations taken from the user's kubeadm config (InitConfiguration, ClusterConfiguration, KubeProxyConfiguration, KubeletConfiguration). */
export function readKubeadmConfig(file: string): Partial2 {
  const docs = loadYamlDocuments(file);
  const out: Partial2 = {};
  let kinds = 0;
  for (const d of docs) {
    if (d.value === null || d.value === undefined) continue;
    const c = new Checker(d);
    const o = c.object(d.value, []);
    const kind = o.kind;
    if (typeof kind !== 'string') c.fail(['kind'], 'every document needs a kind');
    kinds++;
    if (kind === 'ClusterConfiguration') {
      if (o.kubernetesVersion !== undefined)
        out.kubernetesVersion = c.string(o.kubernetesVersion, ['kubernetesVersion'], { pattern: VERSION }).replace(/^v/, '');
      if (o.imageRepository !== undefined) out.imageRepository = c.string(o.imageRepository, ['imageRepository']);
      const net = o.networking === undefined ? {} : c.object(o.networking, ['networking']);
      if (net.podSubnet !== undefined) out.podSubnet = c.string(net.podSubnet, ['networking', 'podSubnet'], { pattern: CIDR });
      if (net.serviceSubnet !== undefined) out.serviceSubnet = c.string(net.serviceSubnet, ['networking', 'serviceSubnet'], { pattern: CIDR });
    } else if (kind === 'InitConfiguration') {
      const ep = o.localAPIEndpoint === undefined ? {} : c.object(o.localAPIEndpoint, ['localAPIEndpoint']);
      if (ep.advertiseAddress !== undefined) out.advertiseAddress = c.string(ep.advertiseAddress, ['localAPIEndpoint', 'advertiseAddress']);
      const nr = o.nodeRegistration === undefined ? {} : c.object(o.nodeRegistration, ['nodeRegistration']);
      if (nr.criSocket !== undefined) out.criSocket = c.string(nr.criSocket, ['nodeRegistration', 'criSocket']);
      if (nr.ignorePreflightErrors !== undefined)
        out.ignorePreflightErrors = [
          ...(out.ignorePreflightErrors ?? []),
          ...c
            .array(nr.ignorePreflightErrors, ['nodeRegistration', 'ignorePreflightErrors'])
            .map((x, i) => c.string(x, ['nodeRegistration', 'ignorePreflightErrors', i])),
        ];
    } else if (kind === 'JoinConfiguration') {
      const nr = o.nodeRegistration === undefined ? {} : c.object(o.nodeRegistration, ['nodeRegistration']);
      if (nr.ignorePreflightErrors !== undefined)
        out.ignorePreflightErrors = [
          ...(out.ignorePreflightErrors ?? []),
          ...c
            .array(nr.ignorePreflightErrors, ['nodeRegistration', 'ignorePreflightErrors'])
            .map((x, i) => c.string(x, ['nodeRegistration', 'ignorePreflightErrors', i])),
        ];
    } else if (kind === 'KubeProxyConfiguration') {
      if (o.mode !== undefined && o.mode !== '') out.proxyMode = c.oneOf(o.mode, ['mode'], ['ipvs', 'iptables', 'nftables'] as const);
      else out.proxyMode = 'iptables';
    } else if (kind === 'KubeletConfiguration') {
      if (o.cgroupDriver !== undefined) out.cgroupDriver = c.oneOf(o.cgroupDriver, ['cgroupDriver'], ['systemd', 'cgroupfs'] as const);
    }
  }
  if (kinds === 0) throw new ConfigError('no kubeadm configuration documents found', { file });
  return out;
}

/** Merge: defaults < kubeadm config < explicit profile keys. */
export function buildProfile(opts: { profileFile?: string; kubeadmConfigFile?: string }): Profile {
  const p = defaultProfile();
  const layers: [string, Partial2][] = [];
  if (opts.kubeadmConfigFile) layers.push([`kubeadm config ${opts.kubeadmConfigFile}`, readKubeadmConfig(opts.kubeadmConfigFile)]);
  if (opts.profileFile) layers.push([`profile ${opts.profileFile}`, readProfileFile(opts.profileFile)]);
  for (const [origin, layer] of layers) {
    for (const [k, v] of Object.entries(layer)) {
      if (v === undefined) continue;
      if (NESTED.includes(k)) Object.assign((p as any)[k], v);
      else (p as any)[k] = v;
      p.origin[k] = origin;
    }
  }
  // Unless set, the sandbox image is the pause image kubeadm of this version lists for this repository.
  if (p.origin.sandboxImage === 'default' && (p.origin.kubernetesVersion !== 'default' || p.origin.imageRepository !== 'default')) {
    try {
      const pause = kubeadmFacts(p.kubernetesVersion)
        .images(p.imageRepository)
        .find((i) => i.component === 'pause');
      if (pause) {
        p.sandboxImage = pause.ref;
        p.origin.sandboxImage = `kubeadm ${p.kubernetesVersion}'s pause image (lib/kubeadm/versions.ts)`;
      }
    } catch {
      // an unknown version keeps the default; the version-dependent checks report the version
    }
  }
  // per-runtime defaults: a profile that names docker gets daemon.json and docker.service unless it says otherwise
  const explicit = layers.map(([, l]) => l.runtime).filter(Boolean) as Partial<Profile['runtime']>[];
  const d = RUNTIME_DEFAULTS[p.runtime.name];
  if (!explicit.some((r) => r.configPath)) p.runtime.configPath = d.configPath;
  if (!explicit.some((r) => r.service)) p.runtime.service = d.service;
  // a CNI other than Calico keeps none of Calico's defaults
  if (p.cni.name !== 'calico') {
    const explicitCni = layers.map(([, l]) => l.cni).filter(Boolean) as Partial<Profile['cni']>[];
    if (!explicitCni.some((c) => c.version)) p.cni.version = '';
    if (!explicitCni.some((c) => c.imageRepository)) p.cni.imageRepository = '';
  }
  if (!layers.some(([, l]) => l.criSocket)) {
    p.criSocket = criSocketFor(p.runtime.name, p.kubernetesVersion);
    if (p.runtime.name !== 'containerd' || p.origin.kubernetesVersion !== 'default')
      p.origin.criSocket = `derived from runtime ${p.runtime.name} and Kubernetes ${p.kubernetesVersion}`;
  }
  return p;
}

/** The profile as shown in reports (no origin noise, no secrets: the profile holds none). */
export function profileForReport(p: Profile): Record<string, unknown> {
  const { origin, ...rest } = p;
  return { ...rest, origin };
}
