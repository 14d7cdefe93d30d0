// Typed facts about one host, parsed from one probe run. Each fact is either a value or the reason it is missing.
import { parseContainerdConfig, parseHostsToml, type ContainerdConfig, type HostsToml } from '../facts/containerd.ts';
import { parseFstab, type FstabEntry } from '../facts/fstab.ts';
import { parseHostsFile, parseResolution, type HostsEntry } from '../facts/hosts.ts';
import { parseModules, type ModuleFacts } from '../facts/modules.ts';
import { parseNet, type Interface } from '../facts/net.ts';
import { parseOsRelease, type OsRelease } from '../facts/os-release.ts';
import { parsePackages, type PackageFacts } from '../facts/packages.ts';
import { parseMemTotalKiB, parseProcNetTcp, parseSwaps, type ListenSocket, type SwapEntry } from '../facts/listen.ts';
import { parseServices, type ServiceFacts } from '../facts/services.ts';
import { persistedSysctls, type SysctlSetting } from '../facts/sysctl.ts';
import { parseChronyConf, parseChronySources, type ChronySource } from '../facts/timesync.ts';
import { parseCrioConfig, type CrioConfig } from '../facts/crio.ts';
import { parseDaemonJson, parseDockerInfo, type DaemonJson, type DockerInfo } from '../facts/docker.ts';
import { parseSnapList } from '../facts/snap.ts';
import { scrub } from '../redact.ts';
import { runtimePaths, type ProbeOptions } from './script.ts';
import { blocks, keyValues, LIMITS, splitSections, type Oversize, type ProbeFile, type ProbeOutput, type Section } from './sections.ts';

export type Fact<T> = { ok: true; value: T } | { ok: false; error: string };

export interface FileText {
  path: string;
  content: string;
}

export interface ContainerdFacts {
  path: string;
  present: boolean;
  unreadable?: boolean;
  /** the file's text with secret values replaced by <redacted>, for evidence lines */
  text?: string;
  config?: ContainerdConfig;
  parseError?: string;
  hostsToml: HostsToml[];
}

export interface DockerFacts {
  path: string;
  present: boolean;
  unreadable?: boolean;
  text?: string;
  config?: DaemonJson;
  parseError?: string;
  /** `docker info` from the running daemon, when the docker CLI is there and answered */
  info?: DockerInfo;
}

export interface CrioFacts {
  path: string;
  present: boolean;
  files: FileText[];
  config?: CrioConfig;
  parseError?: string;
}

export interface TimeSyncFacts {
  /** chronyc -n sources */
  chronySources?: ChronySource[];
  /** server/pool lines of chrony.conf */
  chronyServers?: { kind: string; name: string; file: string; line: number }[];
  ntpSynchronized?: boolean;
  timesyncdSynchronized: boolean;
  chronyLeap?: string;
  ntpstatRc?: number;
  raw: string;
}

export interface RegistryReach {
  host: string;
  port: number;
  resolved?: string;
  tool: string;
  reachable: boolean | undefined;
  detail: string;
}

export interface NodeHealth {
  endpoints: Record<string, string>;
  ipvsadm: { rc: number; output: string };
}

export interface HostFacts {
  meta: Fact<{ uid: number; kernelName: string; path: string }>;
  os: Fact<OsRelease>;
  kernel: Fact<{ release: string; machine: string }>;
  cpus: Fact<number>;
  memTotalKiB: Fact<number>;
  swaps: Fact<SwapEntry[]>;
  fstab: Fact<FstabEntry[]>;
  selinux: Fact<{ present: boolean; mode?: string; configText?: string; configMode?: { value: string; line: number } }>;
  packages: Fact<PackageFacts>;
  services: Fact<ServiceFacts>;
  hostname: Fact<{ running: string; file?: string }>;
  interfaces: Fact<Interface[]>;
  productUuid: Fact<string>;
  etcHosts: Fact<HostsEntry[]>;
  resolution: Fact<Record<string, string[]>>;
  modules: Fact<ModuleFacts>;
  sysctls: Fact<Record<string, string | undefined>>;
  sysctlFiles: Fact<{ files: FileText[]; settings: SysctlSetting[] }>;
  containerd: Fact<ContainerdFacts>;
  docker: Fact<DockerFacts>;
  crio: Fact<CrioFacts>;
  criSockets: Fact<Record<string, 'socket' | 'other' | 'absent'>>;
  listening: Fact<ListenSocket[]>;
  timeSync: Fact<TimeSyncFacts>;
  registry: Fact<RegistryReach | undefined>;
  binaries: Fact<Record<string, string | undefined>>;
  /** kubeadm/kubelet/kubectl as the binaries report themselves (x.y.z), when installed */
  binaryVersions?: Fact<Record<string, string>>;
  kubelet: Fact<{ files: FileText[] }>;
  nodeHealth: Fact<NodeHealth | undefined>;
}

