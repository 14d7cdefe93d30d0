// The post-install side of "gather once": one API snapshot per run (and the opt-in DATAPLANE test).
import type { InventoryHost } from '../config/inventory.ts';
import type { Profile } from '../config/profile.ts';
import { ConfigError } from '../config/errors.ts';
import { kubeadmFacts } from '../kubeadm/versions.ts';
import { loadKubeconfig, resolveKubeconfig, takeSnapshot, type ClusterExtra } from './snapshot.ts';

export interface GatherClusterOptions {
  kubeconfig?: string;
  profile: Profile;
  inventory: InventoryHost[];
  dataplane: boolean;
  dataplaneImage?: string;
  signal?: AbortSignal;
}

/** Reads the kubeconfig (a usage error, exit 2, when it is missing or malformed). */
export function prepareCluster(o: { kubeconfig?: string }) {
  const file = resolveKubeconfig(o.kubeconfig);
  return { file, kc: loadKubeconfig(file) };
}

export async function gatherCluster(o: GatherClusterOptions & { kc?: ReturnType<typeof loadKubeconfig> }): Promise<ClusterExtra> {
  let kc = o.kc;
  try {
    kc ??= prepareCluster(o).kc;
  } catch (e) {
    if (e instanceof ConfigError) return { error: e.message };
    throw e;
  }
  const snapshot = await takeSnapshot(kc, { kubeletConfigMap: kubeletConfigMapOf(o.profile.kubernetesVersion) });
  const out: ClusterExtra = { snapshot };
  if (o.dataplane && !snapshot.health.error) {
    const { runDataplane } = await import('./dataplane.ts');
    const nodeIPs = snapshot.nodes.ok
      ? snapshot.nodes.items.map((n) => n.addresses.find((a) => a.type === 'InternalIP')?.address).filter((x): x is string => !!x)
      : [];
    out.dataplane = await runDataplane(kc, {
      image: o.dataplaneImage ?? `${o.profile.imageRepository.split('/')[0]}/library/busybox:1.36`,
      nodeIPs,
      signal: o.signal,
      timeoutMs: Number(process.env.KV_DATAPLANE_TIMEOUT_SECONDS ?? 120) * 1000,
    });
  }
  return out;
}

/** The kubelet ConfigMap's name for the profile's version (kubelet-config-1.X up to 1.23); an unknown version reads kubelet-config. */
function kubeletConfigMapOf(v: string): string {
  try {
    return kubeadmFacts(v).kubeletConfigMap;
  } catch {
    return 'kubelet-config';
  }
}
