// Scenario files (fixtures/scenarios/*.yaml): host templates, hosts, and the expected verdicts.
// Values starting with "@" are read from the scenario's folder. Each host gets /etc/hostname and an
// /etc/hosts naming every host of the scenario and the registry (harbor), unless it sets its own.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { labAddress, REGISTRY_ADDRESS, type LabHostSpec } from './lab.ts';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

function merge(a: Obj, b: Obj): Obj {
  const out: Obj = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = isObj(v) && isObj(out[k]) ? merge(out[k] as Obj, v) : v;
  return out;
}

/** Every LabHostSpec field, plus the scenario's own (template, overrides, hostsFile): anything else is a typo. */
const SPEC_KEYS = [
  'name',
  'hostname',
  'roles',
  'mac',
  'productUuid',
  'files',
  'sysctls',
  'modules',
  'swaps',
  'memTotalKiB',
  'processes',
  'listen',
  'sockets',
  'packages',
  'bin',
  'timesyncSynchronized',
  'http',
  'users',
  'sshFrom',
  'ssh',
  'hostsFile',
];
function onlyKnown(o: Obj, where: string, extra: string[]): void {
  for (const k of Object.keys(o))
    if (!SPEC_KEYS.includes(k) && !extra.includes(k))
      throw new Error(`${where}: unknown field ${JSON.stringify(k)} (known: ${[...SPEC_KEYS, ...extra].join(', ')})`);
}

export interface Scenario {
  description: string;
  hosts: (LabHostSpec & { hostsFile?: 'full' | 'minimal' })[];
  expect: Record<string, Record<string, string> | string>;
}

export function loadScenario(path: string, extraHosts: { name: string; address: string }[] = []): Scenario {
  const doc = parse(readFileSync(path, 'utf8')) as Obj;
  const templates = (doc.templates ?? {}) as Record<string, Obj>;
  const resolveTemplate = (name: string, seen: string[] = []): Obj => {
    const t = templates[name];
    if (!isObj(t)) throw new Error(`${path}: unknown template ${name}`);
    onlyKnown(t, `${path}: template ${name}`, ['extends']);
    if (seen.includes(name)) throw new Error(`${path}: template cycle ${[...seen, name].join(' → ')}`);
    const { extends: ext, ...rest } = t;
    return structuredClone(ext ? merge(resolveTemplate(String(ext), [...seen, name]), rest) : rest);
  };
  const raw = (doc.hosts ?? []) as Obj[];
  if (!Array.isArray(raw)) throw new Error(`${path}: hosts must be a list`);
  const hosts = raw.map((h, i) => {
    if (!isObj(h)) throw new Error(`${path}: hosts[${i}] must be a mapping`);
    onlyKnown(h, `${path}: hosts[${i}]`, ['template', 'overrides']);
    if (h.overrides !== undefined && !isObj(h.overrides)) throw new Error(`${path}: hosts[${i}].overrides must be a mapping`);
    if (isObj(h.overrides)) onlyKnown(h.overrides, `${path}: hosts[${i}].overrides`, []);
    const { template, overrides, ...own } = h;
    let spec: Obj = template ? resolveTemplate(String(template)) : {};
    spec = merge(spec, structuredClone(own));
    if (overrides) spec = merge(spec, structuredClone(overrides as Obj));
    const files = (spec.files ?? {}) as Record<string, string>;
    for (const [p, v] of Object.entries(files))
      if (typeof v === 'string' && v.startsWith('@')) files[p] = readFileSync(join(dirname(path), v.slice(1)), 'utf8');
    spec.files = files;
    return spec as unknown as Scenario['hosts'][number];
  });
  const all = [...hosts.map((h, i) => ({ name: h.name, address: labAddress(i) })), ...extraHosts];
  for (const h of hosts) {
    h.files ??= {};
    h.files['/etc/hostname'] ??= `${h.hostname ?? h.name}\n`;
    const local = `127.0.0.1 localhost\n::1 localhost ip6-localhost ip6-loopback\n`;
    h.files['/etc/hosts'] ??=
      h.hostsFile === 'minimal' ? local : `${local}${REGISTRY_ADDRESS} harbor\n${all.map((x) => `${x.address} ${x.name}`).join('\n')}\n`;
  }
  return { description: String(doc.description ?? ''), hosts, expect: (doc.expect ?? { default: 'pass' }) as Scenario['expect'] };
}
