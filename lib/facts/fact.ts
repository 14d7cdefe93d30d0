// What every fact module is made of. One module per fact (lib/facts/<fact>.ts) holds the sh that collects it (its
// section of the one probe), its parser and its type, and says which sections its facts read; lib/probe/script.ts
// assembles the probe from the modules' steps and lib/probe/facts.ts builds HostFacts from their build().
import { LIMITS, type Oversize, type ProbeFile, type Section } from '../probe/sections.ts';

export type Fact<T> = { ok: true; value: T } | { ok: false; error: string };

export interface FileText {
  path: string;
  content: string;
}

export interface ProbeOptions {
  /** Random per run: section markers cannot be forged by file contents. */
  nonce: string;
  /** Inventory names to resolve on the host (HOST-HOSTS-FILE). */
  resolveNames: string[];
  /** host:port of the private registry (HOST-REGISTRY). */
  registry?: { host: string; port: number };
  /** Node-side post-install facts (component health, kube-proxy mode, ipvsadm). */
  postinstall?: boolean;
  /** The design's runtime (profile `runtime`, `criSocket`) and NTP servers: where the probe looks. */
  design?: {
    runtime: 'containerd' | 'docker' | 'cri-o';
    configPath: string;
    service: string;
    criSocket: string;
    /** the sysctls the design sets (profile `sysctls` keys): read live besides the ones kubeadm needs */
    sysctls?: string[];
  };
}

/** Where the probe reads each runtime's configuration: the profile's path for its runtime, the default for the others. */
export function runtimePaths(d: ProbeOptions['design']): { containerd: string; docker: string; crio: string } {
  return {
    containerd: d?.runtime === 'containerd' ? d.configPath : '/etc/containerd/config.toml',
    docker: d?.runtime === 'docker' ? d.configPath : '/etc/docker/daemon.json',
    crio: d?.runtime === 'cri-o' ? d.configPath : '/etc/crio/crio.conf',
  };
}

/** One section of the probe: the sh function that prints it, run as `sec <section> <fn>`. */
export interface ProbeStep {
  /** the section's name in the output (`@@KV<nonce> <section>@@`); recorded fixtures depend on it */
  section: string;
  fn: string;
  /** the function's definition (and the comment lines before it): POSIX sh that only reads */
  sh: string;
  /** a shell condition: the section runs only when it holds */
  when?: string;
}

/** What build() gets: the host's sections and the run's options. */
export interface FactInput {
  S: Map<string, Section>;
  registry?: { host: string; port: number };
  resolveNames: string[];
  design?: ProbeOptions['design'];
  paths: ReturnType<typeof runtimePaths>;
}

export interface FactModule<F extends object> {
  /** the sections this module adds to the probe, in the order they run */
  steps: ProbeStep[];
  /** the sections build() reads: its own, and others' (modules reads the kubelet's drop-ins) */
  reads: string[];
  /** the shell variables its steps use, from the run's options (quoted by the probe); throws on an unsafe value */
  vars?: (o: ProbeOptions) => [string, string][];
  /** For facts that hold one entry per name the probe asks about (binaries, units, sysctls …): the path inside the
   * fact (`value`, `value.units`) and the names asked. A requirement that reads another name reads something the
   * probe never collects (test/unit/one-room.test.ts). */
  asks?: { [K in keyof F]?: { path: string; names: (o: ProbeOptions) => string[] } };
  build(x: FactInput): F;
}

export const okf = <T>(value: T): Fact<T> => ({ ok: true, value });
export const errf = <T>(error: string): Fact<T> => ({ ok: false, error });

const mib = (n: number) => `${(n / 1048576).toFixed(1)} MiB`;

/** Why a fact cannot be judged when its file (or section) passed what a host may send (sections.ts LIMITS). */
export function oversizeError(o: Oversize): string {
  return o.limit === 'file'
    ? `${o.what} is ${mib(o.bytes)} (${o.bytes} bytes): more than the ${mib(LIMITS.file)} a host may send per file — not judged from a truncated copy`
    : `${o.what} (${mib(o.bytes)}) came after this host had sent ${mib(LIMITS.host)} in all, the most kept per host — not judged`;
}

/** why sections are missing when the host's output was stopped on purpose */
const cutShort = new WeakMap<Map<string, Section>, string>();

/** The host sent more than LIMITS.wire: every missing section says so. */
export function markOverWire(S: Map<string, Section>): void {
  cutShort.set(S, `the host sent more than ${mib(LIMITS.wire)}, the most read from one host: the probe was stopped there`);
}

/** A section of the output made into a fact: its value, or why there is none (missing, oversize, failed, unparsable). */
export function fact<T>(secs: Map<string, Section>, name: string, parse: (s: Section) => T, opts: { allowRc?: number[] } = {}): Fact<T> {
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

export const okFiles = (s: Section): ProbeFile[] => s.files.filter((f) => f.state === 'ok');

/** A path, unit or socket put into the probe: nothing the shell could read as more than a word. */
export function safeWord(v: string): string {
  if (!/^[A-Za-z0-9@._/-]+$/.test(v)) throw new Error(`unsafe path or unit ${JSON.stringify(v)}`);
  return v;
}

export const unique = (xs: string[]): string[] => [...new Set(xs)];
