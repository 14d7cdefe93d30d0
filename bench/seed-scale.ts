// Seeds N nodes and M kube-system pods (Running, via the status subresource) into a real kube-apiserver, in parallel.
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { BENCH_NODE_INFO, benchNodeName, benchNodeSpec, benchReady } from './objects.ts';

async function pool<T>(items: T[], limit: number, fn: (t: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

export async function seedScale(kubeconfig: string, nodes: number, pods: number): Promise<void> {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfig);
  const core = kc.makeApiClient(CoreV1Api);
  const now = new Date().toISOString() as never;
  const names = Array.from({ length: nodes }, (_, i) => benchNodeName(i));
  await pool([...names.entries()], 32, async ([i, name]) => {
    await core.createNode({
      body: {
        metadata: { name, labels: { 'kubernetes.io/hostname': name, ...(name === 'master' ? { 'node-role.kubernetes.io/control-plane': '' } : {}) } },
        spec: benchNodeSpec(i),
        status: {
          conditions: [benchReady(now)],
          nodeInfo: BENCH_NODE_INFO,
          addresses: [{ type: 'InternalIP', address: '192.0.2.1' }],
        },
      },
    });
  });
  await pool(
    Array.from({ length: pods }, (_, i) => i),
    32,
    async (i) => {
      const node = names[i % names.length]!;
      const name = `kube-proxy-${i}`;
      const p = await core.createNamespacedPod({
        namespace: 'kube-system',
        body: {
          metadata: { name, labels: { 'k8s-app': 'kube-proxy' } },
          spec: { nodeName: node, containers: [{ name: 'kube-proxy', image: 'harbor:443/k8s/kube-proxy:v1.29.2' }] },
        },
      });
      await core.replaceNamespacedPodStatus({
        name,
        namespace: 'kube-system',
        body: {
          ...p,
          status: {
            phase: 'Running',
            conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: now }],
            containerStatuses: [
              {
                name: 'kube-proxy',
                image: 'harbor:443/k8s/kube-proxy:v1.29.2',
                imageID: '',
                ready: true,
                restartCount: 0,
                state: { running: { startedAt: now } },
              },
            ],
          },
        },
      });
    },
  );
}
