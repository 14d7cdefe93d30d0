// Ansible inventories (INI and YAML), as kubespray uses them: hosts and groups become kubeadm-verify's inventory.
// Groups kube_control_plane (kube-master, kube_master) → control-plane, kube_node (kube-node) → worker, etcd →
// etcd (unless the host is also one of the others). Connection variables: ansible_host, ansible_user,
// ansible_port, ansible_ssh_private_key_file, ansible_become, ansible_connection=local (and their legacy
// ansible_ssh_* names), from the host line, its groups' vars (all < parents < children < host), and
// group_vars/ and host_vars/ next to the inventory, as Ansible reads them. Other variables are ignored.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { Role } from '../types.ts';
import { ConfigError } from './errors.ts';

export interface AnsibleHost {
  name: string;
  /** the variables that apply to it, merged in Ansible's order */
  vars: Record<string, unknown>;
  groups: string[];
  line?: number;
}

interface Group {
  hosts: Map<string, { vars: Record<string, unknown>; line?: number }>;
  children: Set<string>;
  vars: Record<string, unknown>;
}

const newGroup = (): Group => ({ hosts: new Map(), children: new Set(), vars: {} });

const ROLE_GROUPS: [Role, string[]][] = [
  ['control-plane', ['kube_control_plane', 'kube-master', 'kube_master', 'kube-controlplane']],
  ['worker', ['kube_node', 'kube-node']],
  ['etcd', ['etcd']],
];

/** Does this text look like an Ansible inventory rather than kubeadm-verify's own? */
export function looksLikeIni(text: string): boolean {
  const first = text
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l && !l.startsWith('#') && !l.startsWith(';'));
  return !!first && (/^\[[^\]]+\]$/.test(first) || /^\S+(\s+\w+=\S*)+$/.test(first));
}

export function looksLikeAnsibleYaml(value: unknown): boolean {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const o = value as Record<string, unknown>;
  if (Array.isArray(o.hosts)) return false; // ours: hosts is a list
  return Object.values(o).some(
    (g) => g === null || (typeof g === 'object' && !Array.isArray(g) && Object.keys(g as object).every((k) => ['hosts', 'children', 'vars'].includes(k))),
  );
}

/** Ansible's INI value: quoted strings unquoted; true/false/yes/no and numbers kept as text (we convert per key). */
function iniValue(v: string): string {
  if ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'"))) return v.slice(1, -1);
  return v;
}

/** key=value pairs of a host or vars line, quotes respected, a ` #` comment ends the line. */
function splitPairs(s: string): [string, string][] {
  const out: [string, string][] = [];
  const re = /(\w+)=("(?:[^"\\]|\\.)*"|'[^']*'|[^\s#]*)/gy;
  let rest = s.replace(/\s+[#;].*$/, '');
  rest = rest.trim();
  let m: RegExpExecArray | null;
  let pos = 0;
  while (pos < rest.length) {
    re.lastIndex = pos;
    m = re.exec(rest);
    if (!m) break;
    out.push([m[1]!, iniValue(m[2]!)]);
    pos = re.lastIndex;
    while (rest[pos] === ' ' || rest[pos] === '\t') pos++;
  }
  if (pos < rest.length) throw new Error(`cannot read "${rest.slice(pos)}" (expected key=value)`);
  return out;
}

/** node[01:03] → node01, node02, node03 (Ansible's numeric and alphabetic ranges). */
function expandRange(name: string): string[] {
  const m = /^(.*)\[([0-9a-z]+):([0-9a-z]+)\](.*)$/.exec(name);
  if (!m) return [name];
  const [, pre, a, b, post] = m as unknown as [string, string, string, string, string];
  const out: string[] = [];
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) {
    for (let i = Number(a); i <= Number(b); i++) out.push(...expandRange(`${pre}${String(i).padStart(a.length, '0')}${post}`));
  } else {
    for (let c = a.charCodeAt(0); c <= b.charCodeAt(0); c++) out.push(...expandRange(`${pre}${String.fromCharCode(c)}${post}`));
  }
  return out;
}

