// What a benchmark node looks like, for the fake API (bench/fake-api.ts) and the seeding of a real one
// (bench/seed-scale.ts): the same names, taints and nodeInfo in both.
export const benchNodeName = (i: number) => (i === 0 ? 'master' : `node-${String(i).padStart(5, '0')}`);

/** the control plane (index 0) carries kubeadm's taint */
export const benchNodeSpec = (i: number) => (i === 0 ? { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] } : {});

export const BENCH_NODE_INFO = {
  kubeletVersion: 'v1.29.2',
  kubeProxyVersion: 'v1.29.2',
  containerRuntimeVersion: 'containerd://1.6.28',
  operatingSystem: 'linux',
  architecture: 'amd64',
  osImage: 'Rocky Linux 8.6',
  kernelVersion: '4.18.0',
  machineID: '',
  systemUUID: '',
  bootID: '',
};

/** a Ready condition as the kubelet posts it */
export const benchReady = <T>(t: T) => ({
  type: 'Ready',
  status: 'True',
  reason: 'KubeletReady',
  message: 'kubelet is posting ready status',
  lastHeartbeatTime: t,
  lastTransitionTime: t,
});
