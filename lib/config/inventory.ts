// The inventory (REQUIREMENTS.md "Inventory"): which hosts to audit, how to reach them, their roles.
import { homedir } from 'node:os';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { Role } from '../types.ts';
import { ConfigError } from './errors.ts';
import { Checker } from './validate.ts';
import { loadYaml } from './yaml-file.ts';
import { lookupSshConfig, readSshConfig } from '../transport/ssh-config.ts';

export interface HostConnection {
  user: string;
  port: number;
  identityFile?: string;
  knownHostsFile: string;
  sudo: boolean;
  jumpHost?: string;
  connectTimeoutSeconds: number;
  commandTimeoutSeconds: number;
  /** OpenSSH client config honoured for HostName, User, Port, IdentityFile, ProxyJump (default ~/.ssh/config) */
  sshConfigFile?: string;
}

export interface InventoryHost extends HostConnection {
  name: string;
  address: string;
  roles: Role[];
  /** 'local' = audit this machine without SSH. */
  transport: 'ssh' | 'local';
}

export interface Inventory {
  file?: string;
  profileFile?: string;
  hosts: InventoryHost[];
}

const ROLES = ['control-plane', 'worker', 'registry'] as const;
const CONN_KEYS = ['user', 'port', 'identityFile', 'knownHostsFile', 'sudo', 'jumpHost', 'connectTimeoutSeconds', 'commandTimeoutSeconds', 'sshConfigFile'];
/** RFC 1123 label(s), lowercase: what kubeadm accepts as a node name. */
export const HOSTNAME_RE = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*$/;
const ADDRESS_RE = /^([0-9]{1,3}(\.[0-9]{1,3}){3}|[0-9a-fA-F:]+|[a-zA-Z0-9]([-a-zA-Z0-9.]{0,251}[a-zA-Z0-9])?)$/;
const USER_RE = /^[a-z_][a-z0-9_.-]{0,31}$/i;

function expandHome(p: string, base: string): string {
  if (p === '~' || p.startsWith('~/')) return resolve(homedir(), p.slice(2));
  return isAbsolute(p) ? p : resolve(base, p);
}

export function defaultConnection(): HostConnection {
  return {
    user: 'root',
    port: 22,
    knownHostsFile: resolve(homedir(), '.ssh/known_hosts'),
    sudo: false,
    connectTimeoutSeconds: 10,
    commandTimeoutSeconds: 60,
  };
}

function readConnection(c: Checker, o: Record<string, unknown>, path: (string | number)[], base: string, into: Partial<HostConnection>): void {
  if (o.user !== undefined) into.user = c.string(o.user, [...path, 'user'], { pattern: USER_RE, hint: 'a POSIX user name' });
  if (o.port !== undefined) into.port = c.int(o.port, [...path, 'port'], 1, 65535);
  if (o.identityFile !== undefined) into.identityFile = expandHome(c.string(o.identityFile, [...path, 'identityFile']), base);
  if (o.knownHostsFile !== undefined) into.knownHostsFile = expandHome(c.string(o.knownHostsFile, [...path, 'knownHostsFile']), base);
  if (o.sudo !== undefined) into.sudo = c.bool(o.sudo, [...path, 'sudo']);
  if (o.jumpHost !== undefined) into.jumpHost = c.string(o.jumpHost, [...path, 'jumpHost'], { pattern: HOSTNAME_RE });
  if (o.connectTimeoutSeconds !== undefined) into.connectTimeoutSeconds = c.int(o.connectTimeoutSeconds, [...path, 'connectTimeoutSeconds'], 1, 600);
  if (o.commandTimeoutSeconds !== undefined) into.commandTimeoutSeconds = c.int(o.commandTimeoutSeconds, [...path, 'commandTimeoutSeconds'], 1, 3600);
  if (o.sshConfigFile !== undefined) into.sshConfigFile = expandHome(c.string(o.sshConfigFile, [...path, 'sshConfigFile']), base);
}

