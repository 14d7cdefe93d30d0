// One API snapshot per run: every list the post-install requirements need, paginated, trimmed to the fields
// they read (SNAPSHOT_FIELDS: so 5,000 nodes / 50,000 pods stay small), plus /livez, /readyz and the serving certificate.
import { X509Certificate } from 'node:crypto';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import { AppsV1Api, CoreV1Api, CustomObjectsApi, KubeConfig, VersionApi } from '@kubernetes/client-node';
import { Agent, request } from 'undici';
import { ConfigError } from '../config/errors.ts';
import { CONTROL_PLANE_LABEL, MASTER_LABEL } from '../kubeadm/versions.ts';
import { registerSecret } from '../redact.ts';

export interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}
export interface NodeInfo {
  name: string;
  labels: Record<string, string>;
  taints: { key: string; effect: string; value?: string }[];
  conditions: Condition[];
  kubeletVersion: string;
  addresses: { type: string; address: string }[];
}
export interface ContainerInfo {
  name: string;
  image: string;
  ready: boolean;
  restartCount: number;
  state: string;
  reason?: string;
  message?: string;
  lastState?: string;
}
export interface PodInfo {
  namespace: string;
  name: string;
  nodeName?: string;
  phase: string;
  reason?: string;
  ready: boolean;
  labels: Record<string, string>;
  images: string[];
  containers: ContainerInfo[];
  /** init containers (calico-node's install-cni, flannel's install-cni-plugin): a pod stuck in one is Pending */
  initContainers?: ContainerInfo[];
  /** kube-apiserver static pods: kubeadm's advertise-address annotation */
  advertise?: string;
}
export interface WorkloadInfo {
  kind: 'DaemonSet' | 'Deployment';
  namespace: string;
  name: string;
  images: string[];
  desired: number;
  ready: number;
  available: number;
  updated: number;
}
export interface CertInfo {
  subject: string;
  issuer: string;
  notAfter: string;
  daysLeft: number;
}
export interface EventInfo {
  namespace: string;
  object: string;
  reason: string;
  message: string;
  type: string;
  count: number;
  last: string;
}

/**
 * What is kept of each listed Node and Pod, declared once: the fields and label keys the post-install checks read
 * (and the Nodes' InternalIPs, which the DATAPLANE test probes). takeSnapshot projects every object through these
 * lists, so 50,000 pods carry no label, owner or address nothing looks at — in this process, in context.json and in
 * the suite worker. test/unit/snapshot-fields.test.ts judges every post-install case through proxies that record
 * what the checks read and fails on anything not declared here: the projection and the checks cannot drift apart.
 */
export const SNAPSHOT_FIELDS = {
  node: ['name', 'labels', 'taints', 'conditions', 'kubeletVersion', 'addresses'],
  pod: ['namespace', 'name', 'nodeName', 'phase', 'reason', 'ready', 'labels', 'images', 'containers', 'initContainers', 'advertise'],
  container: ['name', 'image', 'ready', 'restartCount', 'state', 'reason', 'message', 'lastState'],
  /** the role labels kubeadm has used (master until 1.23, control-plane from 1.20) */
  nodeLabels: [CONTROL_PLANE_LABEL, MASTER_LABEL],
  /** calico-node's k8s-app, flannel's app */
  podLabels: ['k8s-app', 'app'],
  nodeAddressTypes: ['InternalIP'],
} as const satisfies {
  node: readonly (keyof NodeInfo)[];
  pod: readonly (keyof PodInfo)[];
  container: readonly (keyof ContainerInfo)[];
  nodeLabels: readonly string[];
  podLabels: readonly string[];
  nodeAddressTypes: readonly string[];
};

/** `o` with only the listed keys that hold a value (JSON would drop the undefined ones anyway). */
export function pick<T extends object, K extends keyof T>(o: T, keys: readonly K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const k of keys) if (o[k] !== undefined) out[k] = o[k];
  return out;
}
const pickLabels = (labels: Record<string, string> | undefined, keys: readonly string[]): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const k of keys) if (labels && Object.hasOwn(labels, k)) out[k] = labels[k]!;
  return out;
};

