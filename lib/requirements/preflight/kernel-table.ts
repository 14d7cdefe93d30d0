// Minimum kernel per target Kubernetes version, as kubeadm's SystemVerification enforces it through
// k8s.io/system-validators (validators/types_unix.go, DefaultSysSpec.KernelSpec.Versions):
//   system-validators v1.1.0–v1.8.x (used by kubeadm up to 1.31): `^3\.[1-9][0-9].*$`, `^([4-9]|[1-9][0-9]+)\.…` — "Requires 3.10+"
//   v1.9.x (kubeadm 1.32, Oct 2024): 4.19+
//   v1.10.0+ (kubeadm 1.33+, Jan 2025): 5.4, 5.10, 5.15 LTS or any 6.x; since v1.11.0 a mismatch is only a warning.
// The seeds (000 三(二)) ask for ≥ 3.10 for the reference design (kubeadm 1.29.2).
export interface KernelRule {
  /** first Kubernetes minor this rule applies to */
  fromMinor: number;
  min: string;
  note: string;
}

export const KERNEL_TABLE: KernelRule[] = [
  { fromMinor: 0, min: '3.10', note: 'system-validators ≤ v1.8 (kubeadm ≤ 1.31): "Requires 3.10+"' },
  { fromMinor: 32, min: '4.19', note: 'system-validators v1.9 (kubeadm 1.32): 4.19+' },
  { fromMinor: 33, min: '5.4', note: 'system-validators v1.10+ (kubeadm ≥ 1.33): 5.4/5.10/5.15 LTS or 6.x' },
];

export function kernelRuleFor(kubernetesVersion: string): KernelRule {
  const minor = Number(kubernetesVersion.replace(/^v/, '').split('.')[1] ?? 0);
  return [...KERNEL_TABLE].reverse().find((r) => minor >= r.fromMinor)!;
}
