// takeSnapshot reads Nodes and Pods as plain JSON pages (not through the client's models) and projects each object
// as it arrives: paging, the projection and an API refusal are checked here against an HTTPS stand-in API.
// Stand-ins: bench/fake-api.ts (a stand-in kube-apiserver on loopback: the list endpoints, paginated, everything else 404).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeApi, type FakeApi } from '../../bench/fake-api.ts';
import { loadKubeconfig, takeSnapshot } from '../../lib/cluster/snapshot.ts';

let api: FakeApi;
let refusing: FakeApi;
beforeAll(async () => {
  api = await startFakeApi({ nodes: 3, pods: 1201 });
  refusing = await startFakeApi({ nodes: 2, pods: 5, forbid: ['/api/v1/namespaces/kube-system/pods'] });
});
afterAll(async () => {
  await api?.close();
  await refusing?.close();
});

describe('takeSnapshot: Nodes and Pods', () => {
  it('every page is read (1,201 pods = 3 pages of 500) and every object projected to the declared fields', async () => {
    const before = api.requests();
    const s = await takeSnapshot(loadKubeconfig(api.kubeconfig));
    expect(s.health.error).toBeUndefined();
    if (!s.nodes.ok || !s.pods.ok) throw new Error(`lists failed: ${JSON.stringify([s.nodes, s.pods])}`);
    expect(s.nodes.items.map((n) => n.name)).toEqual(['master', 'node-00001', 'node-00002']);
    expect(s.pods.items).toHaveLength(1201);
    expect(new Set(s.pods.items.map((p) => p.name)).size).toBe(1201);
    // the master keeps its role label and InternalIP only; the hostname/os/arch labels and the Hostname address go
    expect(s.nodes.items[0]).toEqual({
      name: 'master',
      labels: { 'node-role.kubernetes.io/control-plane': '' },
      taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }],
      conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' }],
      kubeletVersion: 'v1.29.2',
      addresses: [{ type: 'InternalIP', address: '10.0.0.1' }],
    });
    expect(s.pods.items[1]).toEqual({
      namespace: 'kube-system',
      name: 'kube-proxy-1',
      nodeName: 'node-00001',
      phase: 'Running',
      ready: true,
      labels: { 'k8s-app': 'kube-proxy' },
      images: ['harbor:443/k8s/kube-proxy:v1.29.2'],
      containers: [{ name: 'kube-proxy', image: 'harbor:443/k8s/kube-proxy:v1.29.2', ready: true, restartCount: 0, state: 'running' }],
    });
    // pods of kube-system: 3 pages; nodes: 1; the optional namespaces: 1 each
    expect(api.requests() - before).toBeGreaterThanOrEqual(3 + 1 + 2);
  });

  it("a refused list is an error with the status and the API's message, not an empty list", async () => {
    const s = await takeSnapshot(loadKubeconfig(refusing.kubeconfig));
    expect(s.nodes.ok).toBe(true);
    expect(s.pods).toEqual({
      ok: false,
      status: 403,
      error: 'HTTP 403 Forbidden: pods is forbidden: User "viewer" cannot list resource "pods" in API group "" in the namespace "kube-system"',
    });
  });
});
