// The inventory (REQUIREMENTS.md "Inventory"): which hosts to audit, how to reach them, their roles.
import { readFileSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { Role } from '../types.ts';
import { ConfigError } from './errors.ts';
import { Checker } from './validate.ts';
import { loadYaml, type LoadedYaml } from './yaml-file.ts';
import { KUBE_GROUPS, looksLikeAnsibleYaml, looksLikeIni, parseIni, parseYamlGroups, resolveHosts, rolesOf, type AnsibleHost } from './ansible-inventory.ts';
import { lookupSshConfig, readSshConfig } from '../transport/ssh-config.ts';
import { jumpFromSshArgs, parseJump, type JumpSpec } from './ssh-args.ts';

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
  /** the jump host when it is not a host of the inventory (then jumpHost is its name) */
  jumpVia?: JumpHost;
}

/** A jump host that is only connected through, never audited: kubespray's `bastion`, or a ProxyJump / ProxyCommand
 * (ssh_config, ansible_ssh_common_args) naming a host that is not in the inventory. One hop. */
export interface JumpHost {
  name: string;
  address: string;
  user: string;
  port: number;
  identityFile?: string;
  knownHostsFile: string;
  connectTimeoutSeconds: number;
}

export interface Inventory {
  file?: string;
  profileFile?: string;
  hosts: InventoryHost[];
}

const ROLES = ['control-plane', 'worker', 'registry', 'etcd'] as const;
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

/**
 * kubeadm-verify's inventory YAML, or an Ansible/kubespray inventory (INI or YAML), told apart by their shape:
 * ours has a `hosts:` list; Ansible's INI has `[group]` sections or `name key=value` lines, its YAML has groups
 * with hosts/children/vars.
 */
export function loadInventory(file: string): Inventory {
  let text: string | undefined;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    // loadYaml names the problem (file not found, unreadable)
  }
  const ansible = (groups: ReturnType<typeof parseIni>) =>
    validateInventory(fromAnsible(resolveHosts(groups, dirname(resolve(file))), [...groups.keys()], file));
  if (text !== undefined && looksLikeIni(text)) return ansible(parseIni(text, file));
  const src = loadYaml(file);
  if (looksLikeAnsibleYaml(src.value)) return ansible(parseYamlGroups(src.value as Record<string, unknown>, src.lineOf, file));
  return validateInventory(src);
}

const truthy = (v: unknown) => v === true || (typeof v === 'string' && /^(true|yes|on|1)$/i.test(v)) || v === 1;

/** An Ansible inventory as our inventory document, each host keeping the line it came from. */
function fromAnsible(all: AnsibleHost[], groupNames: string[], file: string): LoadedYaml {
  // an inventory with kubespray's groups: only their hosts are kubeadm nodes; a plain one: every host, as a worker
  const anyKube = groupNames.some((g) => KUBE_GROUPS.includes(g));
  const lines: (number | undefined)[] = [];
  const hosts: Record<string, unknown>[] = [];
  const strOf = (v: Record<string, unknown>) => (k: string) => (v[k] === undefined || v[k] === null || String(v[k]).includes('{{') ? undefined : String(v[k]));
  // kubespray's bastion (docs/operations/bastion.md): every other host is reached through it, as its
  // ssh-bastion.conf says (ProxyCommand ssh -W %h:%p -p <its ansible_port> <its ansible_user>@<its ansible_host>)
  const bastion = all.find((h) => h.name === 'bastion' && h.groups.includes('bastion')) ?? all.find((h) => h.groups.includes('bastion'));
  const viaBastion = (key: string | undefined): JumpSpec | undefined => {
    if (!bastion) return undefined;
    const b = strOf(bastion.vars);
    const port = b('ansible_port') ?? b('ansible_ssh_port');
    const user = b('ansible_user') ?? b('ansible_ssh_user');
    const identityFile = b('ansible_ssh_private_key_file') ?? b('ansible_private_key_file') ?? key; // kubespray: -i the node's key
    return {
      name: bastion.name,
      host: b('ansible_host') ?? b('ansible_ssh_host') ?? bastion.name,
      ...(user ? { user } : {}),
      ...(port ? { port: Number(port) } : {}),
      ...(identityFile ? { identityFile } : {}),
    };
  };
  const kubeNames = new Set(all.filter((h) => !anyKube || rolesOf(h).length).map((h) => h.name));
  for (const h of all) {
    const roles = rolesOf(h);
    if (anyKube && !roles.length) continue; // bastion, calico_rr-only…: not a kubeadm node
    const v = h.vars;
    const str = strOf(v);
    const e: Record<string, unknown> = { name: h.name, roles: roles.length ? roles : ['worker'] };
    const address = str('ansible_host') ?? str('ansible_ssh_host');
    if (address) e.address = address; // else: ~/.ssh/config's HostName, else the name itself, as Ansible does
    const user = str('ansible_user') ?? str('ansible_ssh_user');
    if (user) e.user = user;
    const port = str('ansible_port') ?? str('ansible_ssh_port');
    if (port) e.port = Number(port);
    const key = str('ansible_ssh_private_key_file') ?? str('ansible_private_key_file');
    if (key) e.identityFile = key;
    if (v.ansible_become !== undefined) e.sudo = truthy(v.ansible_become);
    if (str('ansible_connection') === 'local') e.transport = 'local';
    // the host's own ssh arguments rank above the bastion (ssh's command line above its -F file)
    let jump: JumpSpec | 'none' | undefined;
    try {
      jump = jumpFromSshArgs([str('ansible_ssh_common_args'), str('ansible_ssh_extra_args')].filter(Boolean).join(' '));
    } catch (err) {
      throw new ConfigError(`${h.name}: ansible_ssh_common_args: ${(err as Error).message}`, { file, line: h.line });
    }
    jump ??= e.transport === 'local' || h === bastion ? undefined : viaBastion(key);
    if (jump === 'none') jump = undefined;
    if (jump && kubeNames.has(jump.name ?? jump.host))
      e.jumpHost = jump.name ?? jump.host; // a node of the inventory: audited, and one connection
    else if (jump) e.jumpVia = jump;
    lines.push(h.line);
    hosts.push(e);
  }
  if (!hosts.length) throw new ConfigError('the Ansible inventory lists no hosts in kube_control_plane, kube_node or etcd', { file });
  return { file, value: { hosts, ansible: true }, lineOf: (path) => (path[0] === 'hosts' && typeof path[1] === 'number' ? lines[path[1]] : undefined) };
}

