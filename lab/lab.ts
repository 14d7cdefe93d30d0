// The lab: real OpenSSH servers, each in its own network + UTS + mount + PID namespace, looking like
// separate Linux machines to anything that logs in. Per host: hostname, MAC, product_uuid, /etc (a read-only
// overlay of the host's files on the real /etc), live net sysctls (per netns, real), listening ports (real),
// processes (stand-in daemons under the real names), packages (a dpkg status file), /proc/swaps and
// /sys/module (stand-ins: this kernel has no loadable modules and no /proc/modules).
// Addresses: 10.200.0.0/16 on a bridge the lab creates; nothing here talks to any other address.
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, closeSync, copyFileSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { waitTcp } from './wait.ts';

export interface LabHostSpec {
  name: string;
  hostname?: string;
  roles?: string[];
  mac?: string;
  productUuid?: string;
  /** absolute path → content; /etc/* and /usr/local/bin/* are supported */
  files?: Record<string, string>;
  sysctls?: Record<string, string>;
  modules?: string[];
  swaps?: string[];
  processes?: string[];
  listen?: number[];
  packages?: Record<string, string>;
  bin?: string[];
  /** /run/systemd/timesync/synchronized exists (systemd-timesyncd reached an NTP server) */
  timesyncSynchronized?: boolean;
  /** stand-in HTTP(S) endpoints on 127.0.0.1 inside the host (component /healthz, kube-proxy /proxyMode) */
  http?: { port: number; tls?: boolean; body: string }[];
  /** non-root login users: sudo without a password, with one, or none */
  users?: { name: string; sudo?: 'nopasswd' | 'password' | false; password?: string }[];
  /** sshd accepts logins only from these addresses (AllowUsers *@addr): reachable only through a jump host */
  sshFrom?: string[];
  /** 'none': nothing listens on port 22; 'silent': something accepts on 22 and never speaks (a hung sshd) */
  ssh?: 'sshd' | 'none' | 'silent';
}

export interface LabOptions {
  id?: string;
  dir?: string;
  hosts: LabHostSpec[];
  registry?: { images: string[] };
}

export interface LabHost {
  name: string;
  address: string;
  netns: string;
  pid?: number;
  hostKeyPub?: string;
}

export interface LabRegistry {
  address: string;
  url: string;
  caPath: string;
  user: string;
  passwordFile: string;
  pid: number;
}

export interface LabHandle {
  id: string;
  dir: string;
  inventoryPath: string;
  knownHostsPath: string;
  identityFile: string;
  hosts: LabHost[];
  registry?: LabRegistry;
  down(): Promise<void>;
}

interface LabState {
  id: string;
  dir: string;
  bridge: string;
  netns: string[];
  pids: number[];
}

export const LAB_ROOT = resolve(dirname(new URL(import.meta.url).pathname));
const STATE_DIR = join(LAB_ROOT, '.state');
export const REGISTRY_ADDRESS = '10.200.0.3';

const sh = (cmd: string, args: string[]) => execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] }).toString();
const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** host index → address: 10.200.1.1 … 10.200.1.250, 10.200.2.1 … */
export function labAddress(i: number): string {
  return `10.200.${1 + Math.floor(i / 250)}.${(i % 250) + 1}`;
}

function macFor(id: string, i: number): string {
  const h = [...`${id}`].reduce((a, c) => (a * 31 + c.charCodeAt(0)) & 0xff, 7);
  return `02:6b:76:${h.toString(16).padStart(2, '0')}:${((i >> 8) & 0xff).toString(16).padStart(2, '0')}:${(i & 0xff).toString(16).padStart(2, '0')}`;
}

