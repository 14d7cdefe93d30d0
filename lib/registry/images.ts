// The images a cluster needs: what `kubeadm config images list --kubernetes-version X --image-repository R`
// prints — from lib/kubeadm/versions.ts, the one home of kubeadm's image table (per patch release, read from
// kubernetes/kubernetes at the tags) — plus the CNI's images.
import { kubeadmFacts } from '../kubeadm/versions.ts';

/** Calico's manifest install (000 (九)): calico/cni, calico/node, calico/kube-controllers at the same tag. */
export const CNI_IMAGES: Record<string, string[]> = {
  calico: ['cni', 'node', 'kube-controllers'],
  // flannel's kube-flannel.yml: the flannel image at the release tag (its flannel-cni-plugin init image has its own version)
  flannel: ['flannel'],
};

export interface RequiredImage {
  /** path inside the registry, e.g. k8s/kube-apiserver */
  repo: string;
  tag: string;
  /** full reference, e.g. harbor:443/k8s/kube-apiserver:v1.29.2 */
  ref: string;
  why: string;
}

function split(repository: string): { host: string; path: string } {
  const i = repository.indexOf('/');
  const first = i < 0 ? repository : repository.slice(0, i);
  if (i > 0 && /[.:]|^localhost$/.test(first)) return { host: first, path: repository.slice(i + 1) };
  return { host: '', path: repository };
}

export function requiredImages(p: {
  kubernetesVersion: string;
  imageRepository: string;
  cni?: { name: string; version: string; imageRepository: string; pluginVersion?: string };
}): RequiredImage[] {
  const facts = kubeadmFacts(p.kubernetesVersion);
  const minor = `1.${facts.minor}`;
  const why: Record<string, string> = { coredns: 'CoreDNS', pause: 'pause (sandbox image)', etcd: 'etcd' };
  const out: RequiredImage[] = facts.images(p.imageRepository).map((i) => {
    const { path } = split(i.ref.slice(0, i.ref.lastIndexOf(':')));
    return { repo: path, tag: i.tag, ref: i.ref, why: `kubeadm ${minor}: ${why[i.component] ?? 'control plane'}` };
  });
  if (p.cni) {
    const names = CNI_IMAGES[p.cni.name];
    if (names) {
      const c = split(p.cni.imageRepository);
      for (const n of names) {
        const repo = c.path ? `${c.path}/${n}` : n;
        out.push({ repo, tag: p.cni.version, ref: `${c.host ? `${c.host}/` : ''}${repo}:${p.cni.version}`, why: `${p.cni.name} ${p.cni.version}` });
      }
      // kube-flannel.yml's install-cni-plugin init container: its own image and version
      if (p.cni.name === 'flannel' && p.cni.pluginVersion) {
        const repo = c.path ? `${c.path}/flannel-cni-plugin` : 'flannel-cni-plugin';
        out.push({
          repo,
          tag: p.cni.pluginVersion,
          ref: `${c.host ? `${c.host}/` : ''}${repo}:${p.cni.pluginVersion}`,
          why: `flannel ${p.cni.version}: its CNI plugin's init image`,
        });
      }
    }
  }
  return out;
}