export function loadInventory(file: string): Inventory {
  const src = loadYaml(file);
  const c = new Checker(src);
  const base = dirname(resolve(file));
  const top = c.object(src.value, []);
  c.onlyKeys(top, [], ['defaults', 'profile', 'hosts']);
  const defaults = defaultConnection();
  if (top.defaults !== undefined) {
    const d = c.object(top.defaults, ['defaults']);
    c.onlyKeys(d, ['defaults'], CONN_KEYS);
    readConnection(c, d, ['defaults'], base, defaults);
  }
  const list = c.array(top.hosts, ['hosts']);
  if (list.length === 0) c.fail(['hosts'], 'the inventory lists no hosts');
  const seen = new Set<string>();
  const hosts: InventoryHost[] = list.map((raw, i) => {
    const h = c.object(raw, ['hosts', i]);
    c.onlyKeys(h, ['hosts', i], ['name', 'address', 'roles', ...CONN_KEYS]);
    const name = c.string(h.name, ['hosts', i, 'name'], { pattern: HOSTNAME_RE, hint: 'lowercase RFC 1123 name, as kubeadm requires' });
    if (seen.has(name)) c.fail(['hosts', i, 'name'], `duplicate host name ${name}`);
    seen.add(name);
    // ssh_config fills what the inventory entry itself leaves unset (the inventory's defaults rank below it)
    const sc = lookupSshConfig(readSshConfig(defaults.sshConfigFile ?? (h.sshConfigFile as string | undefined)), name);
    if (h.address === undefined && sc.hostName) h.address = sc.hostName;
    if (h.user === undefined && sc.user) h.user = sc.user;
    if (h.port === undefined && sc.port) h.port = sc.port;
    if (h.identityFile === undefined && sc.identityFile) h.identityFile = sc.identityFile;
    if (h.jumpHost === undefined && sc.proxyJump) {
      const j = sc.proxyJump.replace(/^[^@]*@/, '').replace(/:\d+$/, '');
      if (!list.some((x) => (x as { name?: string })?.name === j)) c.fail(['hosts', i, 'name'], `ssh_config ProxyJump ${sc.proxyJump} is not a host of this inventory (add it to hosts:)`);
      h.jumpHost = j;
    }
    const address = c.string(h.address, ['hosts', i, 'address'], { pattern: ADDRESS_RE, hint: 'an IP address or DNS name' });
    const roles = h.roles === undefined ? ['worker' as Role] : c.array(h.roles, ['hosts', i, 'roles']).map((r, j) => c.oneOf(r, ['hosts', i, 'roles', j], ROLES));
    const conn: HostConnection = { ...defaults };
    readConnection(c, h, ['hosts', i], base, conn);
    return { name, address, roles, transport: 'ssh', ...conn };
  });
  for (const [i, h] of hosts.entries()) {
    if (h.jumpHost && !seen.has(h.jumpHost)) c.fail(['hosts', i, 'jumpHost'], `jump host ${h.jumpHost} is not a host of this inventory`);
    if (h.jumpHost === h.name) c.fail(['hosts', i, 'jumpHost'], 'a host cannot be its own jump host');
  }
  let profileFile: string | undefined;
  if (top.profile !== undefined) profileFile = resolve(base, c.string(top.profile, ['profile']));
  return { file, profileFile, hosts };
}

/** The inventory used when none is given: this machine, through the local transport. */
export function localInventory(hostname: string, roles: Role[] = ['control-plane']): Inventory {
  return { hosts: [{ name: hostname, address: '127.0.0.1', roles, transport: 'local', ...defaultConnection() }] };
}

/** `--host a,b --host c` and `--role worker`: the selected hosts, or a usage error naming the unknown ones. */
export function selectHosts(inv: Inventory, names: string[], role?: Role): InventoryHost[] {
  let hosts = inv.hosts;
  if (names.length) {
    const unknown = names.filter((n) => !hosts.some((h) => h.name === n));
    if (unknown.length) {
      throw new ConfigError(`--host ${unknown.join(',')}: not in the inventory (known: ${hosts.map((h) => h.name).join(', ')})`);
    }
    hosts = hosts.filter((h) => names.includes(h.name));
  }
  if (role) hosts = hosts.filter((h) => h.roles.includes(role));
  if (!hosts.length) throw new ConfigError(`no host matches the selection${role ? ` (role ${role})` : ''}`);
  return hosts;
}