const okf = <T>(value: T): Fact<T> => ({ ok: true, value });
const errf = <T>(error: string): Fact<T> => ({ ok: false, error });

const mib = (n: number) => `${(n / 1048576).toFixed(1)} MiB`;

/** Why a fact cannot be judged when its file (or section) passed what a host may send (sections.ts LIMITS). */
export function oversizeError(o: Oversize): string {
  return o.limit === 'file'
    ? `${o.what} is ${mib(o.bytes)} (${o.bytes} bytes): more than the ${mib(LIMITS.file)} a host may send per file — not judged from a truncated copy`
    : `${o.what} (${mib(o.bytes)}) came after this host had sent ${mib(LIMITS.host)} in all, the most kept per host — not judged`;
}

/** why sections are missing when the host's output was stopped on purpose */
const cutShort = new WeakMap<Map<string, Section>, string>();

function fact<T>(secs: Map<string, Section>, name: string, parse: (s: Section) => T, opts: { allowRc?: number[] } = {}): Fact<T> {
  const s = secs.get(name);
  if (!s) return errf(`the probe's "${name}" section is missing from the host's output (${cutShort.get(secs) ?? 'output cut short or garbled'})`);
  if (s.oversize?.length) return errf(s.oversize.map(oversizeError).join('; '));
  if (s.rc !== 0 && !(opts.allowRc ?? []).includes(s.rc)) return errf(`the probe's "${name}" step failed on the host (exit ${s.rc})`);
  try {
    return okf(parse(s));
  } catch (e) {
    return errf(`cannot parse "${name}": ${(e as Error).message}`);
  }
}

const okFiles = (s: Section): ProbeFile[] => s.files.filter((f) => f.state === 'ok');

/** Kubelet drop-ins (ExecStartPre=modprobe …) persist modules too (003). */
const isKubeletDropIn = (p: string) => /\/(kubelet|snap\.kubelet\.daemon)\.service\.d\/[^/]+\.conf$/.test(p);