/** A Node as kept in the snapshot (lib/cluster/snapshot.ts SNAPSHOT_FIELDS). */
export function projectNode(n: NodeInfo): NodeInfo {
  const kept = pick(n, SNAPSHOT_FIELDS.node);
  return {
    ...kept,
    labels: pickLabels(n.labels, SNAPSHOT_FIELDS.nodeLabels),
    addresses: (n.addresses ?? []).filter((a) => (SNAPSHOT_FIELDS.nodeAddressTypes as readonly string[]).includes(a.type)),
  };
}

/** A Pod as kept in the snapshot, its containers too. */
export function projectPod(p: PodInfo): PodInfo {
  const kept: PodInfo = {
    ...pick(p, SNAPSHOT_FIELDS.pod),
    labels: pickLabels(p.labels, SNAPSHOT_FIELDS.podLabels),
    containers: p.containers.map((c) => pick(c, SNAPSHOT_FIELDS.container)),
  };
  if (p.initContainers) kept.initContainers = p.initContainers.map((c) => pick(c, SNAPSHOT_FIELDS.container));
  return kept;
}

export type Listed<T> = { ok: true; items: T[] } | { ok: false; status?: number; error: string };

export interface ClusterSnapshot {
  server: string;
  context: string;
  user: string;
  insecureSkipTlsVerify: boolean;
  version?: string;
  health: { livez?: { status: number; body: string }; readyz?: { status: number; body: string }; error?: string };
  servingCert?: CertInfo;
  caCert?: CertInfo;
  tlsError?: string;
  nodes: Listed<NodeInfo>;
  pods: Listed<PodInfo>;
  workloads: Listed<WorkloadInfo>;
  /** kubelet-config: read under the name the profile's kubeadm version used (kubelet-config-1.X up to 1.23);
   * kube-flannel-cfg: namespace kube-flannel, else kube-system (older manifests) */
  configMaps: Record<
    ConfigMapKey,
    ({ ok: true; data: Record<string, string> } | { ok: false; status?: number; error: string }) & { name?: string; namespace?: string }
  >;
  dnsEndpoints: { ok: true; service: boolean; addresses: number } | { ok: false; status?: number; error: string };
  tokens: Listed<{ name: string; expiration?: string; usages: string[] }>;
  ipPools: Listed<{ name: string; cidr: string }>;
  events: Listed<EventInfo>;
  listCalls: number;
  durationMs: number;
}

export type ConfigMapKey = 'kube-proxy' | 'kubeadm-config' | 'kubelet-config' | 'kube-flannel-cfg';

export interface ClusterExtra {
  snapshot?: ClusterSnapshot;
  error?: string;
  dataplane?: import('./dataplane.ts').DataplaneResult;
}

/** kubectl's order: --kubeconfig, $KUBECONFIG (first existing entry), ~/.kube/config. */
export function resolveKubeconfig(flag?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (flag) {
    if (!existsSync(flag)) throw new ConfigError('kubeconfig not found', { file: flag });
    return flag;
  }
  for (const p of (env.KUBECONFIG ?? '').split(':').filter(Boolean)) if (existsSync(p)) return p;
  const home = join(homedir(), '.kube/config');
  if (existsSync(home)) return home;
  throw new ConfigError('no kubeconfig: pass --kubeconfig (e.g. /etc/kubernetes/admin.conf), set KUBECONFIG, or create ~/.kube/config');
}

export function loadKubeconfig(file: string): KubeConfig {
  const kc = new KubeConfig();
  try {
    kc.loadFromFile(file);
  } catch (e) {
    throw new ConfigError(`not a valid kubeconfig: ${(e as Error).message.split('\n')[0]}`, { file });
  }
  const cluster = kc.getCurrentCluster();
  const current = kc.getCurrentContext();
  if (!current)
    throw new ConfigError(`no current-context and so no cluster to check (kubectl --kubeconfig ${file} config use-context NAME sets one)`, { file });
  if (!cluster) throw new ConfigError(`current-context "${current}" names no cluster defined in this file`, { file });
  const user = kc.getCurrentUser();
  registerSecret(user?.token);
  registerSecret(user?.password);
  return kc;
}