export function parseIni(text: string, file: string): Map<string, Group> {
  const groups = new Map<string, Group>([
    ['all', newGroup()],
    ['ungrouped', newGroup()],
  ]);
  const group = (n: string) => groups.get(n) ?? groups.set(n, newGroup()).get(n)!;
  let section: { name: string; kind: 'hosts' | 'vars' | 'children' } = { name: 'ungrouped', kind: 'hosts' };
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) return;
    const fail = (problem: string): never => {
      throw new ConfigError(problem, { file, line: i + 1 });
    };
    const head = /^\[([^\]:]+)(?::(vars|children))?\]$/.exec(line);
    if (head) {
      section = { name: head[1]!, kind: (head[2] as 'vars' | 'children') ?? 'hosts' };
      group(section.name);
      return;
    }
    try {
      if (section.kind === 'vars') {
        const eq = line.indexOf('=');
        if (eq < 1) fail(`[${section.name}:vars] expects key=value, got "${line}"`);
        group(section.name).vars[line.slice(0, eq).trim()] = iniValue(line.slice(eq + 1).trim());
      } else if (section.kind === 'children') {
        group(section.name).children.add(line.split(/\s+/)[0]!);
        group(line.split(/\s+/)[0]!);
      } else {
        const [name, ...rest] = line.split(/\s+/);
        const vars = Object.fromEntries(splitPairs(rest.join(' ')));
        for (const n of expandRange(name!)) group(section.name).hosts.set(n, { vars, line: i + 1 });
      }
    } catch (e) {
      if (e instanceof ConfigError) throw e;
      fail((e as Error).message);
    }
  });
  return groups;
}

export function parseYamlGroups(value: Record<string, unknown>, lineOf: (path: (string | number)[]) => number | undefined, file: string): Map<string, Group> {
  const groups = new Map<string, Group>([
    ['all', newGroup()],
    ['ungrouped', newGroup()],
  ]);
  const walk = (name: string, g: unknown, path: string[]) => {
    const into = groups.get(name) ?? groups.set(name, newGroup()).get(name)!;
    if (g === null || g === undefined) return;
    if (typeof g !== 'object' || Array.isArray(g))
      throw new ConfigError(`${path.join('.')}: expected a group (hosts, children, vars), got ${Array.isArray(g) ? 'a list' : typeof g}`, {
        file,
        line: lineOf(path),
      });
    const o = g as Record<string, unknown>;
    for (const k of Object.keys(o))
      if (!['hosts', 'children', 'vars'].includes(k))
        throw new ConfigError(`${[...path, k].join('.')}: unknown key in an Ansible group (allowed: hosts, children, vars)`, {
          file,
          line: lineOf([...path, k]),
        });
    for (const [h, vars] of Object.entries((o.hosts as Record<string, unknown>) ?? {})) {
      for (const n of expandRange(h)) into.hosts.set(n, { vars: (vars as Record<string, unknown>) ?? {}, line: lineOf([...path, 'hosts', h]) });
    }
    Object.assign(into.vars, (o.vars as Record<string, unknown>) ?? {});
    for (const [child, cg] of Object.entries((o.children as Record<string, unknown>) ?? {})) {
      into.children.add(child);
      walk(child, cg, [...path, 'children', child]);
    }
  };
  for (const [name, g] of Object.entries(value)) walk(name, g, [name]);
  return groups;
}

