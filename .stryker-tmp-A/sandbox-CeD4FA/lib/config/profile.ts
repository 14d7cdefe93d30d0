// @ts-nocheck
// The expected values every requirement judges against. Defaults = the reference design of seeds/000
// (Rocky Linux 8.6, kubeadm 1.29.2, containerd, Harbor at harbor:443, Calico 3.26.4, kube-proxy ipvs).
import { dirname, resolve } from 'node:path';
import { ConfigError } from './errors.ts';
import { Checker } from './validate.ts';
import { loadYaml, loadYamlDocuments } from './yaml-file.ts';

export type ProxyMode = 'ipvs' | 'iptables' | 'nftables';

export interface Profile {
  kubernetesVersion: string;
  imageRepository: string;
  sandboxImage: string;
  registry: { name: string; endpoint: string; caFile?: string; insecureSkipVerify?: boolean };
  criSocket: string;
  cgroupDriver: 'systemd' | 'cgroupfs';
  podSubnet: string;
  serviceSubnet: string;
  proxyMode: ProxyMode;
  cni: { name: string; version: string; imageRepository: string };
  minMemoryMiB: number;
  minCPUs: number;
  minConntrackMax: number;
  certWarnDays: number;
  advertiseAddress?: string;
  /** nodeRegistration.ignorePreflightErrors of the kubeadm config: those findings are accepted (waived) with that reason */
  ignorePreflightErrors?: string[];
  /** Where each key came from: default, profile file, kubeadm config. Shown in reports. */
  origin: Record<string, string>;
}

export const DEFAULT_PROFILE: Readonly<Omit<Profile, 'origin'>> = Object.freeze({
  kubernetesVersion: '1.29.2',
  imageRepository: 'harbor:443/k8s',
  sandboxImage: 'harbor:443/k8s/pause:3.9',
  registry: { name: 'harbor:443', endpoint: 'https://192.168.88.3:443' },
  criSocket: 'unix:///run/containerd/containerd.sock',
  cgroupDriver: 'systemd',
  podSubnet: '10.244.0.0/16',
  serviceSubnet: '10.245.0.0/16',
  proxyMode: 'ipvs',
  cni: { name: 'calico', version: 'v3.26.4', imageRepository: 'harbor:443/calico' },
  minMemoryMiB: 1700,
  minCPUs: 2,
  minConntrackMax: 100000,
  certWarnDays: 30,
});

export const PROFILE_KEYS = [
  'kubernetesVersion', 'imageRepository', 'sandboxImage', 'registry', 'criSocket', 'cgroupDriver', 'podSubnet',
  'serviceSubnet', 'proxyMode', 'cni', 'minMemoryMiB', 'minCPUs', 'minConntrackMax', 'certWarnDays', 'advertiseAddress',
];
const VERSION = /^v?\d+\.\d+\.\d+$/;
const CIDR = /^[0-9a-fA-F:.]+\/\d{1,3}$/;

export function defaultProfile(): Profile {
  const p = structuredClone(DEFAULT_PROFILE) as Profile;
  p.origin = Object.fromEntries(PROFILE_KEYS.map((k) => [k, 'default']));
  return p;
}

type Partial2 = Partial<Omit<Profile, 'origin' | 'registry' | 'cni'>> & {
  registry?: Partial<Profile['registry']>;
  cni?: Partial<Profile['cni']>;
};