function certInfo(pem: string | Buffer): CertInfo {
  const c = new X509Certificate(pem);
  const notAfter = new Date(c.validTo);
  return {
    subject: c.subject.replace(/\n/g, ', '),
    issuer: c.issuer.replace(/\n/g, ', '),
    notAfter: notAfter.toISOString(),
    daysLeft: Math.floor((notAfter.getTime() - Date.now()) / 86_400_000),
  };
}

const apiError = (e: unknown): { status?: number; error: string } => {
  const x = e as { code?: number; body?: unknown; message?: string; cause?: { code?: string } };
  const status = typeof x.code === 'number' ? x.code : undefined;
  let msg = x.message ?? String(e);
  try {
    const b = typeof x.body === 'string' ? JSON.parse(x.body) : x.body;
    if (b && typeof b === 'object' && 'message' in b) msg = String((b as { message: string }).message);
  } catch {}
  if (status === 401) msg = `HTTP 401 Unauthorized: the kubeconfig's credentials were rejected (${msg})`;
  else if (status === 403) msg = `HTTP 403 Forbidden: ${msg}`;
  return { status, error: msg.split('\n')[0]!.slice(0, 300) };
};

async function paged<R, T>(
  fn: (cont?: string) => Promise<{ items: R[]; metadata?: { _continue?: string } }>,
  map: (r: R) => T,
  counter: { n: number },
): Promise<Listed<T>> {
  const items: T[] = [];
  let cont: string | undefined;
  try {
    do {
      counter.n++;
      const page = await fn(cont);
      for (const r of page.items) items.push(map(r));
      cont = page.metadata?._continue || undefined;
    } while (cont);
    return { ok: true, items };
  } catch (e) {
    return { ok: false, ...apiError(e) };
  }
}

const LIMIT = 500;
const NAMESPACES = ['kube-system', 'calico-system', 'kube-flannel'];

type AnyObj = any;

function containerInfos(specs: AnyObj[] | undefined, statuses: AnyObj[]): ContainerInfo[] {
  return (specs ?? []).map((c: AnyObj) => {
    const s = statuses.find((x) => x.name === c.name);
    const st = s?.state ?? {};
    const key = Object.keys(st)[0] ?? 'unknown';
    const last = s?.lastState ? Object.keys(s.lastState)[0] : undefined;
    return {
      name: c.name,
      image: c.image,
      ready: !!s?.ready,
      restartCount: s?.restartCount ?? 0,
      state: key,
      reason: st[key]?.reason,
      message: st[key]?.message?.slice(0, 200),
      lastState: last
        ? `${last}${s.lastState[last]?.reason ? ` (${s.lastState[last].reason}${s.lastState[last].exitCode !== undefined ? `, exit ${s.lastState[last].exitCode}` : ''})` : ''}`
        : undefined,
    };
  });
}

function podInfo(p: AnyObj): PodInfo {
  const containers = containerInfos(p.spec?.containers, p.status?.containerStatuses ?? []);
  const init = p.spec?.initContainers?.length ? containerInfos(p.spec.initContainers, p.status?.initContainerStatuses ?? []) : undefined;
  const ready = (p.status?.conditions ?? []).some((c: AnyObj) => c.type === 'Ready' && c.status === 'True');
  const ep = p.metadata?.annotations?.['kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint'];
  return projectPod({
    namespace: p.metadata.namespace,
    name: p.metadata.name,
    nodeName: p.spec?.nodeName,
    phase: p.status?.phase ?? 'Unknown',
    reason: p.status?.reason,
    ready,
    labels: p.metadata?.labels ?? {},
    images: [...containers, ...(init ?? [])].map((c) => c.image),
    containers,
    ...(init ? { initContainers: init } : {}),
    ...(ep ? { advertise: String(ep).replace(/:\d+$/, '') } : {}),
  });
}

function nodeInfo(n: AnyObj): NodeInfo {
  return projectNode({
    name: n.metadata.name,
    labels: n.metadata?.labels ?? {},
    taints: (n.spec?.taints ?? []).map((t: AnyObj) => ({ key: t.key, effect: t.effect, value: t.value })),
    conditions: (n.status?.conditions ?? []).map((c: AnyObj) => ({ type: c.type, status: c.status, reason: c.reason, message: c.message?.slice(0, 200) })),
    kubeletVersion: n.status?.nodeInfo?.kubeletVersion ?? '',
    addresses: n.status?.addresses ?? [],
  });
}