function uuidFor(id: string, i: number): string {
  const hex = createHash('sha256').update(`kv-lab:${id}:${i}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function saveState(s: LabState): void {
  mkdirSync(STATE_DIR, { recursive: true });
  writeFileSync(join(STATE_DIR, `${s.id}.json`), JSON.stringify(s, null, 2));
}


function dpkgStatus(extra: Record<string, string>): string {
  const base = existsSync('/var/lib/dpkg/status') ? readFileSync('/var/lib/dpkg/status', 'utf8') : '';
  const drop = new Set(Object.keys(extra));
  const kept = base.split(/\n\n+/).filter((st) => !drop.has(/^Package: (\S+)/m.exec(st)?.[1] ?? ''));
  const added = Object.entries(extra).map(([p, v]) => `Package: ${p}\nStatus: install ok installed\nPriority: optional\nSection: admin\nInstalled-Size: 1\nMaintainer: kubeadm-verify lab <lab@localhost>\nArchitecture: amd64\nVersion: ${v}\nDescription: lab stand-in for ${p}`);
  return [...kept.filter((x) => x.trim()), ...added].join('\n\n') + '\n';
}

/** The sh script that turns a fresh namespace set into a lab host, then execs sshd. */
function startScript(h: LabHostSpec, hostDir: string, i: number, id: string, sshdConfig: string): string {
  const lines = ['set -e', `hostname ${q(h.hostname ?? h.name)}`];
  lines.push(`mount -t overlay kv-etc -o lowerdir=${q(join(hostDir, 'etc'))}:/etc /etc`);
  lines.push(`mount -t overlay kv-bin -o lowerdir=${q(join(hostDir, 'usrlocalbin'))}:/usr/local/bin /usr/local/bin`);
  lines.push('mount -t tmpfs kv-run /run', 'mkdir -p /run/sshd /run/containerd /run/systemd/timesync');
  if (h.timesyncSynchronized) lines.push(': > /run/systemd/timesync/synchronized');
  // /sys/class: product_uuid (no DMI on this machine) and the netns' interfaces
  lines.push('mount -t tmpfs kv-sysclass /sys/class', 'mkdir -p /sys/class/dmi/id /sys/class/net');
  lines.push(`printf '%s\\n' ${q(h.productUuid ?? uuidFor(id, i))} > /sys/class/dmi/id/product_uuid`);
  lines.push('for d in /sys/devices/virtual/net/*; do ln -s "$d" "/sys/class/net/${d##*/}"; done');
  // stand-in /sys/module (this kernel has no loadable modules, no /proc/modules)
  lines.push('mount -t tmpfs kv-sysmodule /sys/module');
  for (const m of h.modules ?? []) lines.push(`mkdir -p /sys/module/${q(m)}`);
  lines.push(`mount --bind ${q(join(hostDir, 'swaps'))} /proc/swaps`);
  lines.push(`mount --bind ${q(join(hostDir, 'dpkg-status'))} /var/lib/dpkg/status`);
  for (const p of h.processes ?? []) {
    lines.push(`${q(join(hostDir, 'sbin', p))} infinity </dev/null >/dev/null 2>&1 &`);
    if (p === 'containerd') lines.push(`socat UNIX-LISTEN:/run/containerd/containerd.sock,fork,mode=660 SYSTEM:true </dev/null >/dev/null 2>&1 &`);
  }
  for (const e of h.http ?? []) {
    const listen = e.tls ? `OPENSSL-LISTEN:${Number(e.port)},bind=127.0.0.1,cert=${join(hostDir, 'stub.pem')},verify=0,fork,reuseaddr` : `TCP-LISTEN:${Number(e.port)},bind=127.0.0.1,fork,reuseaddr`;
    lines.push(`socat ${listen} SYSTEM:${q(`sh ${join(hostDir, `http-${Number(e.port)}.sh`)}`)} </dev/null >/dev/null 2>&1 &`);
  }
  for (const port of h.listen ?? []) lines.push(`socat TCP-LISTEN:${Number(port)},fork,reuseaddr SYSTEM:true </dev/null >/dev/null 2>&1 &`);
  if (h.ssh === 'silent') lines.push(`exec socat TCP-LISTEN:22,fork,reuseaddr SYSTEM:'sleep 600'`);
  else lines.push(`exec /usr/sbin/sshd -D -e -f ${q(sshdConfig)}`);
  return lines.join('\n') + '\n';
}

export async function labUp(opts: LabOptions): Promise<LabHandle> {
  const id = opts.id ?? Math.random().toString(36).slice(2, 7);
  if (!/^[a-z0-9]{1,6}$/.test(id)) throw new Error('lab id: 1-6 lowercase letters or digits');
  const dir = opts.dir ?? join(tmpdir(), `kv-lab-${id}`);
  await labDown(id); // leftovers of an earlier run with the same id (a crash, a killed test)
  // every lab uses 10.200.0.0/16: two at once would route to one another's hosts
  const others = existsSync(STATE_DIR) ? (await import('node:fs')).readdirSync(STATE_DIR).filter((f) => f.endsWith('.json') && f !== `${id}.json`) : [];
  if (others.length) throw new Error(`another lab is up (${others.map((f) => f.slice(0, -5)).join(', ')}): labs share 10.200.0.0/16, one at a time — npm run lab:down -- --all`);
  try {
    sh('ip', ['link', 'del', `kvbr${id}`]);
  } catch {}
  deleteLinks(id);
  for (const ns of sh('ip', ['netns', 'list']).split('\n').map((l) => l.split(' ')[0]!).filter((n) => n.startsWith(`kv-${id}-`))) {
    try {
      for (const p of sh('ip', ['netns', 'pids', ns]).split('\n').filter(Boolean)) process.kill(Number(p), 'SIGKILL');
      sh('ip', ['netns', 'del', ns]);
    } catch {}
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  chmodSync(dir, 0o755);
  const bridge = `kvbr${id}`;
  const state: LabState = { id, dir, bridge, netns: [], pids: [] };
  saveState(state);
  try {
    sh('ip', ['link', 'add', bridge, 'type', 'bridge']);
    sh('ip', ['addr', 'add', '10.200.0.1/16', 'dev', bridge]);
    sh('ip', ['link', 'set', bridge, 'up']);
    sh('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', `kv-lab-${id}`, '-f', join(dir, 'id_ed25519')]);
    copyFileSync(join(dir, 'id_ed25519.pub'), join(dir, 'authorized_keys'));
    mkdirSync('/run/sshd', { recursive: true });
    const hosts: LabHost[] = [];
    const known: string[] = [];
    const started = await mapLimit(opts.hosts, 16, async (h, i) => {
      const address = labAddress(i);
      const netns = `kv-${id}-${i}`;
      state.netns.push(netns);
      const hostDir = join(dir, 'hosts', h.name);
      mkdirSync(join(hostDir, 'etc'), { recursive: true });
      mkdirSync(join(hostDir, 'usrlocalbin'), { recursive: true });
      mkdirSync(join(hostDir, 'sbin'), { recursive: true });
      for (const [path, content] of Object.entries(h.files ?? {})) {
        const m = /^\/(etc|usr\/local\/bin)\/(.+)$/.exec(path);
        if (!m) throw new Error(`lab host ${h.name}: file ${path} is outside /etc and /usr/local/bin`);
        const target = join(hostDir, m[1] === 'etc' ? 'etc' : 'usrlocalbin', m[2]!);
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, content);
        if (m[1] !== 'etc') chmodSync(target, 0o755);
      }
      if (h.users?.length) {
        const read = (f: string) => (existsSync(f) ? readFileSync(f, 'utf8') : '');
        let passwd = read('/etc/passwd');
        let group = read('/etc/group');
        let shadow = read('/etc/shadow');
        h.users.forEach((u, k) => {
          const uid = 20000 + k;
          const hash = sh('openssl', ['passwd', '-6', u.password ?? Math.random().toString(36)]).trim();
          passwd += `${u.name}:x:${uid}:${uid}:lab user:/tmp:/bin/sh\n`;
          group += `${u.name}:x:${uid}:\n`;
          shadow += `${u.name}:${hash}:19000:0:99999:7:::\n`;
          if (u.sudo) {
            mkdirSync(join(hostDir, 'etc/sudoers.d'), { recursive: true });
            const f = join(hostDir, 'etc/sudoers.d', `kv-${u.name}`);
            writeFileSync(f, `${u.name} ALL=(ALL) ${u.sudo === 'nopasswd' ? 'NOPASSWD: ' : ''}ALL\n`);
            chmodSync(f, 0o440);
          }
        });
        writeFileSync(join(hostDir, 'etc/passwd'), passwd);
        writeFileSync(join(hostDir, 'etc/group'), group);
        writeFileSync(join(hostDir, 'etc/shadow'), shadow, { mode: 0o640 });
        chmodSync(join(hostDir, 'etc/shadow'), 0o640);
      }
      for (const b of h.bin ?? []) {
        const f = join(hostDir, 'usrlocalbin', b);
        writeFileSync(f, `#!/bin/sh\n# lab stand-in for ${b}\necho "${b} lab stand-in v1.29.2"\n`);
        chmodSync(f, 0o755);
      }
      for (const p of h.processes ?? []) copyFileSync('/bin/sleep', join(hostDir, 'sbin', p));
      for (const e of h.http ?? []) {
        writeFileSync(join(hostDir, `http-${Number(e.port)}.sh`), `printf 'HTTP/1.0 200 OK\\r\\nContent-Type: text/plain\\r\\nContent-Length: %d\\r\\n\\r\\n%s' ${e.body.length} ${q(e.body)}\n`);
      }
      if (h.http?.some((e) => e.tls)) {
        sh('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(hostDir, 'stub.key'), '-out', join(hostDir, 'stub.crt'), '-days', '2', '-subj', '/CN=localhost']);
        writeFileSync(join(hostDir, 'stub.pem'), readFileSync(join(hostDir, 'stub.key'), 'utf8') + readFileSync(join(hostDir, 'stub.crt'), 'utf8'));
      }
      writeFileSync(join(hostDir, 'swaps'), `Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n${(h.swaps ?? []).map((l) => `${l}\n`).join('')}`);
      writeFileSync(join(hostDir, 'dpkg-status'), dpkgStatus(h.packages ?? {}));
      sh('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', h.name, '-f', join(hostDir, 'ssh_host_ed25519_key')]);
      const sshdConfig = join(hostDir, 'sshd_config');
      writeFileSync(sshdConfig, [`ListenAddress ${address}`, 'Port 22', `HostKey ${join(hostDir, 'ssh_host_ed25519_key')}`, `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`, `PidFile ${join(hostDir, 'sshd.pid')}`, 'PermitRootLogin prohibit-password', 'PasswordAuthentication no', 'KbdInteractiveAuthentication no', 'UsePAM no', 'StrictModes no', 'LogLevel ERROR', 'MaxStartups 200', ...(h.sshFrom ? [`AllowUsers ${h.sshFrom.map((a) => `*@${a}`).join(' ')}`] : [])].join('\n') + '\n');
      writeFileSync(join(hostDir, 'start.sh'), startScript(h, hostDir, i, id, sshdConfig));
      // network: veth to the bridge, eth0 inside with its own MAC and address
      const veth = `kv${id}${i}`;
      const peer = `kv${id}p${i}`;
      sh('ip', ['netns', 'add', netns]);
      sh('ip', ['link', 'add', veth, 'type', 'veth', 'peer', 'name', peer]);
      sh('ip', ['link', 'set', peer, 'netns', netns]);
      sh('ip', ['link', 'set', veth, 'master', bridge, 'up']);
      const nx = (...a: string[]) => sh('ip', ['netns', 'exec', netns, ...a]);
      nx('ip', 'link', 'set', peer, 'name', 'eth0');
      nx('ip', 'link', 'set', 'eth0', 'address', h.mac ?? macFor(id, i));
      nx('ip', 'addr', 'add', `${address}/16`, 'dev', 'eth0');
      nx('ip', 'link', 'set', 'eth0', 'up');
      nx('ip', 'link', 'set', 'lo', 'up');
      for (const [k, v] of Object.entries(h.sysctls ?? {})) nx('sysctl', '-q', '-w', `${k}=${v}`);
      const host: LabHost = { name: h.name, address, netns };
      if (h.ssh !== 'none') {
        // logs go to a file: a closed pipe would kill sshd (SIGPIPE) the first time it logs
        const logFile = join(hostDir, 'host.log');
        const log = openSync(logFile, 'a');
        const child = spawn('ip', ['netns', 'exec', netns, 'unshare', '--uts', '--mount', '--pid', '--fork', '--mount-proc', '--propagation', 'private', 'sh', join(hostDir, 'start.sh')], { detached: true, stdio: ['ignore', log, log] });
        closeSync(log);
        const err = () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '');
        host.pid = child.pid!;
        state.pids.push(child.pid!);
        child.unref();
        await waitTcp(address, 22, 15_000).catch((e: Error) => {
          throw new Error(`${e.message} (host ${h.name}: ${err().trim().slice(-400)})`);
        });
        if (h.ssh !== 'silent') {
          host.hostKeyPub = readFileSync(join(hostDir, 'ssh_host_ed25519_key.pub'), 'utf8').trim();
          const [type, key] = host.hostKeyPub.split(/\s+/);
          known.push(`${address} ${type} ${key}`);
        }
      }
      return host;
    });
    hosts.push(...started);
    saveState(state);
    const knownHostsPath = join(dir, 'known_hosts');
    writeFileSync(knownHostsPath, known.join('\n') + '\n');
    const identityFile = join(dir, 'id_ed25519');
    const inventoryPath = join(dir, 'inventory.yaml');
    writeFileSync(
      inventoryPath,
      stringify({
        defaults: { user: 'root', port: 22, identityFile, knownHostsFile: knownHostsPath, connectTimeoutSeconds: 10 },
        hosts: opts.hosts.map((h, i) => ({ name: h.name, address: labAddress(i), roles: h.roles ?? ['worker'] })),
      }),
    );
    let registry: LabRegistry | undefined;
    if (opts.registry) {
      const { startRegistry } = await import('./registry.ts');
      registry = await startRegistry({ dir: join(dir, 'registry'), id, bridge, images: opts.registry.images, onNetns: (n) => state.netns.push(n), onPid: (p) => state.pids.push(p) });
      saveState(state);
    }
    return { id, dir, inventoryPath, knownHostsPath, identityFile, hosts, registry, down: () => labDown(id) };
  } catch (e) {
    saveState(state);
    await labDown(id);
    throw e;
  }
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (t: T, i: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!, i);
      }
    }),
  );
  return out;
}

