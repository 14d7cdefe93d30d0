// Requirements judged across all selected hosts at once (host "*").
import type { Fact, HostFacts } from '../../probe/facts.ts';
import { identityInterfaces } from '../../facts/net.ts';
import { fleetRequirement, verdict, type Requirement, type RunContext } from '../define.ts';

const phase = 'preflight' as const;

/** Duplicates of a per-host identity across the fleet; hosts whose value is unknown make the verdict `error`, never `pass`. */
function unique(ctx: RunContext, what: string, pick: (f: HostFacts) => Fact<string[]>, remediation: (dups: string[]) => string) {
  if (ctx.hosts.length < 2) return verdict.skip(`only ${ctx.hosts.length} host in this run: uniqueness is judged across at least two hosts`);
  const owners = new Map<string, string[]>();
  const unknown: string[] = [];
  const evidence: string[] = [];
  for (const h of ctx.hosts) {
    if (!h.facts) {
      unknown.push(`${h.spec.name} (not probed: ${h.error ?? 'unknown'})`);
      continue;
    }
    const v = pick(h.facts);
    if (!v.ok) {
      unknown.push(`${h.spec.name} (${v.error})`);
      continue;
    }
    evidence.push(`${h.spec.name}: ${v.value.join(', ') || '(none)'}`);
    for (const x of new Set(v.value)) owners.set(x, [...(owners.get(x) ?? []), h.spec.name]);
  }
  const dups = [...owners.entries()].filter(([, hs]) => hs.length > 1);
  const expected = `every host has its own ${what}`;
  if (dups.length) {
    const observed = dups.map(([v, hs]) => `${v} on ${hs.join(', ')}`).join('; ');
    return verdict.fail(`duplicate ${what}: ${observed}`, expected, [...evidence, ...unknown.map((u) => `unknown: ${u}`)], {
      remediation: remediation(dups.map(([v]) => v)),
    });
  }
  if (unknown.length) return { ...verdict.error(`${what} unknown for ${unknown.join('; ')}`, expected), evidence };
  return verdict.pass(`${owners.size} distinct ${what} value(s) on ${ctx.hosts.length} host(s)`, expected, evidence);
}

const map = <T, U>(f: Fact<T>, fn: (v: T) => U): Fact<U> => (f.ok ? { ok: true, value: fn(f.value) } : f);

export const fleetRequirements: Requirement[] = [
  fleetRequirement({
    id: 'HOST-UNIQUE-HOSTNAME',
    title: 'No two hosts share a hostname',
    phase,
    group: 'identity',
    severity: 'error',
    source: '000 三(二)',
    remediation: 'hostnamectl set-hostname <unique name> on the duplicates.',
    check: (ctx) =>
      unique(
        ctx,
        'hostname',
        (f) => map(f.hostname, (h) => [h.running]),
        (d) => `hostnamectl set-hostname <unique name>   # on the hosts named ${d.join(', ')}`,
      ),
  }),
  fleetRequirement({
    id: 'HOST-UNIQUE-MAC',
    title: 'No two hosts share a MAC address',
    phase,
    group: 'identity',
    severity: 'error',
    source: '000 三(二)',
    remediation: "Give each VM its own MAC address (clones keep the template's MAC): regenerate it in the hypervisor.",
    check: (ctx) =>
      unique(
        ctx,
        'MAC address',
        (f) => map(f.interfaces, (ifs) => identityInterfaces(ifs).map((i) => i.mac)),
        (d) => `Regenerate the MAC address of the cloned VMs (${d.join(', ')}) in the hypervisor.`,
      ),
  }),
  fleetRequirement({
    id: 'HOST-UNIQUE-UUID',
    title: 'No two hosts share a product_uuid',
    phase,
    group: 'identity',
    severity: 'error',
    source: '000 三(二)',
    remediation:
      "Give each VM its own SMBIOS UUID (clones keep the template's): change it in the hypervisor (e.g. virsh edit: <uuid>, VirtualBox: VBoxManage modifyvm --hardwareuuid).",
    check: (ctx) =>
      unique(
        ctx,
        'product_uuid',
        (f) => map(f.productUuid, (u) => [u]),
        (d) => `Change the SMBIOS UUID of the VMs sharing ${d.join(', ')} in the hypervisor.`,
      ),
  }),
];