async function peerCert(server: URL, ca?: string, timeoutMs = 5000): Promise<CertInfo> {
  return new Promise((res, rej) => {
    const s = tlsConnect(
      {
        host: server.hostname,
        port: Number(server.port || 443),
        ca,
        servername: /^[\d.]+$|:/.test(server.hostname) ? undefined : server.hostname,
        rejectUnauthorized: !!ca,
        timeout: timeoutMs,
      },
      () => {
        const c = s.getPeerCertificate(false);
        s.end();
        if (!c?.raw) return rej(new Error('no peer certificate'));
        res(certInfo(`-----BEGIN CERTIFICATE-----\n${c.raw.toString('base64')}\n-----END CERTIFICATE-----\n`));
      },
    );
    s.on('error', rej);
    s.on('timeout', () => (s.destroy(), rej(new Error(`TLS handshake timed out after ${timeoutMs} ms`))));
  });
}

/** kubeletConfigMap: the name kubeadm gave the kubelet ConfigMap (kubelet-config-1.X up to 1.23; lib/kubeadm/versions.ts), read into the 'kubelet-config' slot. */
export async function takeSnapshot(kc: KubeConfig, opts: { timeoutMs?: number; kubeletConfigMap?: string } = {}): Promise<ClusterSnapshot> {
  const started = performance.now();
  const cluster = kc.getCurrentCluster()!;
  const user = kc.getCurrentUser();
  const core = kc.makeApiClient(CoreV1Api);
  const apps = kc.makeApiClient(AppsV1Api);
  const custom = kc.makeApiClient(CustomObjectsApi);
  const counter = { n: 0 };
  const server = new URL(cluster.server);
  const caPem = cluster.caData
    ? Buffer.from(cluster.caData, 'base64').toString('utf8')
    : cluster.caFile
      ? (await import('node:fs')).readFileSync(cluster.caFile, 'utf8')
      : undefined;
  const snap: ClusterSnapshot = {
    server: cluster.server,
    context: kc.getCurrentContext(),
    user: user?.name ?? '',
    insecureSkipTlsVerify: !!cluster.skipTLSVerify,
    health: {},
    nodes: { ok: false, error: 'not listed' },
    pods: { ok: false, error: 'not listed' },
    workloads: { ok: false, error: 'not listed' },
    configMaps: {
      'kube-proxy': { ok: false, error: 'not read' },
      'kubeadm-config': { ok: false, error: 'not read' },
      'kubelet-config': { ok: false, error: 'not read' },
      'kube-flannel-cfg': { ok: false, error: 'not read' },
    },
    dnsEndpoints: { ok: false, error: 'not read' },
    tokens: { ok: false, error: 'not listed' },
    ipPools: { ok: false, error: 'not listed' },
    events: { ok: false, error: 'not listed' },
    listCalls: 0,
    durationMs: 0,
  };
  // health and TLS: undici with the kubeconfig's CA and client credentials
  const t = opts.timeoutMs ?? 10_000;
  const headers: Record<string, string> = {};
  const reqOpts: { headers: Record<string, string> } = { headers };
  await kc.applyToHTTPSOptions(reqOpts as never);
  const ho = reqOpts as unknown as { cert?: string | Buffer; key?: string | Buffer; headers: Record<string, string> };
  // applyToHTTPSOptions already set Authorization for token users; never send it twice
  if (user?.token && !Object.keys(headers).some((k) => k.toLowerCase() === 'authorization')) headers.authorization = `Bearer ${user.token}`;
  const dispatcher = new Agent({
    connect: { ca: caPem, cert: ho.cert, key: ho.key, rejectUnauthorized: !cluster.skipTLSVerify, timeout: t },
    headersTimeout: t,
    bodyTimeout: t,
  });
  try {
    for (const p of ['livez', 'readyz'] as const) {
      counter.n++;
      const r = await request(new URL(`/${p}?verbose`, server).toString(), { headers, dispatcher });
      snap.health[p] = { status: r.statusCode, body: (await r.body.text()).slice(0, 4000) };
    }
  } catch (e) {
    const err = e as Error & { code?: string; cause?: Error & { code?: string } };
    snap.health.error = `${err.code ?? err.cause?.code ?? ''} ${err.cause?.message ?? err.message}`.trim();
  }
  if (snap.health.error) {
    await dispatcher.close();
    snap.durationMs = performance.now() - started;
    return snap; // the API is unreachable: every list would fail the same way
  }
  try {
    await listAll();
  } finally {
    await dispatcher.close();
  }
  snap.listCalls = counter.n;
  snap.durationMs = Math.round(performance.now() - started);
  return snap;

  /** One page of a list as plain JSON, through the same connection as /livez. Nodes and Pods are read this way: the
   * client's models (a class instance per object and a Date per timestamp, on top of the parsed JSON) were most of
   * the run's peak memory at 5,000 nodes / 50,000 pods, and the projection reads the JSON fields directly. */
  async function rawPage(path: string, cont?: string): Promise<{ items: AnyObj[]; metadata?: { _continue?: string } }> {
    const u = new URL(`${server.pathname.replace(/\/$/, '')}${path}`, server);
    u.searchParams.set('limit', String(LIMIT));
    if (cont) u.searchParams.set('continue', cont);
    const r = await request(u.toString(), { headers: { ...headers, accept: 'application/json' }, dispatcher });
    const text = await r.body.text();
    // the shape apiError reads from the client's errors: the HTTP status and the Status object's message
    if (r.statusCode >= 400) throw Object.assign(new Error(`HTTP-Code: ${r.statusCode}`), { code: r.statusCode, body: text });
    const page = JSON.parse(text) as { items?: AnyObj[]; metadata?: { continue?: string } };
    return { items: page.items ?? [], metadata: { _continue: page.metadata?.continue } };
  }

  async function listAll(): Promise<void> {
    try {
      snap.servingCert = await peerCert(server, cluster.skipTLSVerify ? undefined : caPem, t);
    } catch (e) {
      snap.tlsError = (e as Error).message;
    }
    if (caPem) {
      try {
        snap.caCert = certInfo(caPem);
      } catch (e) {
        snap.tlsError ??= `cluster CA unreadable: ${(e as Error).message}`;
      }
    }
    try {
      counter.n++;
      snap.version = (await kc.makeApiClient(VersionApi).getCode()).gitVersion;
    } catch {}
    const [nodes, pods, ds, deps, tokens, events] = await Promise.all([
      paged((c) => rawPage('/api/v1/nodes', c), nodeInfo, counter),
      Promise.all(NAMESPACES.map((ns) => paged((c) => rawPage(`/api/v1/namespaces/${encodeURIComponent(ns)}/pods`, c), podInfo, counter))),
      Promise.all(
        NAMESPACES.map((ns) =>
          paged(
            (c) => apps.listNamespacedDaemonSet({ namespace: ns, limit: LIMIT, _continue: c }),
            (d: AnyObj): WorkloadInfo => ({
              kind: 'DaemonSet',
              namespace: d.metadata.namespace,
              name: d.metadata.name,
              images: (d.spec?.template?.spec?.containers ?? []).map((c: AnyObj) => c.image),
              desired: d.status?.desiredNumberScheduled ?? 0,
              ready: d.status?.numberReady ?? 0,
              available: d.status?.numberAvailable ?? 0,
              updated: d.status?.updatedNumberScheduled ?? 0,
            }),
            counter,
          ),
        ),
      ),
      Promise.all(
        NAMESPACES.map((ns) =>
          paged(
            (c) => apps.listNamespacedDeployment({ namespace: ns, limit: LIMIT, _continue: c }),
            (d: AnyObj): WorkloadInfo => ({
              kind: 'Deployment',
              namespace: d.metadata.namespace,
              name: d.metadata.name,
              images: (d.spec?.template?.spec?.containers ?? []).map((c: AnyObj) => c.image),
              desired: d.spec?.replicas ?? 1,
              ready: d.status?.readyReplicas ?? 0,
              available: d.status?.availableReplicas ?? 0,
              updated: d.status?.updatedReplicas ?? 0,
            }),
            counter,
          ),
        ),
      ),
      paged(
        (c) => core.listNamespacedSecret({ namespace: 'kube-system', fieldSelector: 'type=bootstrap.kubernetes.io/token', limit: LIMIT, _continue: c }),
        (s: AnyObj) => {
          // only the expiration and usages are read; the token secret itself is never kept
          const d = s.data ?? {};
          const dec = (k: string) => (d[k] ? Buffer.from(d[k], 'base64').toString('utf8') : undefined);
          return {
            name: s.metadata.name,
            expiration: dec('expiration'),
            usages: Object.keys(d)
              .filter((k) => k.startsWith('usage-bootstrap-') && dec(k) === 'true')
              .map((k) => k.slice('usage-bootstrap-'.length)),
          };
        },
        counter,
      ),
      paged(
        (c) => core.listNamespacedEvent({ namespace: 'kube-system', limit: LIMIT, _continue: c }),
        (e: AnyObj): EventInfo => ({
          namespace: e.metadata.namespace,
          object: `${e.involvedObject?.kind}/${e.involvedObject?.name}`,
          reason: e.reason ?? '',
          message: (e.message ?? '').slice(0, 300),
          type: e.type ?? '',
          count: e.count ?? 1,
          last: String(e.lastTimestamp ?? e.eventTime ?? ''),
        }),
        counter,
      ),
    ]);
    const join2 = <T>(ls: Listed<T>[]): Listed<T> => {
      // calico-system and kube-flannel are optional (manifest installs use kube-system): a missing namespace is an empty list
      const bad = ls.find((l, i) => !l.ok && !(i > 0 && (l as { status?: number }).status === 404));
      if (bad) return bad;
      return { ok: true, items: ls.flatMap((l) => (l.ok ? l.items : [])) };
    };
    snap.nodes = nodes;
    snap.pods = join2(pods);
    snap.workloads = (() => {
      const a = join2(ds);
      const b = join2(deps);
      if (!a.ok) return a;
      if (!b.ok) return b;
      return { ok: true, items: [...a.items, ...b.items] };
    })();
    snap.tokens = tokens;
    snap.events = events;
    const reads: [ConfigMapKey, string, string[]][] = [
      ['kube-proxy', 'kube-proxy', ['kube-system']],
      ['kubeadm-config', 'kubeadm-config', ['kube-system']],
      ['kubelet-config', opts.kubeletConfigMap ?? 'kubelet-config', ['kube-system']],
      ['kube-flannel-cfg', 'kube-flannel-cfg', ['kube-flannel', 'kube-system']],
    ];
    for (const [key, name, namespaces] of reads) {
      for (const namespace of namespaces) {
        try {
          counter.n++;
          const cm = await core.readNamespacedConfigMap({ name, namespace });
          snap.configMaps[key] = { ok: true, data: cm.data ?? {}, name, namespace };
          break;
        } catch (e) {
          snap.configMaps[key] = { ok: false, ...apiError(e), name, namespace };
          if ((snap.configMaps[key] as { status?: number }).status !== 404) break;
        }
      }
    }
    try {
      counter.n += 2;
      await core.readNamespacedService({ name: 'kube-dns', namespace: 'kube-system' });
      const ep = await core.readNamespacedEndpoints({ name: 'kube-dns', namespace: 'kube-system' });
      snap.dnsEndpoints = { ok: true, service: true, addresses: (ep.subsets ?? []).reduce((a, s) => a + (s.addresses?.length ?? 0), 0) };
    } catch (e) {
      snap.dnsEndpoints = { ok: false, ...apiError(e) };
    }
    try {
      counter.n++;
      const r = (await custom.listClusterCustomObject({ group: 'crd.projectcalico.org', version: 'v1', plural: 'ippools' })) as { items?: AnyObj[] };
      snap.ipPools = { ok: true, items: (r.items ?? []).map((p) => ({ name: p.metadata?.name, cidr: p.spec?.cidr })) };
    } catch (e) {
      snap.ipPools = { ok: false, ...apiError(e) };
    }
  }
}
