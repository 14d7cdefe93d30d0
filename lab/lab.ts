// The lab: real OpenSSH servers, each in its own network + UTS + mount + PID namespace, looking like
// separate Linux machines to anything that logs in. Per host: hostname (UTS), MAC and address (its own eth0),
// product_uuid, /etc and /usr/local/bin (read-only overlays of the host's files on the real ones; any other
// absolute path too, overlaid on its deepest existing directory), its own read-only /root (never the lab machine's), live net.* sysctls (per netns, real),
// listening ports (real sockets), processes (stand-in daemons under the real names, in the host's own PID
// namespace), packages (a dpkg status file), /proc/swaps, /proc/meminfo and /sys/module (stand-ins: this
// kernel has no swap devices to spare, no loadable modules and no /proc/modules), non-net sysctls (stand-in
// files bind-mounted read-only over /proc/sys: they are global, the lab never writes them).
// Addresses: 10.200.0.0/16 on a bridge the lab creates; nothing here talks to any other address.
// Labs share 10.200.0.0/16 and the registry's 10.200.0.3, so one lab is up at a time (lab/.state/ is the
// lock; labUp waits for it, bounded, when asked to).
import { execFile, execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  copyFileSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix, resolve } from 'node:path';
import { stringify } from 'yaml';
import { waitTcp } from './wait.ts';

export interface LabHostSpec {
  /** inventory name (also the host's directory name under <lab dir>/hosts) */
  name: string;
  /** set in the host's UTS namespace; default = name */
  hostname?: string;
  roles?: string[];
  /** eth0 MAC; default 02:6b:76:… ("kv") derived from the lab id and the host's index */
  mac?: string;
  /** /sys/class/dmi/id/product_uuid; default derived from the lab id and the host's index */
  productUuid?: string;
  /** absolute path → content. Visible only in that host, read-only. /etc/*, /usr/local/bin/* and any path
   * whose deepest existing directory is not / (e.g. /var/lib/kubelet/config.yaml overlays /var/lib);
   * /run/* is copied into the host's own /run tmpfs. Files under a bin/ or sbin/ directory are executable. */
  files?: Record<string, string>;
  /** live values at start. net.*: real, per network namespace; anything else (vm.*, kernel.*, fs.*) is
   * global, so it becomes a read-only stand-in file bind-mounted over /proc/sys/… in that host only. */
  sysctls?: Record<string, string>;
  /** /sys/module stand-in (a tmpfs with one directory per module): this kernel has no loadable modules and
   * no /proc/modules, so "loaded" can only be simulated. */
  modules?: string[];
  /** lines after the header of /proc/swaps (stand-in, bind-mounted read-only); empty = no swap */
  swaps?: string[];
  /** /proc/meminfo stand-in: a copy of the real one with MemTotal replaced */
  memTotalKiB?: number;
  /** stand-in daemons in the host's PID namespace under these names (a copy of sleep running `<name>
   * infinity`; comm is truncated to 15 characters as the kernel does); 'containerd' is a copy of socat
   * listening on /run/containerd/containerd.sock */
  processes?: string[];
  /** unix socket path → the process name of a stand-in daemon listening on it (a copy of socat under that name):
   * a runtime at a design's own socket (003's /run/cri-containerd/cri-containerd.sock, Docker's /var/run/docker.sock) */
  sockets?: Record<string, string>;
  /** TCP ports something listens on (0.0.0.0, in the host's netns) */
  listen?: number[];
  /** Debian packages the host appears to have: package → version, stanzas in a dpkg status file ("" = not installed,
   * even when the lab machine has it: 004's kubectl comes from snap, not from this machine's google-cloud-cli kubectl) */
  packages?: Record<string, string>;
  /** stand-in executables in /usr/local/bin that print a version (from `packages` when it has one) */
  bin?: string[];
  /** /run/systemd/timesync/synchronized exists (systemd-timesyncd reached an NTP server) */
  timesyncSynchronized?: boolean;
  /** stand-in HTTP(S) endpoints on 127.0.0.1 inside the host (component /healthz, kube-proxy /proxyMode): each
   *  answers `status` (default 200) with `body` on its one `path` only, and 404 on any other path */
  http?: { port: number; tls?: boolean; path: string; status?: number; body: string }[];
  /** non-root login users: sudo without a password, with one, or none */
  users?: { name: string; sudo?: 'nopasswd' | 'password' | false; password?: string }[];
  /** sshd accepts logins only from these addresses (AllowUsers *@addr): reachable only through a jump host */
  sshFrom?: string[];
  /** 'none': nothing listens on port 22; 'silent': something accepts on 22 and never speaks (a hung sshd) */
  ssh?: 'sshd' | 'none' | 'silent';
  /** directories writable in this host (everything else is read-only): each bound read-write from
   * <dir>/hosts/<name>/fs<path>, so a test can hash them before and after a run — the read-only proof for tools
   * that would write (rpm without a database created ~/.rpmdb). Under /root, /var or /opt, not /tmp. */
  writable?: string[];
  /** /etc is a writable overlay: what the host writes there (a provisioning script run in place) lands in
   * <host dir>/upper/etc, never in the lab machine's /etc. Default: read-only, like the rest. */
  etcWritable?: boolean;
  /** /sys/module is the kernel's own, not a stand-in (a real cluster node: what the kernel has is what it has) */
  realModules?: boolean;
  /** a real (empty) rpm database in /var/lib/rpm, made by the lab machine's rpmdb --initdb */
  rpmdb?: boolean;
  /** false: no dpkg status database (/var/lib/dpkg is then an empty directory of this host); default true */
  dpkgdb?: boolean;
  /** host path → a file of the lab machine copied there (a real binary, e.g. chronyc from its .deb) */
  copy?: Record<string, string>;
  /** directories bind-mounted into the host after its overlays: `source` (a directory of the lab machine, e.g. the
   * built Kubernetes binaries over /usr/local/bin) or, without one, the host's own empty writable directory
   * <host dir>/mnt/<path> — what a real cluster node writes (/etc/kubernetes, /var/lib/kubelet, containerd state) */
  mounts?: { path: string; source?: string; readOnly?: boolean }[];
}

export interface RegistryOptions {
  /** pushed at start, e.g. 'k8s/kube-apiserver:v1.29.2' (a tiny config blob and one small layer each) */
  images?: string[];
}

export interface LabOptions {
  /** 1-6 lowercase letters/digits; default random */
  id?: string;
  /** default <tmpdir>/kv-lab-<id>; removed by down() */
  dir?: string;
  hosts: LabHostSpec[];
  /** a TLS + htpasswd docker-registry at 10.200.0.3:443 (`true`: no images) */
  registry?: boolean | RegistryOptions;
  /** wait this long for another lab to go down first (labs share 10.200.0.0/16); default
   * KV_LAB_WAIT_SECONDS × 1000, else 0 (fail at once, naming the lab that is up) */
  waitMs?: number;
  /** hosts started at once (default 32) */
  concurrency?: number;
  /** the lab outlives this process (npm run lab:up): only labDown removes it. Otherwise, once this process is
   * gone (a crashed or killed test), the next labUp removes it as leftovers. */
  keep?: boolean;
}

