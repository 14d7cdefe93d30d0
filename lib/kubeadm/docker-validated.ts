// The newest Docker version kubeadm's preflight (SystemVerification, docker validator of system-validators /
// cmd/kubeadm/app/util/system/docker_validator.go) validated; a newer Docker gets a preflight warning. Only the
// dockershim era (≤ 1.23) has one. 1.13: 18.06 (001's own kubeadm output: "Latest validated version: 18.06");
// 1.14–1.16: 18.09; 1.17–1.19: 19.03; 1.20–1.23: 20.10. Kept beside lib/kubeadm/versions.ts (which says which runtimes a
// version can use at all), not in it: it is a warning-level fact of the Docker check only.
import { kubeadmFacts } from './versions.ts';

export function latestValidatedDocker(kubernetesVersion: string): string | undefined {
  let m: number;
  try {
    m = kubeadmFacts(kubernetesVersion).minor;
  } catch {
    return undefined; // a version versions.ts does not know: no validated Docker to compare with
  }
  if (m <= 13) return '18.06';
  if (m <= 16) return '18.09';
  if (m <= 19) return '19.03';
  if (m <= 23) return '20.10';
  return undefined;
}

/** dockershim (Docker without cri-dockerd) exists up to 1.23: versions.ts says Docker needs nothing else then. */
export function dockershimAvailable(kubernetesVersion: string): boolean {
  try {
    return !kubeadmFacts(kubernetesVersion).runtimes.docker.needs;
  } catch {
    return false; // beyond the table: a current release, without dockershim
  }
}
