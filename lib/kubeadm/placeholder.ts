// PLACEHOLDER — replaced by lib/kubeadm/versions.ts (branch `versions`, issue 10 part 2) when it lands.
// Only the few version facts the design-aware checks need, each with its source; do not extend this file.

const minorOf = (v: string) => Number(v.replace(/^v/, '').split('.')[1] ?? 0);

/** dockershim was removed from the kubelet in 1.24 (KEP-2221): Docker needs cri-dockerd from then on. */
export function dockershimAvailable(kubernetesVersion: string): boolean {
  return minorOf(kubernetesVersion) <= 23;
}

/** The newest Docker version kubeadm's preflight validated (SystemVerification warns beyond it):
 * 1.13: 18.06 (001's own kubeadm output: "Latest validated version: 18.06"); 1.14-1.16: 18.09; 1.17-1.19: 19.03; 1.20-1.23: 20.10. */
export function latestValidatedDocker(kubernetesVersion: string): string | undefined {
  const m = minorOf(kubernetesVersion);
  if (m <= 13) return '18.06';
  if (m <= 16) return '18.09';
  if (m <= 19) return '19.03';
  if (m <= 23) return '20.10';
  return undefined;
}

/** kubeadm ≤ 1.23 wrote `kubelet-config-1.X` (versioned) — 001: "Creating a ConfigMap "kubelet-config-1.13"". */
export function kubeletConfigMapName(kubernetesVersion: string): string {
  const m = minorOf(kubernetesVersion);
  return m <= 23 ? `kubelet-config-1.${m}` : 'kubelet-config';
}

/** The control-plane taint: `master` up to 1.23 (001: node-role.kubernetes.io/master:NoSchedule), both in 1.24, `control-plane` from 1.25. */
export function controlPlaneTaintKeys(kubernetesVersion: string): string[] {
  const m = minorOf(kubernetesVersion);
  if (m <= 23) return ['node-role.kubernetes.io/master'];
  if (m === 24) return ['node-role.kubernetes.io/master', 'node-role.kubernetes.io/control-plane'];
  return ['node-role.kubernetes.io/control-plane'];
}