/** Reads a profile YAML file (every key optional). Paths inside are relative to the file. */
export function readProfileFile(file: string): Partial2 {
  const src = loadYaml(file);
  const c = new Checker(src);
  if (src.value === null || src.value === undefined) return {};
  const o = c.object(src.value, []);
  c.onlyKeys(o, [], PROFILE_KEYS);
  const out: Partial2 = {};
  if (o.kubernetesVersion !== undefined) out.kubernetesVersion = c.string(o.kubernetesVersion, ['kubernetesVersion'], { pattern: VERSION, hint: 'like 1.29.2' }).replace(/^v/, '');
  for (const k of ['imageRepository', 'sandboxImage', 'criSocket', 'advertiseAddress'] as const) {
    if (o[k] !== undefined) out[k] = c.string(o[k], [k]);
  }
  for (const k of ['podSubnet', 'serviceSubnet'] as const) {
    if (o[k] !== undefined) out[k] = c.string(o[k], [k], { pattern: CIDR, hint: 'a CIDR like 10.244.0.0/16' });
  }
  if (o.cgroupDriver !== undefined) out.cgroupDriver = c.oneOf(o.cgroupDriver, ['cgroupDriver'], ['systemd', 'cgroupfs'] as const);
  if (o.proxyMode !== undefined) out.proxyMode = c.oneOf(o.proxyMode, ['proxyMode'], ['ipvs', 'iptables', 'nftables'] as const);
  if (o.minMemoryMiB !== undefined) out.minMemoryMiB = c.int(o.minMemoryMiB, ['minMemoryMiB'], 0, 1 << 24);
  if (o.minCPUs !== undefined) out.minCPUs = c.int(o.minCPUs, ['minCPUs'], 1, 4096);
  if (o.minConntrackMax !== undefined) out.minConntrackMax = c.int(o.minConntrackMax, ['minConntrackMax'], 0, 1 << 30);
  if (o.certWarnDays !== undefined) out.certWarnDays = c.int(o.certWarnDays, ['certWarnDays'], 0, 3650);
  if (o.registry !== undefined) {
    const r = c.object(o.registry, ['registry']);
    c.onlyKeys(r, ['registry'], ['name', 'endpoint', 'caFile', 'insecureSkipVerify']);
    out.registry = {};
    if (r.name !== undefined) out.registry.name = c.string(r.name, ['registry', 'name']);
    if (r.endpoint !== undefined) out.registry.endpoint = c.string(r.endpoint, ['registry', 'endpoint'], { pattern: /^https?:\/\/[^\s/]+\/?$/, hint: 'like https://192.168.88.3:443' });
    if (r.caFile !== undefined) out.registry.caFile = resolve(dirname(file), c.string(r.caFile, ['registry', 'caFile']));
    if (r.insecureSkipVerify !== undefined) out.registry.insecureSkipVerify = c.bool(r.insecureSkipVerify, ['registry', 'insecureSkipVerify']);
  }
  if (o.cni !== undefined) {
    const n = c.object(o.cni, ['cni']);
    c.onlyKeys(n, ['cni'], ['name', 'version', 'imageRepository']);
    out.cni = {};
    if (n.name !== undefined) out.cni.name = c.string(n.name, ['cni', 'name']);
    if (n.version !== undefined) out.cni.version = c.string(n.version, ['cni', 'version'], { pattern: VERSION, hint: 'like v3.26.4' });
    if (n.imageRepository !== undefined) out.cni.imageRepository = c.string(n.imageRepository, ['cni', 'imageRepository']);
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
      if (o.kubernetesVersion !== undefined) out.kubernetesVersion = c.string(o.kubernetesVersion, ['kubernetesVersion'], { pattern: VERSION }).replace(/^v/, '');
      if (o.imageRepository !== undefined) out.imageRepository = c.string(o.imageRepository, ['imageRepository']);
      const net = o.networking === undefined ? {} : c.object(o.networking, ['networking']);
      if (net.podSubnet !== undefined) out.podSubnet = c.string(net.podSubnet, ['networking', 'podSubnet'], { pattern: CIDR });
      if (net.serviceSubnet !== undefined) out.serviceSubnet = c.string(net.serviceSubnet, ['networking', 'serviceSubnet'], { pattern: CIDR });
    } else if (kind === 'InitConfiguration') {
      const ep = o.localAPIEndpoint === undefined ? {} : c.object(o.localAPIEndpoint, ['localAPIEndpoint']);
      if (ep.advertiseAddress !== undefined) out.advertiseAddress = c.string(ep.advertiseAddress, ['localAPIEndpoint', 'advertiseAddress']);
      const nr = o.nodeRegistration === undefined ? {} : c.object(o.nodeRegistration, ['nodeRegistration']);
      if (nr.criSocket !== undefined) out.criSocket = c.string(nr.criSocket, ['nodeRegistration', 'criSocket']);
      if (nr.ignorePreflightErrors !== undefined) out.ignorePreflightErrors = [...(out.ignorePreflightErrors ?? []), ...c.array(nr.ignorePreflightErrors, ['nodeRegistration', 'ignorePreflightErrors']).map((x, i) => c.string(x, ['nodeRegistration', 'ignorePreflightErrors', i]))];
    } else if (kind === 'JoinConfiguration') {
      const nr = o.nodeRegistration === undefined ? {} : c.object(o.nodeRegistration, ['nodeRegistration']);
      if (nr.ignorePreflightErrors !== undefined) out.ignorePreflightErrors = [...(out.ignorePreflightErrors ?? []), ...c.array(nr.ignorePreflightErrors, ['nodeRegistration', 'ignorePreflightErrors']).map((x, i) => c.string(x, ['nodeRegistration', 'ignorePreflightErrors', i]))];
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
      if (k === 'registry' || k === 'cni') Object.assign((p as any)[k], v);
      else (p as any)[k] = v;
      p.origin[k] = origin;
    }
  }
  return p;
}

/** The profile as shown in reports (no origin noise, no secrets: the profile holds none). */
export function profileForReport(p: Profile): Record<string, unknown> {
  const { origin, ...rest } = p;
  return { ...rest, origin };
}
