// Seeds cluster states into a REAL kube-apiserver through its API. What cannot run here (kubelets, kube-proxy
// in ipvs mode, Calico, CoreDNS) is represented by the objects and status those components would write:
// Nodes with status, pods with Running status (status subresource), DaemonSets/Deployments with status,
// the ConfigMaps exactly as kubeadm writes them, bootstrap-token Secrets, Calico's IPPool CRD.
import { AppsV1Api, ApiextensionsV1Api, CoreV1Api, CustomObjectsApi, KubeConfig, type V1Pod } from '@kubernetes/client-node';
import { stringify } from 'yaml';

export interface SeedOptions {
  nodes: { name: string; controlPlane?: boolean; ip: string }[];
  /** per-state deviations from the reference cluster */
  broken?: {
    notReady?: string;
    kubeletVersion?: Record<string, string>;
    crashLoop?: string; // node whose coredns pod is in CrashLoopBackOff
    imagePull?: string; // node whose kube-proxy pod is in ImagePullBackOff
    calicoUnready?: string;
    proxyMode?: string;
    strictARP?: boolean;
    podSubnet?: string;
    tokenNoExpiry?: boolean;
  };
}

const K = 'v1.29.2';
const REPO = 'harbor:443/k8s';
const CALICO = 'harbor:443/calico';

export function kubeadmConfigMap(podSubnet: string): Record<string, string> {
  return {
    ClusterConfiguration: stringify({
      apiServer: { extraArgs: { 'authorization-mode': 'Node,RBAC' }, timeoutForControlPlane: '4m0s' },
      apiVersion: 'kubeadm.k8s.io/v1beta3',
      certificatesDir: '/etc/kubernetes/pki',
      clusterName: 'kubernetes',
      controllerManager: {},
      dns: {},
      etcd: { local: { dataDir: '/var/lib/etcd' } },
      imageRepository: REPO,
      kind: 'ClusterConfiguration',
      kubernetesVersion: K,
      networking: { dnsDomain: 'cluster.local', podSubnet, serviceSubnet: '10.245.0.0/16' },
      scheduler: {},
    }),
  };
}

export function kubeProxyConfigMap(mode: string, strictARP: boolean): Record<string, string> {
  return {
    'config.conf': stringify({
      apiVersion: 'kubeproxy.config.k8s.io/v1alpha1',
      bindAddress: '0.0.0.0',
      clientConnection: { kubeconfig: '/var/lib/kube-proxy/kubeconfig.conf' },
      clusterCIDR: '10.244.0.0/16',
      ipvs: { excludeCIDRs: null, minSyncPeriod: '0s', scheduler: '', strictARP, syncPeriod: '0s' },
      kind: 'KubeProxyConfiguration',
      mode,
    }),
    'kubeconfig.conf':
      'apiVersion: v1\nkind: Config\nclusters:\n- cluster:\n    certificate-authority: /var/run/secrets/kubernetes.io/serviceaccount/ca.crt\n    server: https://192.168.88.4:6443\n  name: default\n',
  };
}

async function ensure<T>(create: () => Promise<T>): Promise<T | undefined> {
  try {
    return await create();
  } catch (e) {
    if ((e as { code?: number }).code === 409) return undefined;
    throw e;
  }
}

