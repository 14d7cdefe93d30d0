// A stand-in kube-apiserver for the memory benchmark: HTTPS, the list endpoints the post-install snapshot reads,
// paginated like the real one (limit / continue), serving N nodes and M kube-proxy pods shaped as a real API
// returns them (metadata with managedFields, spec, status) — what bench/seed-scale.ts writes into a real
// kube-apiserver, without the hour seeding 50,000 pods takes on a loaded 2-core machine. Everything else is 404.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BENCH_NODE_INFO, benchNodeName as nodeName, benchNodeSpec, benchReady } from './objects.ts';

export interface FakeApi {
  kubeconfig: string;
  requests: () => number;
  close: () => Promise<void>;
}

const T = '2026-12-01T10:00:00Z';

function node(i: number) {
  const name = nodeName(i);
  return {
    metadata: {
      name,
      uid: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      resourceVersion: String(1000 + i),
      creationTimestamp: T,
      labels: {
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        ...(i === 0 ? { 'node-role.kubernetes.io/control-plane': '' } : {}),
      },
      managedFields: [
        {
          manager: 'kubelet',
          operation: 'Update',
          apiVersion: 'v1',
          time: T,
          fieldsType: 'FieldsV1',
          fieldsV1: {
            'f:metadata': { 'f:labels': { '.': {}, 'f:kubernetes.io/hostname': {} } },
            'f:status': { 'f:conditions': { 'k:{"type":"Ready"}': { '.': {}, 'f:lastHeartbeatTime': {}, 'f:status': {}, 'f:type': {} } } },
          },
        },
      ],
    },
    spec: benchNodeSpec(i),
    status: {
      conditions: [benchReady(T)],
      nodeInfo: BENCH_NODE_INFO,
      addresses: [
        { type: 'InternalIP', address: `10.${(i >> 8) & 255}.${i & 255}.1` },
        { type: 'Hostname', address: name },
      ],
    },
  };
}

function pod(i: number, nodes: number) {
  const name = `kube-proxy-${i}`;
  const image = 'harbor:443/k8s/kube-proxy:v1.29.2';
  return {
    metadata: {
      name,
      namespace: 'kube-system',
      uid: `10000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      resourceVersion: String(100000 + i),
      creationTimestamp: T,
      labels: { 'k8s-app': 'kube-proxy' },
      managedFields: [
        {
          manager: 'seed',
          operation: 'Update',
          apiVersion: 'v1',
          time: T,
          fieldsType: 'FieldsV1',
          fieldsV1: {
            'f:metadata': { 'f:labels': { '.': {}, 'f:k8s-app': {} } },
            'f:spec': { 'f:containers': { 'k:{"name":"kube-proxy"}': { '.': {}, 'f:image': {}, 'f:name': {} } }, 'f:nodeName': {} },
          },
        },
        {
          manager: 'seed',
          operation: 'Update',
          apiVersion: 'v1',
          time: T,
          fieldsType: 'FieldsV1',
          subresource: 'status',
          fieldsV1: { 'f:status': { 'f:conditions': {}, 'f:containerStatuses': {}, 'f:phase': {} } },
        },
      ],
    },
    spec: {
      nodeName: nodeName(i % nodes),
      containers: [
        {
          name: 'kube-proxy',
          image,
          resources: {},
          terminationMessagePath: '/dev/termination-log',
          terminationMessagePolicy: 'File',
          imagePullPolicy: 'IfNotPresent',
        },
      ],
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
      dnsPolicy: 'ClusterFirst',
      securityContext: {},
      schedulerName: 'default-scheduler',
      tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }],
      priority: 0,
      enableServiceLinks: true,
      preemptionPolicy: 'PreemptLowerPriority',
    },
    status: {
      phase: 'Running',
      conditions: [{ type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: T }],
      qosClass: 'BestEffort',
      containerStatuses: [
        { name: 'kube-proxy', image, imageID: '', ready: true, restartCount: 0, started: true, state: { running: { startedAt: T } }, lastState: {} },
      ],
    },
  };
}

/** forbid: paths answered 403 Forbidden with a Status, as an RBAC-limited user gets them */
export async function startFakeApi(o: { nodes: number; pods: number; forbid?: string[] }): Promise<FakeApi> {
  const dir = mkdtempSync(join(tmpdir(), 'kv-fakeapi-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=kube-apiserver',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  const cert = readFileSync(join(dir, 'cert.pem'));
  let requests = 0;
  const list = (kind: string, total: number, make: (i: number) => unknown, url: URL) => {
    const limit = Math.min(Number(url.searchParams.get('limit') ?? total) || total, total);
    const from = Number(url.searchParams.get('continue') ?? 0);
    const to = Math.min(total, from + limit);
    const items = Array.from({ length: to - from }, (_, k) => make(from + k));
    return {
      kind,
      apiVersion: 'v1',
      metadata: { resourceVersion: '999999', ...(to < total ? { continue: String(to), remainingItemCount: total - to } : {}) },
      items,
    };
  };
  const server = createServer({ key: readFileSync(join(dir, 'key.pem')), cert }, (req, res) => {
    requests++;
    const url = new URL(req.url ?? '/', 'https://127.0.0.1');
    const send = (code: number, body: unknown) => {
      res.writeHead(code, { 'content-type': 'application/json' });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    const p = url.pathname;
    if (o.forbid?.includes(p))
      return send(403, {
        kind: 'Status',
        apiVersion: 'v1',
        status: 'Failure',
        message: `pods is forbidden: User "viewer" cannot list resource "pods" in API group "" in the namespace "kube-system"`,
        reason: 'Forbidden',
        code: 403,
      });
    if (p === '/livez' || p === '/readyz') return send(200, 'ok');
    if (p === '/version') return send(200, { major: '1', minor: '29', gitVersion: 'v1.29.2' });
    if (p === '/api/v1/nodes') return send(200, list('NodeList', o.nodes, node, url));
    if (p === '/api/v1/namespaces/kube-system/pods')
      return send(
        200,
        list('PodList', o.pods, (i) => pod(i, o.nodes), url),
      );
    if (/^\/api\/v1\/namespaces\/[^/]+\/(pods|secrets|events)$/.test(p) || /^\/apis\/apps\/v1\/namespaces\/[^/]+\/(daemonsets|deployments)$/.test(p))
      return send(
        200,
        list('List', 0, () => ({}), url),
      );
    send(404, {
      kind: 'Status',
      apiVersion: 'v1',
      status: 'Failure',
      message: `the server could not find the requested resource (${p})`,
      reason: 'NotFound',
      code: 404,
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  const kubeconfig = join(dir, 'kubeconfig');
  writeFileSync(
    kubeconfig,
    `apiVersion: v1\nkind: Config\nclusters:\n- name: fake\n  cluster:\n    server: https://127.0.0.1:${port}\n    certificate-authority-data: ${cert.toString('base64')}\ncontexts:\n- name: fake\n  context: { cluster: fake, user: admin }\ncurrent-context: fake\nusers:\n- name: admin\n  user: { token: fake-admin-token }\n`,
  );
  return { kubeconfig, requests: () => requests, close: () => new Promise<void>((r) => server.close(() => r())) };
}
