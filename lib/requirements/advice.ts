// Pieces of remediation texts that depend on the host and the design: the host's package tool, the kubelet's unit,
// the runtime's CLI, the CNI's pods. Remediations are built from these and the profile, never from the reference
// design's values (docs: "advice fits the host (dnf/yum, apt, snap)").
import type { Profile } from '../config/profile.ts';
import type { HostFacts } from '../probe/facts.ts';
import { KUBE_TOOLS, SNAP_KUBELET_UNIT } from '../kubeadm/expect.ts';

export type PackageTool = 'dnf' | 'yum' | 'apt-get';

const osOf = (facts?: HostFacts) => (facts?.os.ok ? facts.os.value : undefined);

/** EL ≤ 7: yum, not dnf; no iproute-tc. */
export function isEl7(facts?: HostFacts): boolean {
  const os = osOf(facts);
  return os?.family === 'rhel' && Number(os.versionId.split('.')[0]) <= 7;
}

/** The host's package tool: the package database decides (dpkg → apt-get; rpm → dnf, or yum on EL ≤ 7), else the
 * os-release family; undefined when the facts say neither. */
export function packageTool(facts?: HostFacts): PackageTool | undefined {
  const os = osOf(facts);
  const mgr = facts?.packages.ok ? facts.packages.value.manager : undefined;
  if (mgr === 'dpkg' || (mgr !== 'rpm' && os?.family === 'debian')) return 'apt-get';
  if (mgr === 'rpm' || os?.family === 'rhel') return isEl7(facts) ? 'yum' : 'dnf';
  return undefined;
}

/** OS family for package names: the os-release family, else the package tool's. */
export function familyOf(facts?: HostFacts): 'rhel' | 'debian' | undefined {
  const t = packageTool(facts);
  return t === 'apt-get' ? 'debian' : t ? 'rhel' : undefined;
}

export function install(tool: PackageTool | undefined, pkgs: string): string {
  if (tool === 'apt-get') return `apt-get install -y ${pkgs}`;
  return tool ? `${tool} -y install ${pkgs}` : `<dnf|yum|apt-get> install -y ${pkgs}`;
}
export function remove(tool: PackageTool | undefined, pkgs: string): string {
  if (tool === 'apt-get') return `apt-get remove -y ${pkgs}`;
  return tool ? `${tool} -y remove ${pkgs}` : `<dnf|yum|apt-get> remove -y ${pkgs}`;
}

/** Some kube tool comes from snap (004). */
export function kubeFromSnap(facts?: HostFacts): boolean {
  const p = facts?.packages.ok ? facts.packages.value : undefined;
  return !!p && KUBE_TOOLS.some((t) => p.snaps?.[t]);
}

/** The kubelet's systemd unit: snap's snap.kubelet.daemon where the kubelet is a snap and no package (004), else kubelet. */
export function kubeletUnit(facts?: HostFacts): string {
  const p = facts?.packages.ok ? facts.packages.value : undefined;
  return p?.snaps?.kubelet && !p.installed.kubelet ? SNAP_KUBELET_UNIT : 'kubelet';
}

/** How to list and read containers with the design's runtime: docker's own CLI (dockershim), else crictl. */
export function runtimeCli(profile: Profile): { ps: string; logs: string } {
  return profile.runtime.name === 'docker' ? { ps: 'docker ps -a', logs: 'docker logs <id>' } : { ps: 'crictl ps -a', logs: 'crictl logs <id>' };
}

/** The CNI's per-node pods, by the name an operator looks for; undefined without a CNI. */
export function cniPods(profile: Profile): string | undefined {
  const n = profile.cni.name;
  return n === 'calico' ? 'calico-node' : n === 'flannel' ? 'kube-flannel-ds' : n === 'none' ? undefined : `${n}'s pods`;
}

/** The remediation of a check that does not apply to this design (its verdict is a skip): say why, name no fix. */
export const nothingToDo = (why: string) => `Nothing to do: ${why}.`;