/** The facts of one host, from its probe output (the text, or the sections a SectionSplitter already split). */
export function parseFacts(stdout: string | ProbeOutput, nonce: string, registry?: { host: string; port: number }, resolveNames: string[] = [], design?: ProbeOptions['design']): { facts: HostFacts; complete: boolean } {
  const out = typeof stdout === 'string' ? splitSections(stdout, nonce) : stdout;
  const { sections: S, complete } = out;
  if (out.overWire) cutShort.set(S, `the host sent more than ${mib(LIMITS.wire)}, the most read from one host: the probe was stopped there`);
  const paths = runtimePaths(design);
  const processOf: Record<string, string[]> = {};
  if (design) processOf[design.service] = [design.runtime === 'docker' ? 'dockerd' : design.runtime === 'cri-o' ? 'crio' : 'containerd'];
  const meta = fact(S, 'meta', (s) => {
    const kv = keyValues(s.text);
    const [kernelName = '', release = '', machine = ''] = (kv.uname ?? '').split(' ');
    if (!release) throw new Error('no uname line');
    return { uid: Number(kv.uid ?? NaN), kernelName, path: kv.path ?? '', release, machine };
  });
  const facts: HostFacts = {
    meta: meta.ok ? okf({ uid: meta.value.uid, kernelName: meta.value.kernelName, path: meta.value.path }) : meta,
    kernel: meta.ok ? okf({ release: meta.value.release, machine: meta.value.machine }) : meta,
    os: fact(S, 'os-release', (s) => parseOsRelease(s.text)),
    cpus: fact(S, 'cpus', (s) => {
      const n = Number(s.text.trim());
      if (!Number.isInteger(n) || n < 1) throw new Error(`not a CPU count: ${JSON.stringify(s.text.trim().slice(0, 40))}`);
      return n;
    }),
    memTotalKiB: fact(S, 'meminfo', (s) => parseMemTotalKiB(s.text)),
    swaps: fact(S, 'swaps', (s) => parseSwaps(s.text)),
    fstab: fact(S, 'fstab', (s) => {
      const f = okFiles(s).find((x) => x.path === '/etc/fstab');
      return f ? parseFstab(f.content) : [];
    }),
    selinux: fact(S, 'selinux', (s) => {
      const kv = keyValues(s.text);
      const cfg = okFiles(s).find((f) => f.path === '/etc/selinux/config');
      const present = kv.selinuxfs === 'yes' || kv.getenforce !== undefined || !!cfg;
      const mode = kv.getenforce ? kv.getenforce.toLowerCase() : kv.enforce !== undefined ? (kv.enforce.trim() === '1' ? 'enforcing' : 'permissive') : kv.selinuxfs === 'yes' ? undefined : 'disabled';
      let configMode: { value: string; line: number } | undefined;
      cfg?.content.split('\n').forEach((l, i) => {
        const m = /^\s*SELINUX\s*=\s*(\S+)/.exec(l);
        if (m) configMode = { value: m[1]!.toLowerCase(), line: i + 1 };
      });
      return { present, mode, configText: cfg?.content, configMode };
    }),
    packages: fact(S, 'packages', (s) => ({ ...parsePackages(s.text), snaps: parseSnapList(blocks(s.text).snap ?? '') })),
    services: fact(S, 'services', (s) => parseServices(s.text, processOf)),
    hostname: fact(S, 'hostname', (s) => {
      const kv = keyValues(s.text);
      const running = (kv.hostname || kv.uname || '').trim();
      if (!running) throw new Error('empty hostname');
      const f = okFiles(s).find((x) => x.path === '/etc/hostname');
      return { running, file: f?.content.trim() };
    }),
    interfaces: fact(S, 'net', (s) => parseNet(s.text)),
    productUuid: fact(S, 'product_uuid', (s) => {
      const t = s.text.trim();
      if (s.rc === 3) throw new Error('/sys/class/dmi/id/product_uuid does not exist on this host (no DMI)');
      if (s.rc === 4) throw new Error('/sys/class/dmi/id/product_uuid is not readable (needs root: set sudo: true)');
      if (!/^[0-9a-fA-F-]{32,36}$/.test(t)) throw new Error(`unexpected product_uuid ${JSON.stringify(t.slice(0, 60))}`);
      return t.toLowerCase();
    }, { allowRc: [3, 4] }),
    etcHosts: fact(S, 'hosts', (s) => {
      const f = okFiles(s).find((x) => x.path === '/etc/hosts');
      return f ? parseHostsFile(f.content) : [];
    }),
    resolution: fact(S, 'hosts', (s) => parseResolution(s.text, resolveNames)),
    modules: fact(S, 'modules', (s) => parseModules(s.text, [...okFiles(s), ...(S.get('kubelet')?.files ?? []).filter((f) => f.state === 'ok' && isKubeletDropIn(f.path))])),
    sysctls: fact(S, 'sysctl', (s) => {
      const out: Record<string, string | undefined> = {};
      for (const line of s.text.split('\n')) {
        const [k, v] = line.split('\t');
        if (k && v !== undefined) out[k] = v === '@absent' ? undefined : v.trim();
      }
      return out;
    }),
    sysctlFiles: fact(S, 'sysctl-files', (s) => {
      const files = okFiles(s).map((f) => ({ path: f.path, content: f.content }));
      return { files, settings: persistedSysctls(files) };
    }),
    containerd: fact(S, 'containerd', (s) => {
      const path = paths.containerd;
      const f = s.files.find((x) => x.path === path);
      const out: ContainerdFacts = { path, present: !!f, unreadable: f?.state === 'unreadable', hostsToml: [] };
      if (f?.state === 'ok') {
        try {
          out.config = parseContainerdConfig(f.content);
        } catch (e) {
          out.parseError = (e as Error).message;
        }
        // Parsing registered every secret value; the text kept for evidence is scrubbed of them.
        out.text = scrub(f.content);
      }
      out.hostsToml = okFiles(s).filter((x) => x.path.endsWith('/hosts.toml')).map((x) => parseHostsToml(x.path, x.content));
      return out;
    }),
    docker: fact(S, 'docker', (s) => {
      const path = paths.docker;
      const f = s.files.find((x) => x.path === path);
      const out: DockerFacts = { path, present: !!f, unreadable: f?.state === 'unreadable' };
      if (f?.state === 'ok') {
        out.text = scrub(f.content);
        try {
          out.config = parseDaemonJson(f.content);
        } catch (e) {
          out.parseError = (e as Error).message;
        }
      }
      const b = blocks(s.text);
      if (b.info !== undefined && /info_rc=0/.test(b.info)) out.info = parseDockerInfo(b.info);
      return out;
    }),
    crio: fact(S, 'crio', (s) => {
      const path = paths.crio;
      const files = okFiles(s).map((f) => ({ path: f.path, content: f.content }));
      const out: CrioFacts = { path, present: files.some((f) => f.path === path), files };
      try {
        out.config = parseCrioConfig(files);
      } catch (e) {
        out.parseError = (e as Error).message;
      }
      return out;
    }),
    criSockets: fact(S, 'cri', (s) => {
      const out: Record<string, 'socket' | 'other' | 'absent'> = {};
      for (const line of s.text.split('\n')) {
        const [p, st] = line.split('\t');
        if (p && (st === 'socket' || st === 'other' || st === 'absent')) out[p] = st;
      }
      return out;
    }),
    listening: fact(S, 'listen', (s) => {
      const b = blocks(s.text);
      return [...parseProcNetTcp(b.tcp ?? '', 4), ...parseProcNetTcp(b.tcp6 ?? '', 6)];
    }),
    timeSync: fact(S, 'timesync', (s) => {
      const b = blocks(s.text);
      const kv = keyValues(b[''] ?? '');
      const leap = /Leap status\s*:\s*(.+)/.exec(b.chronyc ?? '')?.[1]?.trim();
      const ntp = /ntpstat_rc=(\d+)/.exec(b.ntpstat ?? '')?.[1];
      return {
        chronySources: b.sources === undefined ? undefined : parseChronySources(b.sources),
        chronyServers: okFiles(s).flatMap((f) => parseChronyConf(f.path, f.content)),
        ntpSynchronized: kv.NTPSynchronized === undefined ? undefined : kv.NTPSynchronized === 'yes',
        timesyncdSynchronized: kv.timesyncd_synchronized === 'yes',
        chronyLeap: leap,
        ntpstatRc: ntp === undefined ? undefined : Number(ntp),
        raw: s.text.trim(),
      };
    }),
    registry: fact(S, 'registry', (s) => {
      if (!registry || /^@none/m.test(s.text)) return undefined;
      const kv = keyValues(s.text);
      const tool = kv.tool ?? 'none';
      let reachable: boolean | undefined;
      let detail = '';
      if (tool === 'curl') {
        const m = /^curl_rc=(\d+)\s*(.*)$/m.exec(s.text);
        const rc = Number(m?.[1] ?? -1);
        const httpCode = /(\d{3}) [0-9a-fA-F:.]*\s*$/.exec(m?.[2] ?? '')?.[1];
        // curl rc 0 = HTTP answered; 6 = DNS; 7 = refused; 28 = timeout; 35/60 = TLS trouble but TCP reached.
        reachable = rc === 0 || rc === 35 || rc === 60 || (!!httpCode && httpCode !== '000');
        detail = rc === 0 ? `HTTPS answered (HTTP ${httpCode ?? '?'} on /v2/)` : `curl exit ${rc}: ${(m?.[2] ?? '').trim().slice(0, 200)}`;
      } else if (tool === 'bash' || tool === 'nc') {
        const rc = Number(/tcp_rc=(\d+)/.exec(s.text)?.[1] ?? -1);
        reachable = rc === 0;
        detail = `${tool} TCP connect exit ${rc}`;
      } else {
        detail = 'no curl, bash or nc on the host to test a TCP connection';
      }
      return { host: registry.host, port: registry.port, resolved: kv.resolve?.trim() || undefined, tool, reachable, detail };
    }),
    binaries: fact(S, 'binaries', (s) => {
      const out: Record<string, string | undefined> = {};
      for (const line of s.text.split('\n')) {
        const [b, p] = line.split('\t');
        if (b) out[b] = p?.trim() || undefined;
      }
      return out;
    }),
    // a refinement of the package versions: output without this section (an older probe) has none to offer
    binaryVersions: !S.has('kversions') ? okf({}) : fact(S, 'kversions', (s) => {
      const out: Record<string, string> = {};
      for (const [b, text] of Object.entries(blocks(s.text))) {
        // kubeadm version -o short: v1.29.2; kubelet --version: Kubernetes v1.29.2; kubectl: Client Version: v1.32.4 (or GitVersion:"v1.22.0")
        const v = /(?:Client Version:\s*|GitVersion:"|Kubernetes\s+|^)v(\d+\.\d+\.\d+)/m.exec(text);
        if (b && v) out[b] = v[1]!;
      }
      return out;
    }),
    kubelet: fact(S, 'kubelet', (s) => ({ files: okFiles(s).map((f) => ({ path: f.path, content: f.content })) })),
    nodeHealth: S.has('node-health')
      ? fact(S, 'node-health', (s) => {
          const b = blocks(s.text);
          const endpoints: Record<string, string> = {};
          for (const line of (b[''] ?? '').split('\n')) {
            const [u, r] = line.split('\t');
            if (u && r !== undefined) endpoints[u] = r.trim();
          }
          const rc = Number(/ipvsadm_rc=(\d+)/.exec(b.ipvsadm ?? '')?.[1] ?? -1);
          return { endpoints, ipvsadm: { rc, output: (b.ipvsadm ?? '').replace(/ipvsadm_rc=\d+\s*$/, '').trim() } };
        })
      : okf(undefined),
  };
  return { facts, complete };
}