/** group_vars/<group>.yml|.yaml|<group>/*.yml and host_vars/<host>… next to the inventory, as Ansible reads them. */
function varsDir(dir: string, name: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const files: string[] = [];
  for (const ext of ['', '.yml', '.yaml', '.json']) {
    const p = join(dir, `${name}${ext}`);
    if (!existsSync(p)) continue;
    if (statSync(p).isDirectory())
      for (const f of readdirSync(p).sort()) {
        if (/\.(ya?ml|json)$/.test(f)) files.push(join(p, f));
      }
    else files.push(p);
  }
  for (const f of files) {
    const lc = new LineCounter();
    const doc = parseDocument(readFileSync(f, 'utf8'), { lineCounter: lc });
    if (doc.errors.length)
      throw new ConfigError(`invalid YAML: ${doc.errors[0]!.message.split('\n')[0]}`, { file: f, line: lc.linePos(doc.errors[0]!.pos[0]).line });
    const v = doc.toJS({ maxAliasCount: 100 }) as unknown;
    if (v && typeof v === 'object' && !Array.isArray(v)) Object.assign(out, v);
  }
  return out;
}

/** Every host with its merged variables and groups (Ansible's precedence: all < parent groups < child groups < host). */
export function resolveHosts(groups: Map<string, Group>, baseDir: string): AnsibleHost[] {
  // depth of each group below `all` (top-level groups are implicit children of all)
  const depth = new Map<string, number>([['all', 0]]);
  const parentsOf = new Map<string, Set<string>>();
  for (const [n, g] of groups) for (const c of g.children) (parentsOf.get(c) ?? parentsOf.set(c, new Set()).get(c)!).add(n);
  const depthOf = (n: string, seen = new Set<string>()): number => {
    if (depth.has(n)) return depth.get(n)!;
    if (seen.has(n)) return 1;
    seen.add(n);
    const ps = [...(parentsOf.get(n) ?? [])];
    const d = ps.length ? Math.max(...ps.map((p) => depthOf(p, seen))) + 1 : 1;
    depth.set(n, d);
    return d;
  };
  const members = new Map<string, Set<string>>();
  const addTo = (g: string, h: string, seen = new Set<string>()) => {
    if (seen.has(g)) return;
    seen.add(g);
    (members.get(h) ?? members.set(h, new Set()).get(h)!).add(g);
    for (const p of parentsOf.get(g) ?? []) addTo(p, h, seen);
  };
  const hostVars = new Map<string, { vars: Record<string, unknown>; line?: number }>();
  for (const [gname, g] of groups) {
    for (const [h, hv] of g.hosts) {
      addTo(gname, h);
      const prev = hostVars.get(h);
      hostVars.set(h, { vars: { ...prev?.vars, ...hv.vars }, line: prev?.line ?? hv.line });
    }
  }
  const groupVarsDir = join(baseDir, 'group_vars');
  const hostVarsDir = join(baseDir, 'host_vars');
  const fromDir = new Map<string, Record<string, unknown>>();
  const gv = (g: string) => fromDir.get(g) ?? fromDir.set(g, existsSync(groupVarsDir) ? varsDir(groupVarsDir, g) : {}).get(g)!;
  return [...hostVars.entries()].map(([name, hv]) => {
    const gs = [...(members.get(name) ?? [])].filter((g) => g !== 'all');
    const ordered = ['all', ...gs.sort((a, b) => depthOf(a) - depthOf(b) || a.localeCompare(b))];
    const vars: Record<string, unknown> = {};
    for (const g of ordered) Object.assign(vars, gv(g), groups.get(g)?.vars ?? {});
    Object.assign(vars, existsSync(hostVarsDir) ? varsDir(hostVarsDir, name) : {}, hv.vars);
    return { name, vars, groups: gs, line: hv.line };
  });
}

export function rolesOf(h: AnsibleHost): Role[] {
  const roles = ROLE_GROUPS.filter(([, names]) => names.some((n) => h.groups.includes(n))).map(([r]) => r);
  // stacked etcd (etcd:children kube_control_plane): the host is a control plane that also runs etcd
  return roles.length > 1 ? roles.filter((r) => r !== 'etcd') : roles;
}

export const KUBE_GROUPS = ROLE_GROUPS.flatMap(([, n]) => n);
