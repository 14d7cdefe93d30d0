// The images a cluster needs, per Kubernetes minor: what `kubeadm config images list --kubernetes-version X`
// prints (kubeadm's cmd/kubeadm/app/constants/constants.go: CoreDNSVersion, PauseVersion, and the
// SupportedEtcdVersion map for the minor), plus the CNI's images. Check a new version with
// `kubeadm config images list --kubernetes-version <v> --image-repository harbor:443/k8s` and add a row.
export interface ImageSet {
  coredns: string;
  pause: string;
  etcd: string;
}

export const KUBEADM_IMAGES: Record<string, ImageSet> = {
  '1.28': { coredns: 'v1.10.1', pause: '3.9', etcd: '3.5.9-0' },
  '1.29': { coredns: 'v1.11.1', pause: '3.9', etcd: '3.5.10-0' },
  '1.30': { coredns: 'v1.11.1', pause: '3.9', etcd: '3.5.12-0' },
  '1.31': { coredns: 'v1.11.3', pause: '3.10', etcd: '3.5.15-0' },
};

/** Calico's manifest install (000 (九)): calico/cni, calico/node, calico/kube-controllers at the same tag. */
export const CNI_IMAGES: Record<string, string[]> = {
  calico: ['cni', 'node', 'kube-controllers'],
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

export function requiredImages(p: { kubernetesVersion: string; imageRepository: string; cni?: { name: string; version: string; imageRepository: string } }): RequiredImage[] {
  const v = p.kubernetesVersion.replace(/^v/, '');
  const minor = v.split('.').slice(0, 2).join('.');
  const set = KUBEADM_IMAGES[minor];
  if (!set) throw new Error(`no image list for Kubernetes ${v}: known minors are ${Object.keys(KUBEADM_IMAGES).join(', ')} (lib/registry/images.ts)`);
  const { host, path } = split(p.imageRepository);
  const img = (name: string, tag: string, why: string): RequiredImage => {
    const repo = path ? `${path}/${name}` : name;
    return { repo, tag, ref: `${host ? `${host}/` : ''}${repo}:${tag}`, why };
  };
  // kubeadm keeps the coredns/coredns sub-path only for its default registry (registry.k8s.io).
  const coredns = p.imageRepository === 'registry.k8s.io' ? 'coredns/coredns' : 'coredns';
  const out = [
    ...['kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kube-proxy'].map((n) => img(n, `v${v}`, `kubeadm ${minor}: control plane`)),
    img(coredns, set.coredns, `kubeadm ${minor}: CoreDNS`),
    img('pause', set.pause, `kubeadm ${minor}: pause (sandbox image)`),
    img('etcd', set.etcd, `kubeadm ${minor}: etcd`),
  ];
  if (p.cni) {
    const names = CNI_IMAGES[p.cni.name];
    if (names) {
      const c = split(p.cni.imageRepository);
      for (const n of names) {
        const repo = c.path ? `${c.path}/${n}` : n;
        out.push({ repo, tag: p.cni.version, ref: `${c.host ? `${c.host}/` : ''}${repo}:${p.cni.version}`, why: `${p.cni.name} ${p.cni.version}` });
      }
    }
  }
  return out;
}