export interface LabHost {
  name: string;
  address: string;
  netns: string;
  /** the host's outermost process (ip netns exec → unshare); its child is PID 1 of the host */
  pid: number;
  /** <lab dir>/hosts/<name>: sshd_config, start.sh, host.log, the host's file tree */
  dir: string;
  hostKeyPub?: string;
}

export interface LabRegistry {
  address: string;
  url: string;
  caPath: string;
  user: string;
  passwordFile: string;
  netns: string;
  pid: number;
  /** stop the registry process (its netns stays until down(): the address then refuses connections) */
  stop(): Promise<void>;
}

export interface LabHandle {
  id: string;
  dir: string;
  inventoryPath: string;
  knownHostsPath: string;
  identityFile: string;
  hosts: LabHost[];
  registry?: LabRegistry;
  /** = registry.caPath */
  registryCaPath?: string;
  down(): Promise<void>;
}

interface LabState {
  version?: 2;
  id: string;
  dir: string;
  bridge: string;
  netns: string[];
  pids: number[];
  /** the process running labUp */
  owner?: number;
  ownerStart?: string;
  /** the lab outlives its owner (npm run lab:up); otherwise an ownerless lab is a crash's leftovers */
  keep?: boolean;
  /** first attempt to get the slot: waiting labs go in this order */
  created?: number;
  status?: 'waiting' | 'starting' | 'up';
}

export const LAB_ROOT = resolve(dirname(new URL(import.meta.url).pathname));
const STATE_DIR = join(LAB_ROOT, '.state');
export const REGISTRY_ADDRESS = '10.200.0.3';
const MARKER = '.kv-lab';