export async function seedCluster(kubeconfigPath: string, o: SeedOptions): Promise<void> {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfigPath);
  const core = kc.makeApiClient(CoreV1Api);
  const apps = kc.makeApiClient(AppsV1Api);
  const b = o.broken ?? {};
  const now = new Date().toISOString();
  for (const n of o.nodes) {
    const ready = b.notReady !== n.name;
    await core.createNode({
      body: {
        metadata: {
          name: n.name,
          labels: { 'kubernetes.io/hostname': n.name, 'kubernetes.io/os': 'linux', ...(n.controlPlane ? { 'node-role.kubernetes.io/control-plane': '' } : {}) },
        },
        spec: n.controlPlane ? { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] } : {},
        status: {
          conditions: [
            {
              type: 'MemoryPressure',
              status: 'False',
              reason: 'KubeletHasSufficientMemory',
              lastHeartbeatTime: now as never,
              lastTransitionTime: now as never,
            },
            { type: 'DiskPressure', status: 'False', reason: 'KubeletHasNoDiskPressure', lastHeartbeatTime: now as never, lastTransitionTime: now as never },
            { type: 'PIDPressure', status: 'False', reason: 'KubeletHasSufficientPID', lastHeartbeatTime: now as never, lastTransitionTime: now as never },
            ready
              ? {
                  type: 'Ready',
                  status: 'True',
                  reason: 'KubeletReady',
                  message: 'kubelet is posting ready status',
                  lastHeartbeatTime: now as never,
                  lastTransitionTime: now as never,
                }
              : {
                  type: 'Ready',
                  status: 'False',
                  reason: 'KubeletNotReady',
                  message:
                    'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized',
                  lastHeartbeatTime: now as never,
                  lastTransitionTime: now as never,
                },
          ],
          addresses: [
            { type: 'InternalIP', address: n.ip },
            { type: 'Hostname', address: n.name },
          ],
          nodeInfo: {
            kubeletVersion: b.kubeletVersion?.[n.name] ?? K,
            kubeProxyVersion: K,
            containerRuntimeVersion: 'containerd://1.6.28',
            operatingSystem: 'linux',
            architecture: 'amd64',
            osImage: 'Rocky Linux 8.6 (Green Obsidian)',
            kernelVersion: '4.18.0-372.9.1.el8.x86_64',
            machineID: '',
            systemUUID: '',
            bootID: '',
          },
          capacity: { cpu: '2', memory: '3880192Ki', pods: '110' },
          allocatable: { cpu: '2', memory: '3777792Ki', pods: '110' },
        },
      },
    });
  }
  const pods: {
    name: string;
    node: string;
    image: string;
    labels?: Record<string, string>;
    state?: 'running' | 'crash' | 'pull' | 'unready';
    annotations?: Record<string, string>;
  }[] = [];
  const cp = o.nodes.find((n) => n.controlPlane)!;
  for (const c of ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler'])
    pods.push({
      name: `${c}-${cp.name}`,
      node: cp.name,
      image: `${REPO}/${c}:${K}`,
      labels: { component: c, tier: 'control-plane' },
      annotations: c === 'kube-apiserver' ? { 'kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint': `${cp.ip}:6443` } : undefined,
    });
  pods.push({ name: `etcd-${cp.name}`, node: cp.name, image: `${REPO}/etcd:3.5.10-0`, labels: { component: 'etcd', tier: 'control-plane' } });
  o.nodes.forEach((n, i) => {
    pods.push({
      name: `kube-proxy-${i}x${n.name.length}`,
      node: n.name,
      image: `${REPO}/kube-proxy:${K}`,
      labels: { 'k8s-app': 'kube-proxy' },
      state: b.imagePull === n.name ? 'pull' : 'running',
    });
    pods.push({
      name: `calico-node-${i}c${n.name.length}`,
      node: n.name,
      image: `${CALICO}/node:v3.26.4`,
      labels: { 'k8s-app': 'calico-node' },
      state: b.calicoUnready === n.name ? 'unready' : 'running',
    });
  });
  const workers = o.nodes.filter((n) => !n.controlPlane);
  pods.push({
    name: 'calico-kube-controllers-7ddc4f45bc-x9k2m',
    node: workers[0]!.name,
    image: `${CALICO}/kube-controllers:v3.26.4`,
    labels: { 'k8s-app': 'calico-kube-controllers' },
  });
  workers.slice(0, 2).forEach((w, i) =>
    pods.push({
      name: `coredns-76f75df574-${i}q`,
      node: w.name,
      image: `${REPO}/coredns:v1.11.1`,
      labels: { 'k8s-app': 'kube-dns' },
      state: b.crashLoop === w.name ? 'crash' : 'running',
    }),
  );
  if (b.crashLoop && !workers.slice(0, 2).some((w) => w.name === b.crashLoop))
    pods.push({ name: 'coredns-76f75df574-zz', node: b.crashLoop, image: `${REPO}/coredns:v1.11.1`, labels: { 'k8s-app': 'kube-dns' }, state: 'crash' });
  for (const p of pods) {
    const created = await core.createNamespacedPod({
      namespace: 'kube-system',
      body: {
        metadata: { name: p.name, labels: p.labels, annotations: p.annotations },
        spec: { nodeName: p.node, containers: [{ name: p.labels?.component ?? p.labels?.['k8s-app'] ?? 'c', image: p.image }] },
      },
    });
    const st = p.state ?? 'running';
    const cname = created.spec!.containers[0]!.name;
    const running = st === 'running';
    const status: V1Pod['status'] = {
      phase: st === 'pull' ? 'Pending' : 'Running',
      hostIP: o.nodes.find((n) => n.name === p.node)!.ip,
      podIP: `10.244.${o.nodes.findIndex((n) => n.name === p.node)}.${pods.indexOf(p) + 2}`,
      startTime: now as never,
      conditions: [
        { type: 'Initialized', status: 'True', lastTransitionTime: now as never },
        { type: 'Ready', status: running ? 'True' : 'False', lastTransitionTime: now as never },
        { type: 'ContainersReady', status: running ? 'True' : 'False', lastTransitionTime: now as never },
        { type: 'PodScheduled', status: 'True', lastTransitionTime: now as never },
      ],
      containerStatuses: [
        st === 'crash'
          ? {
              name: cname,
              image: p.image,
              imageID: '',
              ready: false,
              restartCount: 17,
              state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 5m0s restarting failed container' } },
              lastState: { terminated: { exitCode: 1, reason: 'Error', startedAt: now as never, finishedAt: now as never } },
            }
          : st === 'pull'
            ? {
                name: cname,
                image: p.image,
                imageID: '',
                ready: false,
                restartCount: 0,
                state: { waiting: { reason: 'ImagePullBackOff', message: `Back-off pulling image "${p.image}"` } },
              }
            : {
                name: cname,
                image: p.image,
                imageID: '',
                ready: running,
                restartCount: st === 'unready' ? 3 : 0,
                started: true,
                state: { running: { startedAt: now as never } },
              },
      ],
    };
    await core.replaceNamespacedPodStatus({ name: p.name, namespace: 'kube-system', body: { ...created, status } });
    if (st === 'crash' || st === 'pull') {
      await core.createNamespacedEvent({
        namespace: 'kube-system',
        body: {
          metadata: { name: `${p.name}.kv` },
          involvedObject: { kind: 'Pod', name: p.name, namespace: 'kube-system' },
          reason: st === 'crash' ? 'BackOff' : 'Failed',
          message: st === 'crash' ? 'Back-off restarting failed container' : `Failed to pull image "${p.image}": rpc error: code = NotFound`,
          type: 'Warning',
          count: 12,
          firstTimestamp: now as never,
          lastTimestamp: now as never,
          source: { component: 'kubelet', host: p.node },
        },
      });
    }
  }
  const n = o.nodes.length;
  const ds = async (name: string, image: string, ready: number) => {
    const d = await apps.createNamespacedDaemonSet({
      namespace: 'kube-system',
      body: {
        metadata: { name },
        spec: {
          selector: { matchLabels: { 'k8s-app': name } },
          template: { metadata: { labels: { 'k8s-app': name } }, spec: { containers: [{ name, image }] } },
        },
      },
    });
    await apps.replaceNamespacedDaemonSetStatus({
      name,
      namespace: 'kube-system',
      body: {
        ...d,
        status: {
          currentNumberScheduled: n,
          desiredNumberScheduled: n,
          numberMisscheduled: 0,
          numberReady: ready,
          numberAvailable: ready,
          updatedNumberScheduled: n,
          observedGeneration: d.metadata!.generation,
        },
      },
    });
  };
  await ds('calico-node', `${CALICO}/node:v3.26.4`, b.calicoUnready ? n - 1 : n);
  await ds('kube-proxy', `${REPO}/kube-proxy:${K}`, b.imagePull ? n - 1 : n);
  const dep = async (name: string, image: string, replicas: number, available: number) => {
    const d = await apps.createNamespacedDeployment({
      namespace: 'kube-system',
      body: {
        metadata: { name },
        spec: {
          replicas,
          selector: { matchLabels: { 'k8s-app': name } },
          template: { metadata: { labels: { 'k8s-app': name } }, spec: { containers: [{ name, image }] } },
        },
      },
    });
    await apps.replaceNamespacedDeploymentStatus({
      name,
      namespace: 'kube-system',
      body: {
        ...d,
        status: { replicas, readyReplicas: available, availableReplicas: available, updatedReplicas: replicas, observedGeneration: d.metadata!.generation },
      },
    });
  };
  await dep('calico-kube-controllers', `${CALICO}/kube-controllers:v3.26.4`, 1, 1);
  await dep('coredns', `${REPO}/coredns:v1.11.1`, 2, b.crashLoop ? 1 : 2);
  await core.createNamespacedConfigMap({
    namespace: 'kube-system',
    body: { metadata: { name: 'kube-proxy' }, data: kubeProxyConfigMap(b.proxyMode ?? 'ipvs', b.strictARP ?? true) },
  });
  await core.createNamespacedConfigMap({
    namespace: 'kube-system',
    body: { metadata: { name: 'kubeadm-config' }, data: kubeadmConfigMap(b.podSubnet ?? '10.244.0.0/16') },
  });
  await core.createNamespacedConfigMap({
    namespace: 'kube-system',
    body: {
      metadata: { name: 'kubelet-config' },
      data: {
        kubelet: stringify({
          apiVersion: 'kubelet.config.k8s.io/v1beta1',
          kind: 'KubeletConfiguration',
          cgroupDriver: 'systemd',
          clusterDNS: ['10.245.0.10'],
          clusterDomain: 'cluster.local',
          rotateCertificates: true,
        }),
      },
    },
  });
  await core.createNamespacedService({
    namespace: 'kube-system',
    body: {
      metadata: { name: 'kube-dns', labels: { 'k8s-app': 'kube-dns' } },
      spec: {
        clusterIP: '10.245.0.10',
        selector: { 'k8s-app': 'kube-dns' },
        ports: [
          { name: 'dns', port: 53, protocol: 'UDP' },
          { name: 'dns-tcp', port: 53, protocol: 'TCP' },
        ],
      },
    },
  });
  await core.createNamespacedEndpoints({
    namespace: 'kube-system',
    body: {
      metadata: { name: 'kube-dns' },
      subsets: [{ addresses: [{ ip: '10.244.1.2' }, ...(b.crashLoop ? [] : [{ ip: '10.244.2.2' }])], ports: [{ name: 'dns', port: 53, protocol: 'UDP' }] }],
    },
  });
  const enc = (s: string) => Buffer.from(s).toString('base64');
  await core.createNamespacedSecret({
    namespace: 'kube-system',
    body: {
      metadata: { name: 'bootstrap-token-abcdef' },
      type: 'bootstrap.kubernetes.io/token',
      data: {
        'token-id': enc('abcdef'),
        'token-secret': enc('0123456789abcdef'),
        expiration: enc(new Date(Date.now() + 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z')),
        'usage-bootstrap-authentication': enc('true'),
        'usage-bootstrap-signing': enc('true'),
        'auth-extra-groups': enc('system:bootstrappers:kubeadm:default-node-token'),
      },
    },
  });
  if (b.tokenNoExpiry) {
    await core.createNamespacedSecret({
      namespace: 'kube-system',
      body: {
        metadata: { name: 'bootstrap-token-forevr' },
        type: 'bootstrap.kubernetes.io/token',
        data: {
          'token-id': enc('forevr'),
          'token-secret': enc('fedcba9876543210'),
          'usage-bootstrap-authentication': enc('true'),
          'usage-bootstrap-signing': enc('true'),
        },
      },
    });
  }
  // Calico's IPPool CRD and the default pool (what the Calico manifest creates)
  const ext = kc.makeApiClient(ApiextensionsV1Api);
  await ensure(() =>
    ext.createCustomResourceDefinition({
      body: {
        metadata: { name: 'ippools.crd.projectcalico.org' },
        spec: {
          group: 'crd.projectcalico.org',
          names: { kind: 'IPPool', listKind: 'IPPoolList', plural: 'ippools', singular: 'ippool' },
          scope: 'Cluster',
          versions: [
            {
              name: 'v1',
              served: true,
              storage: true,
              schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', x_kubernetes_preserve_unknown_fields: true } } } },
            },
          ],
        },
      },
    }),
  );
  const custom = kc.makeApiClient(CustomObjectsApi);
  for (let i = 0; i < 50; i++) {
    try {
      await custom.createClusterCustomObject({
        group: 'crd.projectcalico.org',
        version: 'v1',
        plural: 'ippools',
        body: {
          apiVersion: 'crd.projectcalico.org/v1',
          kind: 'IPPool',
          metadata: { name: 'default-ipv4-ippool' },
          spec: { cidr: '10.244.0.0/16', ipipMode: 'Always', natOutgoing: true, nodeSelector: 'all()' },
        },
      });
      break;
    } catch (e) {
      if ((e as { code?: number }).code === 409) break;
      await new Promise((r) => setTimeout(r, 200)); // the CRD is not established yet
    }
  }
}