function validateInventory(src: LoadedYaml): Inventory {
  const file = src.file;
  const ansible = (src.value as { ansible?: boolean })?.ansible === true;
  if (ansible) delete (src.value as { ansible?: boolean }).ansible;
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
    c.onlyKeys(h, ['hosts', i], ['name', 'address', 'roles', ...CONN_KEYS, ...(ansible ? ['transport', 'jumpVia'] : [])]);
    const name = c.string(h.name, ['hosts', i, 'name'], { pattern: HOSTNAME_RE, hint: 'lowercase RFC 1123 name, as kubeadm requires' });
    if (seen.has(name)) c.fail(['hosts', i, 'name'], `duplicate host name ${name}`);
    seen.add(name);
    // ssh_config fills what the inventory entry itself leaves unset (the inventory's defaults rank below it)
    const scText = readSshConfig(defaults.sshConfigFile ?? (h.sshConfigFile as string | undefined));
    const sc = lookupSshConfig(scText, name);
    let via = h.jumpVia as JumpSpec | undefined; // from the Ansible inventory's bastion or ssh arguments
    if (h.address === undefined && sc.hostName) h.address = sc.hostName;
    if (h.address === undefined && ansible) h.address = name;
    if (h.user === undefined && sc.user) h.user = sc.user;
    if (h.port === undefined && sc.port) h.port = sc.port;
    if (h.identityFile === undefined && sc.identityFile) h.identityFile = sc.identityFile;
    if (h.jumpHost === undefined && !via && sc.proxyJump) {
      let pj: JumpSpec;
      try {
        pj = parseJump(sc.proxyJump);
      } catch (e) {
        return c.fail(['hosts', i, 'name'], `ssh_config ${(e as Error).message}`);
      }
      // a host of this inventory: audited too, one connection for both; any other: only connected through
      if (list.some((x) => (x as { name?: string })?.name === pj.host)) h.jumpHost = pj.host;
      else via = pj;
    }
    const address = c.string(h.address, ['hosts', i, 'address'], { pattern: ADDRESS_RE, hint: 'an IP address or DNS name' });
    const roles =
      h.roles === undefined ? ['worker' as Role] : c.array(h.roles, ['hosts', i, 'roles']).map((r, j) => c.oneOf(r, ['hosts', i, 'roles', j], ROLES));
    // Ansible's default remote user is the local one (ours: root)
    const conn: HostConnection = { ...defaults, ...(ansible ? { user: userInfo().username } : {}) };
    readConnection(c, h, ['hosts', i], base, conn);
    const jumpVia = via ? jumpHostOf(c, via, ['hosts', i, 'jump host'], scText, conn, base) : undefined;
    return { name, address, roles, transport: h.transport === 'local' ? 'local' : 'ssh', ...conn, ...(jumpVia ? { jumpHost: jumpVia.name, jumpVia } : {}) };
  });
  for (const [i, h] of hosts.entries()) {
    if (h.jumpHost && !h.jumpVia && !seen.has(h.jumpHost)) c.fail(['hosts', i, 'jumpHost'], `jump host ${h.jumpHost} is not a host of this inventory`);
    if (h.jumpHost === h.name) c.fail(['hosts', i, 'jumpHost'], 'a host cannot be its own jump host');
  }
  let profileFile: string | undefined;
  if (top.profile !== undefined) profileFile = resolve(base, c.string(top.profile, ['profile']));
  return { file, profileFile, hosts };
}

/**
 * A jump host outside the inventory, as `ssh -J` would reach it: what the ProxyJump / ProxyCommand / bastion says,
 * then ~/.ssh/config for that name (HostName, User, Port, IdentityFile), then ssh's defaults (the local user, 22).
 * Host keys are checked in the host's known_hosts file, like the host's own.
 */
function jumpHostOf(c: Checker, j: JumpSpec, path: (string | number)[], scText: string, conn: HostConnection, base: string): JumpHost {
  const sc = lookupSshConfig(scText, j.host);
  if (sc.proxyJump) c.fail(path, `jump host ${j.host} has a ProxyJump of its own (${sc.proxyJump}) in ssh_config: a chain of jump hosts is not supported`);
  const address = c.string(sc.hostName ?? j.host, [...path, 'address'], { pattern: ADDRESS_RE, hint: 'an IP address or DNS name' });
  const user = c.string(j.user ?? sc.user ?? userInfo().username, [...path, 'user'], { pattern: USER_RE, hint: 'a POSIX user name' });
  const port = c.int(j.port ?? sc.port ?? 22, [...path, 'port'], 1, 65535);
  const key = j.identityFile ?? sc.identityFile;
  return {
    name: j.name ?? j.host,
    address,
    user,
    port,
    ...(key ? { identityFile: expandHome(key, base) } : {}),
    knownHostsFile: conn.knownHostsFile,
    connectTimeoutSeconds: conn.connectTimeoutSeconds,
  };
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
