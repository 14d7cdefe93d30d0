// badPodReason / podEvidence on init containers: a calico-node stuck in its install-cni init container is
// reported as kubectl shows it (Init:ImagePullBackOff, Init:CrashLoopBackOff), not as a bare "Pending".
// Stand-ins: the pods are hand-built objects of the shape lib/cluster/snapshot.ts keeps.
import { describe, expect, it } from 'vitest';
import type { ClusterSnapshot, ContainerInfo, PodInfo } from '../../lib/cluster/snapshot.ts';
import { badPodReason, podEvidence } from '../../lib/requirements/postinstall/cluster.ts';

const c = (name: string, o: Partial<ContainerInfo> = {}): ContainerInfo => ({
  name,
  image: `harbor:443/calico/${name}:v3.26.4`,
  ready: false,
  restartCount: 0,
  state: 'waiting',
  reason: 'PodInitializing',
  ...o,
});
const pod = (o: Partial<PodInfo>): PodInfo => ({
  namespace: 'kube-system',
  name: 'calico-node-x',
  nodeName: 'node-0001',
  phase: 'Pending',
  ready: false,
  labels: {},
  images: [],
  containers: [c('calico-node')],
  ...o,
});
const snap = { events: { ok: true, items: [] } } as unknown as ClusterSnapshot;

describe('init containers', () => {
  it('Init:ImagePullBackOff and Init:CrashLoopBackOff name the stuck init container', () => {
    const pull = pod({
      initContainers: [
        c('upgrade-ipam', { state: 'terminated', reason: 'Completed' }),
        c('install-cni', { reason: 'ImagePullBackOff', message: 'Back-off pulling image "harbor:443/calico/cni:v3.26.4"' }),
      ],
    });
    expect(badPodReason(pull)).toBe('Init:ImagePullBackOff');
    expect(podEvidence(pull, snap).join('\n')).toContain('init container install-cni: waiting (ImagePullBackOff): Back-off pulling image');
    const crash = pod({ initContainers: [c('install-cni', { reason: 'CrashLoopBackOff', restartCount: 4, lastState: 'terminated (Error, exit 1)' })] });
    expect(badPodReason(crash)).toBe('Init:CrashLoopBackOff');
  });
  it('an init container that is merely running or done leaves the pod judged by its phase and containers', () => {
    expect(badPodReason(pod({ initContainers: [c('install-cni', { state: 'running', reason: undefined })] }))).toBe('Pending');
    const ok = pod({
      phase: 'Running',
      ready: true,
      containers: [c('calico-node', { state: 'running', reason: undefined, ready: true })],
      initContainers: [c('install-cni', { state: 'terminated', reason: 'Completed' })],
    });
    expect(badPodReason(ok)).toBeUndefined();
  });
});
