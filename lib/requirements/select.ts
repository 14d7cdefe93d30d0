// Choosing checks: --check / --skip (IDs, globs, or kubeadm's own preflight check names) and kubeadm's
// nodeRegistration.ignorePreflightErrors. kubeadm's names come from cmd/kubeadm/app/preflight/checks.go and
// checks_linux.go (Checker.Name()); they match case-insensitively, as kubeadm matches them.
import { ConfigError } from '../config/errors.ts';
import type { Requirement } from './define.ts';
import { readableSource } from './sources.ts';

/** kubeadm preflight check name (lowercase; `*` = any suffix) → the kubeadm-verify IDs that check the same thing. */
export const KUBEADM_CHECKS: { name: string; ids: string[]; note?: string }[] = [
  { name: 'NumCPU', ids: ['HOST-CPU'] },
  { name: 'Mem', ids: ['HOST-MEM'] },
  { name: 'Swap', ids: ['HOST-SWAP', 'HOST-SWAP-FSTAB'] },
  { name: 'Firewalld', ids: ['HOST-FIREWALLD'] },
  { name: 'Port-*', ids: ['HOST-PORTS-FREE'], note: 'Port-6443, Port-10259, Port-10257, Port-10250, Port-2379, Port-2380' },
  { name: 'FileContent--proc-sys-net-bridge-bridge-nf-call-iptables', ids: ['HOST-SYSCTL'] },
  { name: 'FileContent--proc-sys-net-ipv4-ip_forward', ids: ['HOST-SYSCTL'] },
  { name: 'FileContent--proc-sys-net-ipv6-conf-default-forwarding', ids: ['HOST-SYSCTL'] },
  {
    name: 'FileExisting-*',
    ids: ['HOST-BINARIES'],
    note: 'FileExisting-crictl, -conntrack, -ip, -iptables, -mount, -nsenter, -ebtables, -ethtool, -socat, -tc, -touch',
  },
  { name: 'CRI', ids: ['HOST-CRI-SOCKET'] },
  { name: 'Service-Kubelet', ids: ['HOST-SERVICES'] },
  { name: 'Hostname', ids: ['HOST-HOSTNAME'] },
  { name: 'SystemVerification', ids: ['HOST-KERNEL', 'HOST-OS'], note: 'kernel version and config, OS, cgroups' },
  { name: 'KubeletVersion', ids: ['HOST-PACKAGES'] },
  { name: 'KubernetesVersion', ids: ['HOST-PACKAGES'] },
  { name: 'ImagePull', ids: ['HOST-IMAGES'], note: 'kubeadm pulls; kubeadm-verify only asks the registry' },
];

/** kubeadm checks with no counterpart here (they look at state kubeadm itself creates, or at the local user). */
export const KUBEADM_WITHOUT_EQUIVALENT = [
  'IsPrivilegedUser',
  'DirAvailable-*',
  'FileAvailable-*',
  'HTTPProxy',
  'HTTPProxyCIDR',
  'ExternalEtcdVersion',
  'ExternalEtcdClientCertificates',
];

const globRe = (pattern: string) => new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`, 'i');

/** Our IDs for a kubeadm check name, [] for a kubeadm check without equivalent, undefined for no kubeadm name. */
export function kubeadmCheckIds(name: string): string[] | undefined {
  const hit = KUBEADM_CHECKS.find((k) => globRe(k.name).test(name));
  if (hit) return hit.ids;
  if (KUBEADM_WITHOUT_EQUIVALENT.some((k) => globRe(k).test(name))) return [];
  return undefined;
}

/** Edit distance, for "did you mean". */
export function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length]![b.length]!;
}

export function didYouMean(word: string, candidates: string[]): string | undefined {
  let best: [string, number] | undefined;
  for (const c of candidates) {
    const n = distance(word.toLowerCase(), c.toLowerCase());
    if (!best || n < best[1]) best = [c, n];
  }
  return best && best[1] <= Math.max(2, Math.floor(word.length / 3)) ? best[0] : undefined;
}

/** The IDs one selector names: an ID, a glob over IDs (case-insensitive), or a kubeadm check name. */
export function resolveSelector(sel: string, ids: string[], flag: string): string[] {
  const ours = ids.filter((id) => globRe(sel).test(id));
  if (ours.length) return ours;
  const kubeadm = kubeadmCheckIds(sel);
  if (kubeadm?.length) return kubeadm.filter((id) => ids.includes(id));
  if (kubeadm) throw new ConfigError(`${flag} ${sel}: kubeadm's check ${sel} has no kubeadm-verify equivalent (see --list and docs/kubeadm-checks.md)`);
  const hint = didYouMean(sel, [...ids, ...KUBEADM_CHECKS.map((k) => k.name).filter((n) => !n.includes('*'))]);
  throw new ConfigError(`${flag} ${sel}: no requirement has this ID${hint ? ` — did you mean ${hint}?` : ''} (--list shows them all)`);
}

export interface Selection {
  /** when set, only these IDs run */
  only?: string[];
  /** ID → why it is not judged (reported as `skip` with this reason, never hidden) */
  skipped: Record<string, string>;
}

export function selectRequirements(all: Requirement[], check: string[], skip: string[]): Selection {
  const ids = all.map((r) => r.id);
  const sel: Selection = { skipped: {} };
  if (check.length) sel.only = [...new Set(check.flatMap((c) => resolveSelector(c, ids, '--check')))];
  for (const s of skip) for (const id of resolveSelector(s, ids, '--skip')) sel.skipped[id] ??= `skipped on request (--skip ${s})`;
  return sel;
}

/** `--list`: one line per requirement, tab-separated: ID, phase, severity, title, source. */
export function listRequirements(all: Requirement[]): string {
  const rows = [['ID', 'PHASE', 'SEVERITY', 'TITLE', 'SOURCE'], ...all.map((r) => [r.id, r.phase, r.severity, r.title, readableSource(r.source)])];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  return rows.map((row) => row.map((c, i) => (i < row.length - 1 ? c.padEnd(widths[i]!) : c)).join('  ')).join('\n');
}
