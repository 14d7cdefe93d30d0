// The kubelet's configuration files and drop-ins (read by HOST-CGROUP-DRIVER, and by `modules` for modprobe lines): the `kubelet` section.
import { fact, okFiles, type FactModule } from './fact.ts';
import type { HostFacts } from '../probe/facts.ts';

export const kubeletFact: FactModule<{ kubelet: HostFacts['kubelet'] }> = {
  steps: [
    {
      section: 'kubelet',
      fn: 's_kubelet',
      sh: String.raw`s_kubelet() { fil /var/lib/kubelet/config.yaml /etc/sysconfig/kubelet /etc/default/kubelet /usr/lib/systemd/system/kubelet.service.d/*.conf /lib/systemd/system/kubelet.service.d/*.conf /etc/systemd/system/kubelet.service.d/*.conf /etc/systemd/system/snap.kubelet.daemon.service.d/*.conf /var/lib/kubelet/kubeadm-flags.env; }`,
    },
  ],
  reads: ['kubelet'],
  build: (x) => {
    const { S } = x;
    return {
      kubelet: fact(S, 'kubelet', (s) => ({ files: okFiles(s).map((f) => ({ path: f.path, content: f.content })) })),
    };
  },
};