const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
const sh = (cmd: string, args: string[], input?: string) =>
  execFileSync(cmd, args, { stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'], input, timeout: 60_000 }).toString();
const shAsync = (cmd: string, args: string[]) =>
  new Promise<string>((res, rej) =>
    execFile(cmd, args, { timeout: 60_000 }, (e, out, err) => (e ? rej(new Error(`${cmd} ${args.join(' ')}: ${String(err || e.message).trim()}`)) : res(out))),
  );
const T0 = Date.now();
/** KV_LAB_DEBUG=1: phase timings on stderr */
const debug = (m: string) => process.env.KV_LAB_DEBUG && process.stderr.write(`lab +${Date.now() - T0} ms: ${m}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const alive = (pid: number | undefined) => {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** host index → address: 10.200.1.1 … 10.200.1.250, 10.200.2.1 … (10.200.0.0/24 is the lab's own: .1 bridge, .3 registry) */
/** ssh(1) arguments for `root@address` with the lab's key and known_hosts, strict host keys, never a prompt:
 * what a test or a benchmark uses to reach a lab host without the verifier (the physical floor, a side check). */
export function labSshArgs(lab: Pick<LabHandle, 'identityFile' | 'knownHostsPath'>, address: string, options: string[] = []): string[] {
  return [
    '-F',
    '/dev/null',
    '-i',
    lab.identityFile,
    '-o',
    'IdentitiesOnly=yes',
    '-o',
    `UserKnownHostsFile=${lab.knownHostsPath}`,
    '-o',
    'GlobalKnownHostsFile=/dev/null',
    '-o',
    'StrictHostKeyChecking=yes',
    '-o',
    'BatchMode=yes',
    '-o',
    'ConnectTimeout=5',
    ...options,
    `root@${address}`,
  ];
}

export function labAddress(i: number): string {
  if (i < 0 || i >= 250 * 254) throw new Error(`lab: host index ${i} out of range`);
  return `10.200.${1 + Math.floor(i / 250)}.${(i % 250) + 1}`;
}

function macFor(id: string, i: number): string {
  const h = [...id].reduce((a, c) => (a * 31 + c.charCodeAt(0)) & 0xff, 7);
  return `02:6b:76:${h.toString(16).padStart(2, '0')}:${((i >> 8) & 0xff).toString(16).padStart(2, '0')}:${(i & 0xff).toString(16).padStart(2, '0')}`;
}

function uuidFor(id: string, i: number): string {
  const hex = createHash('sha256').update(`kv-lab:${id}:${i}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const netnsName = (id: string, i: number | 'reg') => `kv-${id}-${i}`;
const vethName = (id: string, i: number | 'r') => `kv${id}-${i}`;
const bridgeName = (id: string) => `kvbr-${id}`;

// ---------------------------------------------------------------- state / the one-lab slot

const stateFile = (id: string) => join(STATE_DIR, `${id}.json`);
function saveState(s: LabState): void {
  mkdirSync(STATE_DIR, { recursive: true });
  writeFileSync(stateFile(s.id), JSON.stringify(s, null, 2));
}
function readState(id: string): LabState | undefined {
  try {
    return JSON.parse(readFileSync(stateFile(id), 'utf8')) as LabState;
  } catch {
    return undefined;
  }
}
const netnsList = () => {
  try {
    return sh('ip', ['netns', 'list'])
      .split('\n')
      .map((l) => l.split(' ')[0]!)
      .filter(Boolean);
  } catch {
    return [];
  }
};

/** Start time of a process (field 22 of /proc/<pid>/stat): tells a live owner from a reused pid. */
function startTime(pid: number): string | undefined {
  try {
    const st = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return st.slice(st.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}
const ownerAlive = (s: LabState) => !!s.owner && alive(s.owner) && (s.ownerStart === undefined || startTime(s.owner) === s.ownerStart);

/** A lab nobody stands behind: its owner is gone and it was never finished, or was not meant to outlive its
 * owner (a crashed or killed test), or nothing of it exists any more. */
function isStale(s: LabState): boolean {
  if (ownerAlive(s)) return false;
  if (s.version && (s.status !== 'up' || !s.keep)) return true;
  const ns = new Set(netnsList());
  return !s.netns.some((n) => ns.has(n));
}

const before = (a: LabState, b: LabState) => (a.created ?? 0) < (b.created ?? 0) || ((a.created ?? 0) === (b.created ?? 0) && a.id < b.id);

/** Other labs keeping this one from starting: any that is up or starting, and those waiting longer than we are. */
async function blockers(me: LabState): Promise<LabState[]> {
  const out: LabState[] = [];
  for (const f of existsSync(STATE_DIR) ? readdirSync(STATE_DIR) : []) {
    if (!f.endsWith('.json') || f === `${me.id}.json`) continue;
    const s = readState(f.slice(0, -5));
    if (!s) continue;
    if (isStale(s)) {
      await labDown(s.id);
      continue;
    }
    if (s.status !== 'waiting' || before(s, me)) out.push(s);
  }
  return out;
}

/** Root-namespace links holding an address in 10.200.0.0/16: lab bridges, of any checkout and any version of
 * this file (lab/.state/ only knows this checkout's labs). */
function labLinks(): string[] {
  try {
    return [...sh('ip', ['-o', '-4', 'addr', 'show']).matchAll(/^\d+:\s+(\S+)\s+inet 10\.200\.\d+\.\d+\//gm)].map((m) => m[1]!);
  } catch {
    return [];
  }
}

/** Wait (bounded) until no other lab is up, then claim 10.200.0.0/16 by creating this lab's bridge. */
async function acquireSlot(me: LabState, waitMs: number): Promise<void> {
  const until = Date.now() + waitMs;
  for (let round = 0; ; round++) {
    const same = readState(me.id);
    if (same && !(same.owner === process.pid && same.created === me.created)) {
      if (ownerAlive(same) && same.owner !== process.pid) {
        // another process is starting or using a lab with this very id right now: never pull it from under it
        if (Date.now() >= until) throw new Error(`lab ${me.id} is in use by process ${same.owner} — wait for it, or use another id`);
        await sleep(500);
        continue;
      }
      await labDown(me.id); // leftovers of an earlier run with this id (a crash, npm run lab:up, a killed test)
    }
    me.status = 'waiting';
    saveState(me);
    const b = (await blockers(me)).map((s) => `${s.id}${ownerAlive(s) ? ` by pid ${s.owner}` : ''}`);
    if (!b.length) {
      // leftovers under this id that no state file names (a crash between netns add and the state write)
      await sweep(me.id, me.bridge);
      const foreign = labLinks();
      if (foreign.length) b.push(...foreign.map((l) => `${l}, not in lab/.state: another checkout's lab`));
      else {
        sh('ip', ['-batch', '-'], `link add ${me.bridge} type bridge\naddr add 10.200.0.1/16 dev ${me.bridge}\nlink set ${me.bridge} up\n`);
        me.status = 'starting';
        saveState(me);
        if (!labLinks().some((l) => l !== me.bridge)) return;
        // another checkout claimed the range at the same moment: step back, retry after a random pause
        me.status = 'waiting';
        saveState(me);
        await sweep(me.id, me.bridge);
        b.push('a lab starting at the same moment');
      }
    }
    if (Date.now() >= until) {
      rmSync(stateFile(me.id), { force: true });
      throw new Error(
        `another lab is up (${b.join('; ')}): labs share 10.200.0.0/16, one at a time — wait (labUp waitMs / KV_LAB_WAIT_SECONDS) or npm run lab:down -- --all`,
      );
    }
    await sleep(Math.min(1000, 200 + round * 50) + Math.floor(Math.random() * 300));
  }
}

// ---------------------------------------------------------------- host preparation

async function waitFile(path: string, ms: number, gone: () => boolean): Promise<void> {
  const until = Date.now() + ms;
  while (!existsSync(path)) {
    if (gone()) throw new Error('lab: the host process exited during setup');
    if (Date.now() >= until) throw new Error(`lab: setup did not finish within ${ms} ms`);
    await sleep(50);
  }
}

let dpkgBase: string[] | undefined;
function dpkgStatus(extra: Record<string, string>): string {
  dpkgBase ??= (existsSync('/var/lib/dpkg/status') ? readFileSync('/var/lib/dpkg/status', 'utf8') : '').split(/\n\n+/).filter((st) => st.trim());
  const drop = new Set(Object.keys(extra));
  const kept = dpkgBase.filter((st) => !drop.has(/^Package: (\S+)/m.exec(st)?.[1] ?? ''));
  const added = Object.entries(extra)
    .filter(([, v]) => v !== '')
    .map(
      ([p, v]) =>
        `Package: ${p}\nStatus: install ok installed\nPriority: optional\nSection: admin\nInstalled-Size: 1\nMaintainer: kubeadm-verify lab <lab@localhost>\nArchitecture: amd64\nVersion: ${v}\nDescription: lab stand-in for ${p}`,
    );
  return [...kept, ...added].join('\n\n') + '\n';
}

const BIN_PACKAGE: Record<string, string> = { crictl: 'cri-tools', ctr: 'containerd', containerd: 'containerd', runc: 'runc' };
/** A stand-in executable printing the version its package says (or v1.29.2), in the real tool's format. */
function binStandIn(b: string, packages: Record<string, string>): string {
  const raw = packages[BIN_PACKAGE[b] ?? b] ?? '1.29.2';
  const v = `v${raw.replace(/^\d+:/, '').replace(/[-~+].*$/, '')}`;
  const out: Record<string, string> = {
    kubeadm: `case "$*" in *short*) echo ${v};; *) echo 'kubeadm version: &version.Info{GitVersion:"${v}", Platform:"linux/amd64"}';; esac`,
    kubelet: `echo 'Kubernetes ${v}'`,
    kubectl: `case "$*" in *client*|*version*) echo 'Client Version: ${v}';; *) echo 'kubectl: lab stand-in' >&2; exit 1;; esac`,
    crictl: `echo 'crictl version ${v}'`,
  };
  return `#!/bin/sh\n# lab stand-in for ${b} (kubeadm-verify)\n${out[b] ?? `echo '${b} lab stand-in ${v}'`}\n`;
}

const FORBIDDEN_ROOTS = ['/proc', '/sys', '/dev'];
/** Where a file of `files` is mounted from: /etc, /usr/local/bin, /run (copied) or its deepest existing directory. */
function mountRootFor(path: string, labDir: string): string {
  for (const r of ['/etc', '/usr/local/bin', '/run', '/var/run']) if (path.startsWith(`${r}/`)) return r === '/var/run' ? '/run' : r;
  let d = posix.dirname(path);
  while (d !== '/' && !(existsSync(d) && statSync(d).isDirectory())) d = posix.dirname(d);
  if (d !== '/' && lstatSync(d).isSymbolicLink()) throw new Error(`cannot place ${path}: ${d} is a symbolic link`);
  if (d === '/' || FORBIDDEN_ROOTS.some((f) => d === f || d.startsWith(`${f}/`)) || `${labDir}/`.startsWith(`${d}/`) || d === '/tmp')
    throw new Error(`cannot place ${path}: it would overlay ${d} (not /, /proc, /sys, /dev, /tmp or the lab's own directory)`);
  return d;
}

const HOSTNAME_RE = /^[A-Za-z0-9]([A-Za-z0-9.-]{0,62})$/;
function validateHost(h: LabHostSpec, i: number): void {
  const where = `lab host ${i} (${JSON.stringify(h.name)})`;
  if (typeof h.name !== 'string' || !/^[a-z0-9]([a-z0-9.-]{0,61}[a-z0-9])?$/.test(h.name)) throw new Error(`${where}: name must be a lowercase RFC 1123 name`);
  if (h.hostname !== undefined && !HOSTNAME_RE.test(h.hostname)) throw new Error(`${where}: bad hostname`);
  if (h.mac !== undefined && !/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i.test(h.mac)) throw new Error(`${where}: bad mac ${h.mac}`);
  if (h.productUuid !== undefined && !/^[\x21-\x7e]{1,64}$/.test(h.productUuid)) throw new Error(`${where}: bad productUuid`);
  for (const p of Object.keys(h.files ?? {}))
    if (!p.startsWith('/') || posix.normalize(p) !== p || p.endsWith('/')) throw new Error(`${where}: file path must be absolute and normal: ${p}`);
  for (const w of h.writable ?? [])
    if (!/^\/(root|var|opt)(\/|$)/.test(w) || posix.normalize(w) !== w || w.endsWith('/'))
      throw new Error(`${where}: writable must be a normal path under /root, /var or /opt: ${w}`);
  if (h.dpkgdb === false && !h.writable?.includes('/var/lib/dpkg'))
    throw new Error(`${where}: dpkgdb: false needs /var/lib/dpkg in writable (an empty directory of the host)`);
  for (const [k, v] of Object.entries(h.sysctls ?? {})) {
    if (!/^[a-z0-9_]+(\.[A-Za-z0-9_-]+)+$/.test(k)) throw new Error(`${where}: bad sysctl name ${k}`);
    if (/[\n\0]/.test(String(v))) throw new Error(`${where}: bad value for ${k}`);
  }
  for (const m of h.modules ?? []) if (!/^[A-Za-z0-9_-]{1,64}$/.test(m)) throw new Error(`${where}: bad module name ${m}`);
  for (const p of h.processes ?? []) if (!/^[A-Za-z0-9._-]{1,64}$/.test(p) || p.startsWith('.')) throw new Error(`${where}: bad process name ${p}`);
  for (const [path, p] of Object.entries(h.sockets ?? {}))
    if (!/^[A-Za-z0-9._-]{1,64}$/.test(p) || p.startsWith('.') || !/^\/(var\/)?run\/[A-Za-z0-9._/-]+\.sock$/.test(path))
      throw new Error(`${where}: bad socket ${path} → ${p}`);
  for (const b of h.bin ?? []) if (!/^[A-Za-z0-9._-]{1,64}$/.test(b) || b.startsWith('.')) throw new Error(`${where}: bad bin name ${b}`);
  for (const p of h.listen ?? [])
    if (!Number.isInteger(p) || p < 1 || p > 65535 || (p === 22 && h.ssh !== 'none')) throw new Error(`${where}: bad listen port ${p}`);
  for (const e of h.http ?? []) {
    if (!Number.isInteger(e.port) || e.port < 1 || e.port > 65535) throw new Error(`${where}: bad http port ${e.port}`);
    if (typeof e.path !== 'string' || !e.path.startsWith('/'))
      throw new Error(`${where}: http stand-in on port ${e.port} needs the one path it answers (e.g. /healthz)`);
  }
  for (const l of h.swaps ?? []) if (/[\n\0]/.test(l)) throw new Error(`${where}: a swaps entry is one line`);
  if (h.memTotalKiB !== undefined && (!Number.isInteger(h.memTotalKiB) || h.memTotalKiB <= 0)) throw new Error(`${where}: bad memTotalKiB`);
  for (const m of h.mounts ?? []) {
    if (
      !m.path.startsWith('/') ||
      posix.normalize(m.path) !== m.path ||
      m.path === '/' ||
      FORBIDDEN_ROOTS.some((f) => m.path === f || m.path.startsWith(`${f}/`))
    )
      throw new Error(`${where}: bad mount path ${m.path}`);
    if (m.source !== undefined && !(existsSync(m.source) && statSync(m.source).isDirectory()))
      throw new Error(`${where}: mount source ${m.source} is not a directory`);
  }
  for (const u of h.users ?? []) if (!/^[a-z_][a-z0-9_-]{0,30}$/.test(u.name) || u.name === 'root') throw new Error(`${where}: bad user name ${u.name}`);
  for (const [p, v] of Object.entries(h.packages ?? {}))
    if (!/^[a-z0-9][a-z0-9+.-]+$/.test(p) || !/^([A-Za-z0-9.+~:-]+)?$/.test(String(v))) throw new Error(`${where}: bad package ${p}=${v}`);
}

interface Prepared {
  spec: LabHostSpec;
  index: number;
  address: string;
  netns: string;
  veth: string;
  mac: string;
  hostDir: string;
}

interface LabShared {
  id: string;
  dir: string;
  stubPem?: string;
  hashes: Map<string, string>;
}

/** Everything of a host that lives in files: its tree, sshd_config and the start script. */
function prepareHost(p: Prepared, lab: LabShared): void {
  const { spec: h, hostDir } = p;
  const fsDir = join(hostDir, 'fs');
  for (const d of ['fs/etc', 'fs/usr/local/bin', 'fs/run', 'fs/root', 'sbin', 'sysctl']) mkdirSync(join(hostDir, d), { recursive: true });
  const put = (path: string, content: string, mode?: number) => {
    const target = join(fsDir, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
    if (mode !== undefined) chmodSync(target, mode);
  };
  const roots = new Set<string>(['/etc', '/usr/local/bin', '/run']);
  for (const [file, content] of Object.entries(h.files ?? {})) {
    const path = file.startsWith('/var/run/') ? file.slice(4) : file;
    roots.add(path.startsWith('/root/') ? '/root' : mountRootFor(path, lab.dir));
    put(path, String(content), /\/s?bin\//.test(path) ? 0o755 : 0o644);
  }
  for (const b of h.bin ?? []) if (!h.files?.[`/usr/local/bin/${b}`]) put(`/usr/local/bin/${b}`, binStandIn(b, h.packages ?? {}), 0o755);
  for (const [path, from] of Object.entries(h.copy ?? {})) {
    mkdirSync(dirname(join(fsDir, path)), { recursive: true });
    copyFileSync(from, join(fsDir, path));
    chmodSync(join(fsDir, path), statSync(from).mode & 0o777);
    roots.add(path.startsWith('/root/') ? '/root' : mountRootFor(path, lab.dir));
  }
  for (const w of h.writable ?? []) mkdirSync(join(fsDir, w), { recursive: true });
  if (h.rpmdb) {
    sh('rpmdb', ['--initdb', '--dbpath', join(fsDir, 'var/lib/rpm')]);
    roots.add(mountRootFor('/var/lib/rpm/rpmdb.sqlite', lab.dir));
  }
  // packages: the real status database plus stanzas, as /var/lib/dpkg/status (overlaid like any other file)
  if (h.dpkgdb !== false && existsSync('/var/lib/dpkg') && !h.files?.['/var/lib/dpkg/status']) {
    // one copy per distinct package set, hard-linked into each host's tree (the real database is ~1 MB)
    const pk = JSON.stringify(Object.entries(h.packages ?? {}).sort());
    const shared = join(lab.dir, 'shared', `dpkg-status-${createHash('sha256').update(pk).digest('hex').slice(0, 16)}`);
    if (!existsSync(shared)) writeFileSync(shared, dpkgStatus(h.packages ?? {}));
    mkdirSync(join(fsDir, 'var/lib/dpkg'), { recursive: true });
    linkSync(shared, join(fsDir, 'var/lib/dpkg/status'));
    roots.add('/var/lib/dpkg');
  }
  if (h.users?.length) {
    const read = (f: string) => (existsSync(join(fsDir, f)) ? readFileSync(join(fsDir, f), 'utf8') : existsSync(f) ? readFileSync(f, 'utf8') : '');
    let passwd = read('/etc/passwd');
    let group = read('/etc/group');
    let shadow = read('/etc/shadow');
    h.users.forEach((u, k) => {
      const uid = 20000 + k;
      const pw = u.password ?? `kv-${Math.random().toString(36).slice(2)}`;
      let hash = lab.hashes.get(pw);
      if (!hash) lab.hashes.set(pw, (hash = sh('openssl', ['passwd', '-6', '-stdin'], `${pw}\n`).trim()));
      passwd += `${u.name}:x:${uid}:${uid}:lab user:/tmp:/bin/sh\n`;
      group += `${u.name}:x:${uid}:\n`;
      shadow += `${u.name}:${hash}:19000:0:99999:7:::\n`;
      if (u.sudo) put(`/etc/sudoers.d/kv-${u.name}`, `${u.name} ALL=(ALL) ${u.sudo === 'nopasswd' ? 'NOPASSWD: ' : ''}ALL\n`, 0o440);
    });
    put('/etc/passwd', passwd, 0o644);
    put('/etc/group', group, 0o644);
    put('/etc/shadow', shadow, 0o640);
  }
  // mount points of `mounts`: under /run made in the tmpfs at start; elsewhere a directory in the host's tree, so the
  // read-only overlay of its deepest existing directory shows it
  for (const m of h.mounts ?? []) {
    if (!m.source) mkdirSync(mountSource(hostDir, m.path), { recursive: true });
    if (m.path === '/usr/local/bin' || m.path === '/root' || m.path.startsWith('/run/') || m.path.startsWith('/tmp/')) continue;
    if (existsSync(m.path) && statSync(m.path).isDirectory() && !m.path.startsWith('/etc/')) continue;
    roots.add(m.path.startsWith('/etc/') ? '/etc' : mountRootFor(m.path, lab.dir));
    mkdirSync(join(fsDir, m.path), { recursive: true });
  }
  if (h.timesyncSynchronized) put('/run/systemd/timesync/synchronized', '');
  // collapse nested roots (an overlay on /var/lib already holds /var/lib/dpkg's files); /run is a tmpfs and
  // /usr/local/bin a bind of the host's own, both set up apart
  const writable = new Set(h.writable ?? []);
  const sorted = [...roots].filter((r) => r !== '/run' && r !== '/usr/local/bin' && r !== '/root' && !writable.has(r)).sort();
  const mounts = sorted.filter((r) => !sorted.some((o) => o !== r && r.startsWith(`${o}/`)));

  // stand-in daemons: a copy of sleep (socat for containerd) per name and lab, hard-linked as <host>/sbin/<name>
  for (const pname of h.processes ?? []) {
    const shared = join(lab.dir, 'shared', 'sbin', pname);
    if (!existsSync(shared)) copyFileSync(pname === 'containerd' ? '/usr/bin/socat' : '/bin/sleep', shared);
    linkSync(shared, join(hostDir, 'sbin', pname));
  }
  for (const pname of new Set(Object.values(h.sockets ?? {}))) {
    if ((h.processes ?? []).includes(pname)) throw new Error(`${h.name}: ${pname} is both in processes and sockets`);
    mkdirSync(join(lab.dir, 'shared', 'sock'), { recursive: true });
    const shared = join(lab.dir, 'shared', 'sock', pname);
    if (!existsSync(shared)) copyFileSync('/usr/bin/socat', shared);
    linkSync(shared, join(hostDir, 'sbin', pname));
  }
  writeFileSync(join(hostDir, 'swaps'), `Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n${(h.swaps ?? []).map((l) => `${l}\n`).join('')}`);
  if (h.memTotalKiB)
    writeFileSync(
      join(hostDir, 'meminfo'),
      readFileSync('/proc/meminfo', 'utf8').replace(/^MemTotal:\s+\d+ kB$/m, `MemTotal:       ${String(h.memTotalKiB).padStart(8)} kB`),
    );
  // read the request up to its blank line before answering: a socket closed with unread input is reset, and the
  // reset can overtake the answer (curl: "Empty reply from server" — a flaky CP-HEALTHZ/PROXY-IPVS once in CI)
  const REASON: Record<number, string> = { 200: 'OK', 404: 'Not Found', 500: 'Internal Server Error', 503: 'Service Unavailable' };
  const answer = (status: number, body: string) =>
    `printf 'HTTP/1.0 ${status} ${REASON[status] ?? 'Status'}\\r\\nContent-Type: text/plain\\r\\nContent-Length: %d\\r\\nConnection: close\\r\\n\\r\\n%s' ${Buffer.byteLength(body)} ${q(body)}`;
  for (const e of h.http ?? []) {
    const lines = [
      `CR=$(printf '\\r')`,
      'IFS= read -r req; req=${req%"$CR"}; p=${req#* }; p=${p%% *}',
      'while IFS= read -r l; do [ -z "${l%"$CR"}" ] && break; done',
      `if [ "$p" = ${q(e.path)} ]; then ${answer(e.status ?? 200, e.body)}; else ${answer(404, '404 page not found\n')}; fi`,
    ];
    writeFileSync(join(hostDir, `http-${e.port}.sh`), `${lines.join('\n')}\n`);
  }
  const sshdConfig = join(hostDir, 'sshd_config');
  writeFileSync(
    sshdConfig,
    [
      `ListenAddress ${p.address}`,
      'Port 22',
      `HostKey ${join(hostDir, 'ssh_host_ed25519_key')}`,
      `AuthorizedKeysFile ${join(lab.dir, 'authorized_keys')}`,
      `PidFile ${join(hostDir, 'sshd.pid')}`,
      'PermitRootLogin prohibit-password',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'UsePAM no',
      'StrictModes no',
      'LogLevel ERROR',
      'MaxStartups 200',
      'PrintMotd no',
      ...(h.sshFrom ? [`AllowUsers ${h.sshFrom.map((a) => `*@${a}`).join(' ')}`] : []),
    ].join('\n') + '\n',
  );
  writeFileSync(join(hostDir, 'start.sh'), startScript(p, lab, mounts, sshdConfig));
}

/** The host's own directory behind a `mounts` entry without a source. */
export const mountSource = (hostDir: string, path: string) => join(hostDir, 'mnt', path.slice(1).replace(/\//g, '_'));

/** The sh script run as PID 1 of a fresh namespace set (inside the host's netns): the host's setup, then exec sshd. */
function startScript(p: Prepared, lab: LabShared, mounts: string[], sshdConfig: string): string {
  const { spec: h, hostDir } = p;
  const H = q(hostDir);
  const L: string[] = ['#!/bin/sh', `# lab host ${h.name} (${p.address}, netns ${p.netns}); generated by lab/lab.ts`, 'set -eu', `H=${H}`];
  L.push(`[ -e "$H/ssh_host_ed25519_key" ] || ssh-keygen -q -t ed25519 -N '' -C ${q(h.name)} -f "$H/ssh_host_ed25519_key"`);
  // network: eth0 arrived from the root namespace with its MAC; address and links up here
  L.push(`printf '%s\\n' 'addr add ${p.address}/16 dev eth0' 'link set eth0 up' 'link set lo up' | ip -batch -`);
  L.push(`hostname ${q(h.hostname ?? h.name)}`);
  // sysctls: net.* live in this netns (real); the rest are global, so a stand-in file over /proc/sys/...
  // (read with cat, never the read builtin: dash reads byte by byte and /proc/sys integer files answer a read at
  // offset > 0 with EOF, so `read` sees "2" for 262144)
  L.push(
    'standin_sysctl() { # $1 key, $2 /proc/sys path',
    '  [ -e "$2" ] || { echo "lab: sysctl $1 does not exist on this kernel" >&2; exit 1; }',
    '  mount --bind "$H/sysctl/$1" "$2"; mount -o remount,bind,ro "$2"',
    '}',
    'live_sysctl() { # $1 key, $2 /proc/sys path, $3 value, $4 value with single spaces',
    '  { printf "%s\\n" "$3" > "$2"; } 2>/dev/null || :',
    '  got=$(cat "$2" 2>/dev/null) || got=',
    '  k=$1; f=$2; want=$4; set -f; set -- $got; got="$*"; set +f',
    '  [ "$got" = "$want" ] || standin_sysctl "$k" "$f"',
    '}',
  );
  for (const [k, v] of Object.entries(h.sysctls ?? {})) {
    writeFileSync(join(hostDir, 'sysctl', k), `${v}\n`);
    const path = `/proc/sys/${k.replace(/\./g, '/')}`;
    if (k.startsWith('net.')) L.push(`live_sysctl ${q(k)} ${q(path)} ${q(String(v))} ${q(String(v).trim().split(/\s+/).join(' '))}`);
    else L.push(`standin_sysctl ${q(k)} ${q(path)}`);
  }
  L.push('mount -t tmpfs -o mode=755 kv-run /run', `cp -a "$H/fs/run/." /run/`, 'mkdir -p /run/sshd /run/containerd');
  // /sys/class: product_uuid (this machine has no DMI; 0400 as on real hardware) and this netns' interfaces
  L.push('mount -t tmpfs -o mode=755 kv-sysclass /sys/class', 'mkdir -p /sys/class/dmi/id /sys/class/net');
  L.push(`printf '%s\\n' ${q(h.productUuid ?? uuidFor(lab.id, p.index))} > /sys/class/dmi/id/product_uuid`, 'chmod 0400 /sys/class/dmi/id/product_uuid');
  L.push('for d in /sys/devices/virtual/net/*; do ln -s "$d" "/sys/class/net/${d##*/}"; done', 'mount -o remount,ro /sys/class');
  // /sys/module stand-in: this kernel has no loadable modules and no /proc/modules; "loaded" = a directory here
  if (!h.realModules) {
    L.push('mount -t tmpfs -o mode=755 kv-sysmodule /sys/module');
    if (h.modules?.length) L.push(`cd /sys/module && mkdir -p ${h.modules.map(q).join(' ')} && cd /`);
    L.push('mount -o remount,ro /sys/module');
  }
  L.push('mount --bind "$H/swaps" /proc/swaps', 'mount -o remount,bind,ro /proc/swaps');
  if (h.memTotalKiB) L.push('mount --bind "$H/meminfo" /proc/meminfo', 'mount -o remount,bind,ro /proc/meminfo');
  // files: read-only overlays (no upperdir) of the host's tree on the real directories — last, since mount(8)
  // reads /etc/fstab and a host's fstab is whatever its scenario says
  for (const m of mounts) {
    if (m === '/etc' && h.etcWritable) {
      L.push('mkdir -p "$H/upper/etc" "$H/work/etc"');
      L.push(`mount -t overlay kv-ovl -o lowerdir=${q(join(hostDir, 'fs') + m)}:${q(m)},upperdir="$H/upper/etc",workdir="$H/work/etc" ${q(m)}`);
    } else L.push(`mount -t overlay kv-ovl -o ro,lowerdir=${q(join(hostDir, 'fs') + m)}:${q(m)} ${q(m)}`);
  }
  // /usr/local/bin: the host's own stand-ins only (the lab machine's /usr/local/bin holds its own tools)
  L.push('mount --bind "$H/fs/usr/local/bin" /usr/local/bin', 'mount -o remount,bind,ro /usr/local/bin');
  // mounts: before /root is replaced (a source may live under the lab machine's /root, e.g. ~/.cache)
  for (const m of h.mounts ?? []) {
    if (m.path.startsWith('/run/')) L.push(`mkdir -p ${q(m.path)}`);
    L.push(`mount --bind ${q(m.source ?? mountSource(hostDir, m.path))} ${q(m.path)}`);
    if (m.readOnly) L.push(`mount -o remount,bind,ro ${q(m.path)}`);
  }
  // /root: the host's own home (empty but for its scenario's /root/* files), never the lab machine's — whose
  // ~/.bashrc, which bash sources for every SSH command, may run anything (pyenv's rehash takes a lock for up to
  // 60 s: probes of a whole lab once all hung on it)
  L.push('chmod 0700 "$H/fs/root"', 'mount --bind "$H/fs/root" /root', ...(h.writable?.includes('/root') ? [] : ['mount -o remount,bind,ro /root']));
  // writable directories (the read-only proof hashes them): bound read-write over whatever is there
  for (const w of h.writable ?? []) if (w !== '/root') L.push(`mkdir -p ${q(w)} 2>/dev/null || :`, `mount --bind ${q(join(hostDir, 'fs') + w)} ${q(w)}`);
  for (const name of h.processes ?? []) {
    if (name === 'containerd')
      L.push(`"$H/sbin/containerd" UNIX-LISTEN:/run/containerd/containerd.sock,fork,mode=660,unlink-early SYSTEM:true </dev/null >/dev/null 2>&1 &`);
    else L.push(`"$H/sbin/"${q(name)} infinity </dev/null >/dev/null 2>&1 &`);
  }
  for (const e of h.http ?? []) {
    const listen = e.tls
      ? `OPENSSL-LISTEN:${e.port},bind=127.0.0.1,cert=${lab.stubPem},verify=0,fork,reuseaddr`
      : `TCP-LISTEN:${e.port},bind=127.0.0.1,fork,reuseaddr`;
    L.push(`socat ${q(listen)} SYSTEM:${q(`sh ${join(hostDir, `http-${e.port}.sh`)}`)} </dev/null >/dev/null 2>&1 &`);
  }
  for (const [path, pname] of Object.entries(h.sockets ?? {})) {
    const sock = path.startsWith('/var/run/') ? path.slice(4) : path;
    L.push(
      `mkdir -p ${q(posix.dirname(sock))}`,
      `"$H/sbin/"${q(pname)} ${q(`UNIX-LISTEN:${sock},fork,mode=660,unlink-early`)} SYSTEM:true </dev/null >/dev/null 2>&1 &`,
    );
  }
  for (const port of h.listen ?? []) L.push(`socat TCP-LISTEN:${port},fork,reuseaddr SYSTEM:true </dev/null >/dev/null 2>&1 &`);
  L.push(': > "$H/ready"');
  if (h.ssh === 'silent') L.push(`exec socat TCP-LISTEN:22,bind=${p.address},fork,reuseaddr SYSTEM:'sleep 600'`);
  else if (h.ssh === 'none') L.push('exec sleep infinity');
  else L.push(`exec /usr/sbin/sshd -D -e -f ${q(sshdConfig)}`);
  return L.join('\n') + '\n';
}

// ---------------------------------------------------------------- up / down

export async function labUp(opts: LabOptions): Promise<LabHandle> {
  const id =
    opts.id ??
    Math.random()
      .toString(36)
      .slice(2, 7)
      .replace(/^[^a-z]/, 'k');
  if (!/^[a-z0-9]{1,6}$/.test(id)) throw new Error('lab id: 1-6 lowercase letters or digits');
  const dir = resolve(opts.dir ?? join(tmpdir(), `kv-lab-${id}`));
  if (/[:,\s'"\\]/.test(dir) || dir === '/' || dir.split('/').length < 3)
    throw new Error(`lab dir ${dir}: needs a dedicated directory without ':', ',', quotes or spaces`);
  opts.hosts.forEach(validateHost);
  const dup = opts.hosts.map((h) => h.name).find((n, i, a) => a.indexOf(n) !== i);
  if (dup) throw new Error(`lab: host name ${dup} twice`);
  if (opts.hosts.length > 250 * 200) throw new Error('lab: too many hosts');
  const waitMs = opts.waitMs ?? Number(process.env.KV_LAB_WAIT_SECONDS ?? 0) * 1000;

  const bridge = bridgeName(id);
  const state: LabState = {
    version: 2,
    id,
    dir,
    bridge,
    netns: [],
    pids: [],
    owner: process.pid,
    ownerStart: startTime(process.pid),
    keep: !!opts.keep,
    created: Date.now(),
    status: 'waiting',
  };
  await acquireSlot(state, waitMs);
  try {
    if (existsSync(dir)) {
      if (!existsSync(join(dir, MARKER)) && readdirSync(dir).length) throw new Error(`lab dir ${dir} exists and is not a lab's`);
      rmSync(dir, { recursive: true, force: true });
    }
    mkdirSync(dir, { recursive: true });
    chmodSync(dir, 0o755);
    writeFileSync(join(dir, MARKER), `${id}\n`);
    const prepared: Prepared[] = opts.hosts.map((spec, index) => ({
      spec,
      index,
      address: labAddress(index),
      netns: netnsName(id, index),
      veth: vethName(id, index),
      mac: (spec.mac ?? macFor(id, index)).toLowerCase(),
      hostDir: join(dir, 'hosts', spec.name),
    }));
    state.netns = prepared.map((p) => p.netns);
    if (opts.registry) state.netns.push(netnsName(id, 'reg'));
    saveState(state);

    await shAsync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', `kv-lab-${id}`, '-f', join(dir, 'id_ed25519')]);
    copyFileSync(join(dir, 'id_ed25519.pub'), join(dir, 'authorized_keys'));
    mkdirSync('/run/sshd', { recursive: true }); // sshd checks its privilege-separation directory before anything
    const lab: LabShared = { id, dir, hashes: new Map() };
    if (opts.hosts.some((h) => h.http?.some((e) => e.tls))) {
      const key = join(dir, 'stub.key');
      const crt = join(dir, 'stub.crt');
      await shAsync('openssl', [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        key,
        '-out',
        crt,
        '-days',
        '2',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=DNS:localhost,IP:127.0.0.1',
      ]);
      lab.stubPem = join(dir, 'stub.pem');
      writeFileSync(lab.stubPem, readFileSync(key, 'utf8') + readFileSync(crt, 'utf8'), { mode: 0o600 });
    }
    debug(`${id}: slot acquired`);
    mkdirSync(join(dir, 'shared', 'sbin'), { recursive: true });
    for (const p of prepared) prepareHost(p, lab);

    // the network, in one batch (the bridge is up already): per host a netns and a veth whose peer is born as eth0 inside it
    debug(`${id}: ${prepared.length} host trees written`);
    const batch: string[] = [];
    for (const p of prepared)
      batch.push(
        `netns add ${p.netns}`,
        `link add ${p.veth} type veth peer name eth0 address ${p.mac} netns ${p.netns}`,
        `link set ${p.veth} master ${bridge} up`,
      );
    sh('ip', ['-batch', '-'], batch.join('\n') + '\n');

    debug(`${id}: network created`);
    const known: string[] = [];
    const hosts = await mapLimit(prepared, opts.concurrency ?? 32, async (p) => {
      const logFile = join(p.hostDir, 'host.log');
      const log = openSync(logFile, 'a');
      // logs go to a file: a closed pipe would kill sshd (SIGPIPE) the first time it logs
      const child = spawn(
        'ip',
        [
          'netns',
          'exec',
          p.netns,
          'unshare',
          '--uts',
          '--mount',
          '--pid',
          '--fork',
          '--mount-proc',
          '--propagation',
          'private',
          'sh',
          join(p.hostDir, 'start.sh'),
        ],
        {
          detached: true,
          stdio: ['ignore', log, log],
        },
      );
      closeSync(log);
      let exited = false;
      child.on('exit', () => (exited = true));
      child.on('error', () => (exited = true));
      child.unref();
      state.pids.push(child.pid!);
      const why = (e: Error) =>
        new Error(`${e.message} (host ${p.spec.name}: ${existsSync(logFile) ? readFileSync(logFile, 'utf8').trim().slice(-600) : 'no log'})`);
      await waitFile(join(p.hostDir, 'ready'), 30_000, () => exited).catch((e: Error) => Promise.reject(why(e)));
      if (p.spec.ssh !== 'none') await waitTcp(p.address, 22, 15_000, 'lab', () => exited).catch((e: Error) => Promise.reject(why(e)));
      const host: LabHost = { name: p.spec.name, address: p.address, netns: p.netns, pid: child.pid!, dir: p.hostDir };
      if (p.spec.ssh !== 'silent' && p.spec.ssh !== 'none') {
        host.hostKeyPub = readFileSync(join(p.hostDir, 'ssh_host_ed25519_key.pub'), 'utf8').trim();
        const [type, key] = host.hostKeyPub.split(/\s+/);
        known[p.index] = `${p.address} ${type} ${key}`;
      }
      return host;
    });
    debug(`${id}: hosts answer`);
    saveState(state);
    const knownHostsPath = join(dir, 'known_hosts');
    writeFileSync(knownHostsPath, known.filter(Boolean).join('\n') + '\n');
    const identityFile = join(dir, 'id_ed25519');
    const inventoryPath = join(dir, 'inventory.yaml');
    writeFileSync(
      inventoryPath,
      stringify({
        defaults: { user: 'root', port: 22, identityFile, knownHostsFile: knownHostsPath, connectTimeoutSeconds: 10 },
        hosts: prepared.map((p) => ({ name: p.spec.name, address: p.address, roles: p.spec.roles ?? ['worker'] })),
      }),
    );
    let registry: LabRegistry | undefined;
    if (opts.registry) {
      const { startRegistry } = await import('./registry.ts');
      const images = opts.registry === true ? [] : (opts.registry.images ?? []);
      registry = await startRegistry({
        dir: join(dir, 'registry'),
        id,
        bridge,
        netns: netnsName(id, 'reg'),
        veth: vethName(id, 'r'),
        images,
        onPid: (pid) => (state.pids.push(pid), saveState(state)),
      });
    }
    debug(`${id}: up`);
    state.status = 'up';
    saveState(state);
    return { id, dir, inventoryPath, knownHostsPath, identityFile, hosts, registry, registryCaPath: registry?.caPath, down: () => labDown(id) };
  } catch (e) {
    saveState(state);
    await labDown(id).catch(() => {});
    throw e;
  }
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (t: T, i: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  let failed: unknown;
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
      while (next < items.length && failed === undefined) {
        const i = next++;
        try {
          out[i] = await fn(items[i]!, i);
        } catch (e) {
          failed ??= e;
        }
      }
    }),
  );
  if (failed !== undefined) throw failed;
  return out;
}

const LINK_RE = (id: string) => new RegExp(`^\\d+: (kv${id}-(?:\\d+|r))[@:]`, 'gm');

/** Kill what runs in the namespaces, then remove namespaces, veths and bridge; bounded. */
async function sweep(id: string, bridge: string, netns: string[] = []): Promise<void> {
  const all = new Set([...netns, ...netnsList().filter((n) => n.startsWith(`kv-${id}-`))]);
  const present = new Set(netnsList());
  const mine = [...all].filter((n) => present.has(n));
  // processes whose network namespace is one of these (what `ip netns pids` does, in one pass over /proc):
  // never a reused pid of someone else's
  const inodes = new Set(
    mine.flatMap((n) => {
      try {
        return [`net:[${statSync(join('/run/netns', n)).ino}]`];
      } catch {
        return [];
      }
    }),
  );
  const pidsIn = () => {
    const out: number[] = [];
    for (const e of readdirSync('/proc')) {
      if (!/^\d+$/.test(e)) continue;
      try {
        if (inodes.has(readlinkSync(`/proc/${e}/ns/net`))) out.push(Number(e));
      } catch {}
    }
    return out;
  };
  const until = Date.now() + 10_000;
  for (;;) {
    const pids = inodes.size ? pidsIn() : [];
    if (!pids.length) break;
    for (const p of pids) {
      try {
        process.kill(p, 'SIGKILL');
      } catch {}
    }
    if (Date.now() > until) throw new Error(`lab ${id}: processes ${pids.join(' ')} survive SIGKILL`);
    await sleep(50);
  }
  debug(`${id}: processes gone`);
  let links = '';
  try {
    links = sh('ip', ['-o', 'link', 'show']);
  } catch {}
  // deleting a namespace takes its eth0 and so the veth pair with it (the kernel batches that: much faster than
  // deleting veths one by one); stragglers are deleted below
  const batch = mine.map((ns) => `netns del ${ns}`);
  if (new RegExp(`^\\d+: ${bridge}[@:]`, 'm').test(links)) batch.push(`link del ${bridge}`);
  if (batch.length) {
    try {
      sh('ip', ['-force', '-batch', '-'], batch.join('\n') + '\n');
    } catch {}
  }
  debug(`${id}: ${batch.length} links and namespaces deleted`);
  // netns teardown is asynchronous in the kernel: wait (bounded) until the veths are gone, then delete stragglers
  const left = () => {
    try {
      return [...sh('ip', ['-o', 'link', 'show']).matchAll(LINK_RE(id))].map((m) => m[1]!);
    } catch {
      return [];
    }
  };
  const waitUntil = Math.max(until, Date.now() + 2000);
  let rest = left();
  while (rest.length && Date.now() < waitUntil) {
    await sleep(50);
    rest = left();
  }
  if (rest.length) {
    try {
      sh('ip', ['-force', '-batch', '-'], rest.map((l) => `link del ${l}`).join('\n') + '\n');
    } catch {}
  }
  debug(`${id}: links gone`);
}

/** Stops every process, removes every namespace, veth and the bridge and the lab dir; works from a fresh
 * process (lab/.state/<id>.json, else by the names: kv-<id>-*, kv<id>-*, kvbr-<id>). */
export async function labDown(id: string): Promise<void> {
  if (!/^[a-z0-9]{1,6}$/.test(id)) throw new Error('lab id: 1-6 lowercase letters or digits');
  const s = readState(id);
  await sweep(id, s?.bridge ?? bridgeName(id), s?.netns ?? []);
  if (s && s.bridge !== bridgeName(id)) await sweep(id, bridgeName(id));
  // labs made by the first version of this file: veths kv<id><n>, kv<id>r
  if (s && !s.version) {
    try {
      const links = sh('ip', ['-o', 'link', 'show']);
      const batch = [...links.matchAll(new RegExp(`^\\d+: (kv${id}(?:\\d+|r))[@:]`, 'gm'))].map((m) => `link del ${m[1]}`);
      if (batch.length) sh('ip', ['-force', '-batch', '-'], batch.join('\n') + '\n');
    } catch {}
  }
  removeCgroups(id);
  if (s?.dir && (existsSync(join(s.dir, MARKER)) || !s.version)) rmSync(s.dir, { recursive: true, force: true });
  rmSync(stateFile(id), { force: true });
}

/** Cgroups a lab host's kubelet made (its --cgroup-root is /kv-<id>-<n>, lab/cluster.ts), deepest first; their
 * processes are gone with the host's PID namespace. */
export function removeCgroups(id: string): void {
  const root = '/sys/fs/cgroup';
  const rm = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) if (e.isDirectory()) rm(join(d, e.name));
    for (let k = 0; k < 50; k++) {
      try {
        execFileSync('rmdir', [d], { stdio: 'ignore' });
        return;
      } catch {
        execFileSync('sleep', ['0.1']);
      }
    }
  };
  let ctrls: string[] = [];
  try {
    ctrls = readdirSync(root);
  } catch {}
  for (const c of ctrls) {
    let entries: string[] = [];
    try {
      entries = readdirSync(join(root, c)).filter((e) => e.startsWith(`kv-${id}-`));
    } catch {}
    for (const e of entries) {
      try {
        rm(join(root, c, e));
      } catch {}
    }
  }
}

/** Every lab that has a state file. */
export async function labDownAll(): Promise<string[]> {
  if (!existsSync(STATE_DIR)) return [];
  const ids = readdirSync(STATE_DIR)
    .filter((f) => /^[a-z0-9]{1,6}\.json$/.test(f))
    .map((f) => f.slice(0, -5));
  for (const id of ids) await labDown(id);
  return ids;
}
