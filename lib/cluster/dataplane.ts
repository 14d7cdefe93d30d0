// DATAPLANE (opt-in, --dataplane): the only check that writes to the cluster. It creates a namespace with a
// 2-replica Deployment spread across nodes, a ClusterIP and a NodePort Service, then a client pod that tests
// pod-to-pod across nodes, the ClusterIP, the NodePort on every node and DNS, and prints one line per probe.
// Everything is removed afterwards, also on failure or interrupt (the namespace is deleted in `finally`).
import { AppsV1Api, CoreV1Api, type KubeConfig } from '@kubernetes/client-node';

export interface DataplaneResult {
  ran: boolean;
  ok: boolean;
  probes: { name: string; ok: boolean; detail: string }[];
  error?: string;
  namespace: string;
  cleanedUp: boolean;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runDataplane(
  kc: KubeConfig,
  o: { image: string; nodeIPs: string[]; timeoutMs?: number; signal?: AbortSignal },
): Promise<DataplaneResult> {
  const core = kc.makeApiClient(CoreV1Api);
  const apps = kc.makeApiClient(AppsV1Api);
  const ns = `kv-dataplane-${Math.random().toString(36).slice(2, 8)}`;
  const res: DataplaneResult = { ran: true, ok: false, probes: [], namespace: ns, cleanedUp: false };
  const deadline = Date.now() + (o.timeoutMs ?? 120_000);
  const labels = { app: 'kv-dataplane' };
  try {
    await core.createNamespace({ body: { metadata: { name: ns, labels: { 'app.kubernetes.io/managed-by': 'kubeadm-verify' } } } });
    await apps.createNamespacedDeployment({
      namespace: ns,
      body: {
        metadata: { name: 'echo' },
        spec: {
          replicas: 2,
          selector: { matchLabels: labels },
          template: {
            metadata: { labels },
            spec: {
              affinity: {
                podAntiAffinity: {
                  requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: labels }, topologyKey: 'kubernetes.io/hostname' }],
                },
              },
              containers: [
                {
                  name: 'echo',
                  image: o.image,
                  command: ['sh', '-c', 'mkdir -p /www && hostname > /www/index.html && exec httpd -f -p 8080 -h /www'],
                  ports: [{ containerPort: 8080 }],
                },
              ],
            },
          },
        },
      },
    });
    await core.createNamespacedService({
      namespace: ns,
      body: { metadata: { name: 'echo' }, spec: { selector: labels, ports: [{ port: 80, targetPort: 8080 }] } },
    });
    const np = await core.createNamespacedService({
      namespace: ns,
      body: { metadata: { name: 'echo-np' }, spec: { type: 'NodePort', selector: labels, ports: [{ port: 80, targetPort: 8080 }] } },
    });
    const nodePort = np.spec?.ports?.[0]?.nodePort;
    let podIPs: string[] = [];
    while (Date.now() < deadline) {
      if (o.signal?.aborted) throw new Error('interrupted');
      const pods = await core.listNamespacedPod({ namespace: ns, labelSelector: 'app=kv-dataplane' });
      const ready = pods.items.filter((p) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));
      if (ready.length >= 2 && new Set(ready.map((p) => p.spec?.nodeName)).size >= 2) {
        podIPs = ready.map((p) => p.status!.podIP!).filter(Boolean);
        break;
      }
      await sleep(2000);
    }
    if (podIPs.length < 2)
      throw new Error(
        `the 2 test pods were not Ready on 2 different nodes within ${Math.round((o.timeoutMs ?? 120_000) / 1000)} s (image ${o.image}: pullable from this cluster?)`,
      );
    const targets = [...podIPs.map((ip) => `pod ${ip}:8080`), 'clusterip echo:80', ...o.nodeIPs.map((ip) => `nodeport ${ip}:${nodePort}`)];
    const script = [
      ...podIPs.map((ip) => `wget -q -T 5 -O- http://${ip}:8080/ >/dev/null && echo "OK pod ${ip}" || echo "FAIL pod ${ip}"`),
      `wget -q -T 5 -O- http://echo.${ns}.svc.cluster.local/ >/dev/null && echo "OK clusterip+dns echo.${ns}" || echo "FAIL clusterip+dns echo.${ns}"`,
      ...o.nodeIPs.map(
        (ip) => `wget -q -T 5 -O- http://${ip}:${nodePort}/ >/dev/null && echo "OK nodeport ${ip}:${nodePort}" || echo "FAIL nodeport ${ip}:${nodePort}"`,
      ),
    ].join('\n');
    await core.createNamespacedPod({
      namespace: ns,
      body: { metadata: { name: 'client' }, spec: { restartPolicy: 'Never', containers: [{ name: 'client', image: o.image, command: ['sh', '-c', script] }] } },
    });
    while (Date.now() < deadline) {
      const p = await core.readNamespacedPod({ name: 'client', namespace: ns });
      if (p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed') break;
      await sleep(2000);
    }
    const log = await core.readNamespacedPodLog({ name: 'client', namespace: ns });
    for (const line of String(log).split('\n').filter(Boolean)) {
      const m = /^(OK|FAIL) (.*)$/.exec(line);
      if (m) res.probes.push({ name: m[2]!, ok: m[1] === 'OK', detail: line });
    }
    if (res.probes.length < targets.length - 1) throw new Error(`the client pod reported ${res.probes.length} of ${targets.length} probes`);
    res.ok = res.probes.every((p) => p.ok);
  } catch (e) {
    res.error = (e as Error).message;
  } finally {
    try {
      await core.deleteNamespace({ name: ns, body: { propagationPolicy: 'Background', gracePeriodSeconds: 0 } });
      res.cleanedUp = true;
    } catch (e) {
      res.error = `${res.error ? `${res.error}; ` : ''}cleanup failed: delete namespace ${ns} by hand (${(e as Error).message})`;
    }
  }
  return res;
}
