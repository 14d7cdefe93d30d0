// Shared pieces of post-install requirements: reading the snapshot, and what an API failure means.
import { parse as parseYaml } from 'yaml';
import type { ClusterExtra, ClusterSnapshot, ConfigMapKey, Listed, NodeInfo, PodInfo } from '../../cluster/snapshot.ts';
import { MissingFact, verdict, type Requirement, type RequirementMeta, type RunContext } from '../define.ts';
import type { Verdict } from '../../types.ts';
import { CONTROL_PLANE_LABEL, MASTER_LABEL } from '../../kubeadm/versions.ts';

export function snapshotOf(ctx: RunContext): ClusterSnapshot {
  const c = ctx.extra.cluster as ClusterExtra | undefined;
  if (!c) throw new MissingFact('the cluster was not snapshotted (phase postinstall not gathered)');
  if (c.error) throw new MissingFact(c.error);
  if (!c.snapshot) throw new MissingFact('no cluster snapshot');
  if (c.snapshot.health.error) throw new MissingFact(`the API server ${c.snapshot.server} is unreachable: ${c.snapshot.health.error}`);
  return c.snapshot;
}

export function items<T>(l: Listed<T>, what: string): T[] {
  if (!l.ok) throw new MissingFact(`cannot list ${what}: ${l.error}`);
  return l.items;
}

/** Targets computed from the snapshot; when the snapshot is missing, one target "*" that reports why. */
export function clusterRequirement(
  def: RequirementMeta & {
    targets?: (s: ClusterSnapshot, ctx: RunContext) => string[];
    check: (s: ClusterSnapshot, ctx: RunContext, target: string) => Verdict;
  },
): Requirement {
  return {
    ...def,
    targets(ctx) {
      if (!def.targets) return ['*'];
      try {
        const t = def.targets(snapshotOf(ctx), ctx);
        return t.length ? t : ['*'];
      } catch {
        return ['*'];
      }
    },
    judge(ctx, target) {
      const s = snapshotOf(ctx);
      if (def.targets && target === '*' && !def.targets(s, ctx).includes('*')) {
        const t = def.targets(s, ctx);
        if (!t.length) return verdict.skip('nothing to judge in this cluster');
      }
      return def.check(s, ctx, target);
    },
  };
}

/** Per-snapshot indexes, built once: per-node checks at 5,000 nodes × 50,000 pods must not scan every pod per node. */
interface SnapshotIndex {
  nodeNames: string[];
  nodeByName: Map<string, NodeInfo>;
  podsByNode: Map<string, PodInfo[]>;
}
const indexes = new WeakMap<ClusterSnapshot, SnapshotIndex>();
function indexOf(s: ClusterSnapshot): SnapshotIndex {
  let ix = indexes.get(s);
  if (!ix) {
    const nodes = items(s.nodes, 'nodes');
    const podsByNode = new Map<string, PodInfo[]>();
    if (s.pods.ok)
      for (const p of s.pods.items) {
        const k = p.nodeName ?? '';
        const l = podsByNode.get(k);
        if (l) l.push(p);
        else podsByNode.set(k, [p]);
      }
    ix = { nodeNames: nodes.map((n) => n.name), nodeByName: new Map(nodes.map((n) => [n.name, n])), podsByNode };
    indexes.set(s, ix);
  }
  return ix;
}
export const nodeNames = (s: ClusterSnapshot): string[] => indexOf(s).nodeNames;
export const nodeNamed = (s: ClusterSnapshot, name: string): NodeInfo | undefined => indexOf(s).nodeByName.get(name);
/** kube-system/calico-system pods on a node ('' = not scheduled); an error when pods could not be listed. */
export const podsOn = (s: ClusterSnapshot, node: string): PodInfo[] => (items(s.pods, 'pods'), indexOf(s).podsByNode.get(node) ?? []);
/** Either role label kubeadm has used (master until 1.23, control-plane from 1.20; lib/kubeadm/versions.ts). */
export const isControlPlane = (labels: Record<string, string>) => CONTROL_PLANE_LABEL in labels || MASTER_LABEL in labels;

/** One line of evidence for a pod that is not healthy, with the tail of its events (kubespray-style). */
export function podEvidence(p: PodInfo, s: ClusterSnapshot): string[] {
  const lines = [`${p.namespace}/${p.name} on ${p.nodeName ?? '(unscheduled)'}: phase ${p.phase}${p.reason ? ` (${p.reason})` : ''}, ready ${p.ready}`];
  // each field read by name (no spread): test/unit/snapshot-fields.test.ts sees every field a check reads
  for (const [kind, list] of [
    ['init container', p.initContainers ?? []],
    ['container', p.containers],
  ] as const)
    for (const c of list) {
      lines.push(
        `  ${kind} ${c.name}: ${c.state}${c.reason ? ` (${c.reason})` : ''}${c.message ? `: ${c.message}` : ''}, ready ${c.ready}, restarts ${c.restartCount}${c.lastState ? `, last state ${c.lastState}` : ''}`,
      );
    }
  if (s.events.ok) {
    for (const e of s.events.items.filter((x) => x.object === `Pod/${p.name}`).slice(-3)) lines.push(`  event ${e.type} ${e.reason} ×${e.count}: ${e.message}`);
  }
  return lines;
}

const STUCK = /CrashLoopBackOff|ImagePullBackOff|ErrImagePull|CreateContainerConfigError|InvalidImageName/;

export function badPodReason(p: PodInfo): string | undefined {
  const waiting = p.containers.find((c) => c.state === 'waiting' && c.reason)?.reason;
  if (p.phase === 'Succeeded') return undefined;
  // as kubectl shows it: a pod whose init container cannot start or keeps failing is Init:<reason>, not just Pending
  const init = p.initContainers?.find((c) => c.state === 'waiting' && c.reason && STUCK.test(c.reason));
  if (init) return `Init:${init.reason}`;
  if (waiting && STUCK.test(waiting)) return waiting;
  if (p.phase !== 'Running') return p.phase;
  if (!p.ready || p.containers.some((c) => !c.ready)) return waiting ?? 'not ready';
  return undefined;
}

export function yamlDoc<T>(text: string | undefined, what: string): T {
  if (text === undefined) throw new MissingFact(`${what} is missing`);
  try {
    return parseYaml(text) as T;
  } catch (e) {
    throw new MissingFact(`${what} does not parse: ${(e as Error).message.split('\n')[0]}`);
  }
}

export function configMap(s: ClusterSnapshot, name: ConfigMapKey): Record<string, string> {
  const cm = s.configMaps[name];
  if (!cm) throw new MissingFact(`ConfigMap ${name} was not read`);
  if (!cm.ok) throw new MissingFact(`cannot read ConfigMap ${cm.namespace ?? 'kube-system'}/${cm.name ?? name}: ${cm.error}`);
  return cm.data;
}
