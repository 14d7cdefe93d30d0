// Typed facts about one host, parsed from one probe run. Each fact is either a value or the reason it is missing.
// Each fact is built by its module in lib/facts/ (which also holds the probe section it comes from); this file
// names the whole (HostFacts) and puts one host's facts together.
import type { ContainerdFacts } from '../facts/containerd.ts';
import type { CrioFacts } from '../facts/crio.ts';
import type { DockerFacts } from '../facts/docker.ts';
import { markOverWire, runtimePaths, type Fact, type FileText, type ProbeOptions } from '../facts/fact.ts';
import type { FstabEntry } from '../facts/fstab.ts';
import type { HostsEntry } from '../facts/hosts.ts';
import { FACT_MODULES } from '../facts/index.ts';
import type { ListenSocket } from '../facts/listen.ts';
import type { ModuleFacts } from '../facts/modules.ts';
import type { Interface } from '../facts/net.ts';
import type { NodeHealth } from '../facts/node-health.ts';
import type { OsRelease } from '../facts/os-release.ts';
import type { PackageFacts } from '../facts/packages.ts';
import type { RegistryReach } from '../facts/registry.ts';
import type { ServiceFacts } from '../facts/services.ts';
import type { SwapEntry } from '../facts/swaps.ts';
import type { SysctlSetting } from '../facts/sysctl.ts';
import type { TimeSyncFacts } from '../facts/timesync.ts';
import { splitSections, type ProbeOutput } from './sections.ts';

export type { ContainerdFacts, CrioFacts, DockerFacts, Fact, FileText, NodeHealth, RegistryReach, TimeSyncFacts };
export { oversizeError } from '../facts/fact.ts';

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

/** The modules' facts, one object: every HostFacts key comes from exactly one module (test/unit/one-room.test.ts). */
type Built = UnionToIntersection<ReturnType<(typeof FACT_MODULES)[number]['build']>>;
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
// compile-time: the modules build every key of HostFacts (binaryVersions included) and nothing else
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _modulesBuildHostFacts: Same<keyof Built, keyof HostFacts> = true;
void _modulesBuildHostFacts;

/** The facts of one host, from its probe output (the text, or the sections a SectionSplitter already split). */
export function parseFacts(
  stdout: string | ProbeOutput,
  nonce: string,
  registry?: { host: string; port: number },
  resolveNames: string[] = [],
  design?: ProbeOptions['design'],
): { facts: HostFacts; complete: boolean } {
  const out = typeof stdout === 'string' ? splitSections(stdout, nonce) : stdout;
  const { sections: S, complete } = out;
  if (out.overWire) markOverWire(S);
  const x = { S, registry, resolveNames, design, paths: runtimePaths(design) };
  const facts = Object.assign({}, ...FACT_MODULES.map((m) => m.build(x))) as Built;
  return { facts, complete };
}