/** Root-namespace veth ends of a lab (kv<id><n>, kv<id>r): normally gone with their namespace. */
function deleteLinks(id: string): void {
  let out = '';
  try {
    out = sh('ip', ['-o', 'link', 'show']);
  } catch {
    return;
  }
  for (const m of out.matchAll(/^\d+: (kv[a-z0-9]+)[@:]/gm)) {
    const name = m[1]!;
    if (name.startsWith(`kv${id}`) && !name.startsWith('kvbr')) {
      try {
        sh('ip', ['link', 'del', name]);
      } catch {}
    }
  }
}

/** Stops every process, removes every namespace and the bridge; works from a fresh process (lab/.state). */
export async function labDown(id: string): Promise<void> {
  const file = join(STATE_DIR, `${id}.json`);
  if (!existsSync(file)) return;
  const s = JSON.parse(readFileSync(file, 'utf8')) as LabState;
  for (const pid of s.pids) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {}
  }
  // anything still running inside a namespace of ours
  for (const ns of s.netns) {
    try {
      const pids = sh('ip', ['netns', 'pids', ns]).split('\n').filter(Boolean);
      for (const p of pids) {
        try {
          process.kill(Number(p), 'SIGKILL');
        } catch {}
      }
    } catch {}
  }
  await new Promise((r) => setTimeout(r, 100));
  for (const ns of s.netns) {
    try {
      sh('ip', ['netns', 'del', ns]);
    } catch {}
  }
  try {
    sh('ip', ['link', 'del', s.bridge]);
  } catch {}
  deleteLinks(s.id);
  rmSync(s.dir, { recursive: true, force: true });
  rmSync(file, { force: true });
}

export async function labDownAll(): Promise<string[]> {
  if (!existsSync(STATE_DIR)) return [];
  const ids = (await import('node:fs')).readdirSync(STATE_DIR).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5));
  for (const id of ids) await labDown(id);
  return ids;
}
