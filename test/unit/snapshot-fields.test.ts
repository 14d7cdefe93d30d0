// The snapshot keeps only what the post-install checks read (SNAPSHOT_FIELDS in lib/cluster/snapshot.ts). This
// test holds the checks to that list: every post-install case of the coverage table (test/helpers/sides.ts) and
// every recorded real-cluster state is judged (1) with its Nodes, Pods, containers and labels behind proxies that
// record each property a check reads — any read outside the declared list fails, naming the field — and (2) with
// the snapshot projected through the list, which must give exactly the verdicts of the unprojected snapshot.
// Stand-ins: the coverage table's hand-edited snapshots (test/helpers/reference.ts); the recorded states are real.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  projectNode,
  projectPod,
  SNAPSHOT_FIELDS,
  type ClusterExtra,
  type ClusterSnapshot,
  type ContainerInfo,
  type NodeInfo,
  type PodInfo,
} from '../../lib/cluster/snapshot.ts';
import { evaluate, type RunContext } from '../../lib/requirements/define.ts';
import { requirements } from '../../lib/requirements/index.ts';
import { readRunFile } from '../../lib/run/context-file.ts';
import { ROOT } from '../helpers/run-cli.ts';
import { SIDES } from '../helpers/sides.ts';

const post = requirements('postinstall');
const DIR = join(ROOT, 'fixtures/real-cluster');
/** every post-install context there is: the coverage table's cases, then the recorded states */
const contexts: [string, () => RunContext][] = [
  ...post.flatMap((r) =>
    Object.values(SIDES[r.id] ?? {})
      .flat()
      .map((c): [string, () => RunContext] => [`${r.id}: ${c.name}`, c.ctx]),
  ),
  ...readdirSync(DIR)
    .filter((f) => f.endsWith('.context.json'))
    .map((f): [string, () => RunContext] => [f, () => readRunFile(join(DIR, f)).ctx]),
];

const snapOf = (ctx: RunContext): ClusterSnapshot | undefined => (ctx.extra.cluster as ClusterExtra | undefined)?.snapshot;
const judgeAll = (ctx: RunContext) => post.flatMap((r) => r.targets(ctx).map((t) => evaluate(r, ctx, t))).map(({ durationMs: _d, ...r }) => r);

/** `o` behind a proxy that reports every string key read (get, `in`, listing) that `allowed` does not hold. */
function watched<T extends object>(o: T, what: string, allowed: readonly string[], bad: Set<string>): T {
  const check = (k: string | symbol) => {
    if (typeof k === 'string' && !allowed.includes(k) && k !== 'toJSON') bad.add(`${what}.${k}`);
  };
  return new Proxy(o, {
    get: (t, k, r) => (check(k), Reflect.get(t, k, r)),
    has: (t, k) => (check(k), Reflect.has(t, k)),
    ownKeys: (t) => (bad.add(`${what}: every key listed`), Reflect.ownKeys(t)),
  });
}
const OBJECT_FIELDS = ['constructor', 'hasOwnProperty', 'valueOf', 'toString'];
function watchSnapshot(s: ClusterSnapshot, bad: Set<string>): void {
  const container = (c: ContainerInfo) => watched(c, 'container', [...SNAPSHOT_FIELDS.container, ...OBJECT_FIELDS], bad);
  if (s.nodes.ok)
    s.nodes.items = s.nodes.items.map(
      (n) => watched({ ...n, labels: watched({ ...n.labels }, 'node label', SNAPSHOT_FIELDS.nodeLabels, bad) }, 'node', SNAPSHOT_FIELDS.node, bad) as NodeInfo,
    );
  if (s.pods.ok) {
    s.pods.items = s.pods.items.map((p) => {
      const inner: PodInfo = { ...p, labels: watched({ ...p.labels }, 'pod label', SNAPSHOT_FIELDS.podLabels, bad), containers: p.containers.map(container) };
      if (p.initContainers) inner.initContainers = p.initContainers.map(container);
      return watched(inner, 'pod', SNAPSHOT_FIELDS.pod, bad);
    });
  }
}

describe('the snapshot keeps what the checks read (SNAPSHOT_FIELDS)', () => {
  it('there are post-install contexts to judge: every requirement has cases', () => {
    expect(contexts.length).toBeGreaterThan(post.length * 2);
    expect(contexts.filter(([, c]) => snapOf(c())?.pods.ok).length).toBeGreaterThan(20);
  });

  it('no check reads a Node, Pod, container field or label that the projection drops', () => {
    const bad = new Set<string>();
    for (const [, make] of contexts) {
      const ctx = make();
      const s = snapOf(ctx);
      if (s) watchSnapshot(s, bad);
      judgeAll(ctx);
    }
    expect([...bad]).toEqual([]);
  });

  it('the watch sees a read outside the list (so the test above can fail)', () => {
    const bad = new Set<string>();
    const p = watched({ name: 'x', ownerKind: 'DaemonSet' }, 'pod', SNAPSHOT_FIELDS.pod, bad);
    void p.name;
    void p.ownerKind;
    const l = watched({ 'k8s-app': 'calico-node', tier: 'node' } as Record<string, string>, 'pod label', SNAPSHOT_FIELDS.podLabels, bad);
    void ('tier' in l);
    expect([...bad]).toEqual(['pod.ownerKind', 'pod label.tier']);
  });

  it('judging the projected snapshot gives exactly the verdicts of the full one, in every context', () => {
    let projected = 0;
    for (const [name, make] of contexts) {
      const full = judgeAll(make());
      const ctx = make();
      const s = snapOf(ctx);
      if (s?.nodes.ok) s.nodes.items = s.nodes.items.map(projectNode);
      if (s?.pods.ok) s.pods.items = s.pods.items.map(projectPod);
      if (s?.pods.ok && s.pods.items.length) projected++;
      expect(judgeAll(ctx), name).toEqual(full);
    }
    expect(projected).toBeGreaterThan(20);
  });

  it('the projection drops what is not declared: other labels, owners, non-internal addresses', () => {
    const n = projectNode({
      name: 'n1',
      labels: { 'node-role.kubernetes.io/control-plane': '', 'kubernetes.io/hostname': 'n1' },
      taints: [],
      conditions: [],
      kubeletVersion: 'v1.29.2',
      addresses: [
        { type: 'InternalIP', address: '10.0.0.1' },
        { type: 'Hostname', address: 'n1' },
      ],
    });
    expect(n.labels).toEqual({ 'node-role.kubernetes.io/control-plane': '' });
    expect(n.addresses).toEqual([{ type: 'InternalIP', address: '10.0.0.1' }]);
    const p = projectPod({
      namespace: 'kube-system',
      name: 'calico-node-x',
      phase: 'Running',
      ready: true,
      labels: { 'k8s-app': 'calico-node', 'controller-revision-hash': 'abc' },
      images: ['i'],
      containers: [{ name: 'c', image: 'i', ready: true, restartCount: 0, state: 'running', extra: 1 } as ContainerInfo],
      ownerKind: 'DaemonSet',
    } as PodInfo);
    expect(p).toEqual({
      namespace: 'kube-system',
      name: 'calico-node-x',
      phase: 'Running',
      ready: true,
      labels: { 'k8s-app': 'calico-node' },
      images: ['i'],
      containers: [{ name: 'c', image: 'i', ready: true, restartCount: 0, state: 'running' }],
    });
  });
});
