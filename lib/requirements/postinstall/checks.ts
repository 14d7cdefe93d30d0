// Phase `postinstall`: the cluster over the Kubernetes API (one snapshot) plus node-side facts (one probe).
import type { ClusterExtra } from '../../cluster/snapshot.ts';
import { need, verdict, type Requirement, type RunContext } from '../define.ts';
import { compareVersions, list } from '../preflight/util.ts';
import { componentHealthUrls, kubeadmFacts } from '../../kubeadm/versions.ts';
import type { Profile } from '../../config/profile.ts';
import { cniPods, install, kubeFromSnap, kubeletUnit, nothingToDo, packageTool, runtimeCli } from '../advice.ts';
import {
  badPodReason,
  clusterRequirement,
  configMap,
  isControlPlane,
  items,
  nodeNamed,
  nodeNames,
  podEvidence,
  podsOn,
  snapshotOf,
  yamlDoc,
} from './cluster.ts';

/** why a CNI's checks do not apply: another CNI the tool checks, none, or one it does not know */
function cniSkip(name: string, mine: string): string {
  if (name === 'calico' || name === 'flannel') return `the profile's CNI is ${name}, not ${mine}`;
  if (name === 'none') return `the profile has no CNI (cni.name: none), so ${mine} is not checked`;
  return `the profile's CNI is ${name}, which this tool does not check (only calico and flannel): ${mine}'s checks do not apply`;
}

const phase = 'postinstall' as const;

/** The remediation of a CNI's check on a design with another CNI (its verdict is a skip). */
const notMyCni = (profile: Profile, mine: string) =>
  profile.cni.name === mine ? undefined : nothingToDo(`the design's CNI is ${profile.cni.name} (profile cni.name)`);
/** The taint key kubeadm sets for this version; the newest when the version is unknown. */
const taintKey = (v: string) => {
  try {
    return kubeadmFacts(v).taintKeys.at(-1)!;
  } catch {
    return 'node-role.kubernetes.io/control-plane';
  }
};
const COMPONENTS = ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'etcd'];

/** Without an inventory the run audits this machine (the local transport): node-side checks judge it only when it
 * is itself a Node of the cluster, in its Node's role — never a CI runner or a laptop as if it were a control plane. */
export const NEEDS_INVENTORY = 'needs --inventory (SSH to the nodes): this machine is not a Node of the cluster';
function localNode(ctx: RunContext, name: string) {
  try {
    return nodeNamed(snapshotOf(ctx), name);
  } catch {
    return undefined;
  }
}
/** The roles a host is judged in: the inventory's, or for this machine its Node's (none when it is not a Node). */
function rolesOf(ctx: RunContext, h: RunContext['hosts'][number]): string[] {
  if (h.spec.transport !== 'local') return h.spec.roles;
  const n = localNode(ctx, h.spec.name);
  return n ? [isControlPlane(n.labels) ? 'control-plane' : 'worker'] : [];
}
/** Hosts of this run that run Kubernetes (not the registry), with the roles they are judged in; this machine, when
 * it is not a Node, stays a target so that its verdict says why it is skipped. */
const clusterHosts = (ctx: RunContext, role?: 'control-plane') =>
  ctx.hosts.filter((h) =>
    (h.spec.transport === 'local' && !localNode(ctx, h.spec.name) ? h.spec.roles : rolesOf(ctx, h)).some((r) =>
      role ? r === role : r === 'control-plane' || r === 'worker',
    ),
  );
const hostFacts = (ctx: RunContext, name: string) => {
  const h = ctx.hosts.find((x) => x.spec.name === name);
  if (h && h.spec.transport === 'local' && !localNode(ctx, name)) return { h, skip: NEEDS_INVENTORY };
  if (!h?.facts) return { h, error: `host not probed: ${h?.error ?? 'not in this run'}` };
  return { h, facts: h.facts };
};

/** First address of a service CIDR: the `kubernetes` Service's ClusterIP. */
export function firstServiceIP(cidr: string): string {
  const [ip] = cidr.split('/');
  const o = ip!.split('.').map(Number);
  o[3] = (o[3] ?? 0) + 1;
  return o.join('.');
}

function kubeletConfigRemediation(profile: Profile): string {
  let name = 'kubelet-config';
  try {
    // kubeadm ≤ 1.23 named it kubelet-config-1.X
    name = kubeadmFacts(profile.kubernetesVersion).kubeletConfigMap;
  } catch {
    // an unknown version: the verdict says so
  }
  // `kubeadm upgrade node phase kubelet-config` from 1.15; 1.13/1.14 rewrote the kubelet's config with `upgrade node config`
  const v = profile.kubernetesVersion;
  const apply = compareVersions(v, '1.15') >= 0 ? 'kubeadm upgrade node phase kubelet-config' : `kubeadm upgrade node config --kubelet-version v${v}`;
  return `kubectl -n kube-system edit cm ${name} (cgroupDriver: ${profile.cgroupDriver}), then on each node: ${apply}; systemctl restart kubelet.`;
}

export const postinstallChecks: Requirement[] = [
  clusterRequirement({
    id: 'CP-APISERVER',
    title: 'API server /livez and /readyz ok over TLS verified against the cluster CA',
    phase,
    group: 'control-plane',
    severity: 'error',
    source: '000 五, 002',
    remediation: ({ profile }) => {
      const c = runtimeCli(profile);
      return `Check the kube-apiserver static pod: ${c.ps} | grep kube-apiserver; ${c.logs}; and the certificate-authority-data of your kubeconfig.`;
    },
    check: (s) => {
      const evidence = [`server ${s.server} (context ${s.context})`, `/livez: HTTP ${s.health.livez?.status}`, `/readyz: HTTP ${s.health.readyz?.status}`];
      const failed = [s.health.livez?.body, s.health.readyz?.body]
        .join('\n')
        .split('\n')
        .filter((l) => l.startsWith('[-]'));
      evidence.push(...failed);
      const expected = 'HTTP 200 from /livez and /readyz, TLS verified with the cluster CA';
      if (s.insecureSkipTlsVerify)
        return verdict.fail("the kubeconfig sets insecure-skip-tls-verify: the API server's identity is not verified", expected, evidence, {
          remediation: 'Remove insecure-skip-tls-verify and set certificate-authority-data (admin.conf has it).',
        });
      if (s.health.livez?.status !== 200 || s.health.readyz?.status !== 200)
        return verdict.fail(
          `livez ${s.health.livez?.status}, readyz ${s.health.readyz?.status}${failed.length ? `: ${failed.join(' ')}` : ''}`,
          expected,
          evidence,
        );
      return verdict.pass(`ok (${s.version ?? 'version unknown'})`, expected, evidence);
    },
  }),
  clusterRequirement({
    id: 'CP-COMPONENTS',
    title: 'Static pods of the control plane Running and Ready',
    phase,
    group: 'control-plane',
    severity: 'error',
    source: '002',
    remediation: ({ profile, facts }) =>
      `On the node: ls /etc/kubernetes/manifests; ${runtimeCli(profile).ps}; journalctl -u ${kubeletUnit(facts)}. kubeadm writes the static pod manifests during init.`,
    targets: (s) =>
      items(s.nodes, 'nodes')
        .filter((n) => isControlPlane(n.labels))
        .map((n) => n.name),
    check: (s, _ctx, node) => {
      const pods = items(s.pods, 'pods');
      const problems: string[] = [];
      const evidence: string[] = [];
      for (const c of COMPONENTS) {
        const p = pods.find((x) => x.namespace === 'kube-system' && x.name === `${c}-${node}`);
        if (!p) {
          problems.push(`${c}-${node} missing`);
          continue;
        }
        const bad = badPodReason(p);
        evidence.push(`${p.name}: ${p.phase}, ready ${p.ready}, restarts ${p.containers.reduce((a, x) => a + x.restartCount, 0)}`);
        if (bad) {
          problems.push(`${p.name} ${bad}`);
          evidence.push(...podEvidence(p, s).slice(1));
        }
      }
      const expected = COMPONENTS.map((c) => `${c}-${node}`).join(', ') + ' Running and Ready';
      return problems.length ? verdict.fail(problems.join('; '), expected, evidence) : verdict.pass('all Running and Ready', expected, evidence);
    },
  }),
  {
    id: 'CP-HEALTHZ',
    title: 'kube-scheduler :10259 and kube-controller-manager :10257 /healthz ok',
    phase,
    group: 'control-plane',
    severity: 'error',
    source: '000 五',
    remediation: ({ profile }) => {
      let urls = ['https://127.0.0.1:10259/healthz', 'https://127.0.0.1:10257/healthz'];
      try {
        urls = Object.values(componentHealthUrls(profile.kubernetesVersion));
      } catch {
        // an unknown version: the verdict says so; the current ports
      }
      return `On the control-plane host: ${urls.map((u) => `curl -k ${u}`).join('; ')}; ${runtimeCli(profile).logs.replace(' <id>', '')} of the failing component.`;
    },
    targets: (ctx) => clusterHosts(ctx, 'control-plane').map((h) => h.spec.name),
    judge(ctx, target) {
      const { facts, error, skip } = hostFacts(ctx, target);
      if (skip) return verdict.skip(skip);
      if (!facts) return verdict.error(error!);
      const nh = need(facts.nodeHealth);
      if (!nh) return verdict.error('node-side health was not probed');
      // the URLs kubeadm's liveness probes use for this version (10259/10257 over HTTPS from 1.17, 10251/10252 before)
      const want = Object.fromEntries(Object.entries(componentHealthUrls(ctx.profile.kubernetesVersion)).map(([n, u]) => [u, n]));
      const evidence = Object.keys(want).map((u) => `${u}: ${nh.endpoints[u] ?? 'not asked'}`);
      const bad = Object.entries(want)
        .filter(([u]) => !/^ok\b.*http=200/.test(nh.endpoints[u] ?? ''))
        .map(([, n]) => n);
      return bad.length
        ? verdict.fail(`not healthy: ${bad.join(', ')}`, 'both answer ok', evidence)
        : verdict.pass('both answer ok', 'both answer ok', evidence);
    },
  },
  {
    id: 'CP-PORTS',
    title: 'Component ports listening on the right hosts',
    phase,
    group: 'control-plane',
    severity: 'error',
    source: '000 五',
    remediation: ({ profile, facts }) =>
      `ss -ltnp on the host shows what listens; a missing port means its component is not running (${runtimeCli(profile).ps}, journalctl -u ${kubeletUnit(facts)}).`,
    targets: (ctx) => clusterHosts(ctx).map((h) => h.spec.name),
    judge(ctx, target) {
      const { h, facts, error, skip } = hostFacts(ctx, target);
      if (skip) return verdict.skip(skip);
      if (!facts) return verdict.error(error!);
      const listening = need(facts.listening);
      const { ports: kp } = kubeadmFacts(ctx.profile.kubernetesVersion);
      const ports = rolesOf(ctx, h!).includes('control-plane') ? kp.controlPlaneListening : kp.nodeListening;
      const missing = ports.filter((p) => !listening.some((l) => l.port === p));
      const expected = `listening: ${ports.join(', ')}`;
      return missing.length
        ? verdict.fail(`not listening: ${missing.join(', ')}`, expected, [
            `listening: ${[...new Set(listening.map((l) => l.port))].sort((a, b) => a - b).join(', ')}`,
          ])
        : verdict.pass('all listening', expected);
    },
  },
  {
    id: 'NODES-REGISTERED',
    title: 'Every inventory host is a Node of the cluster',
    phase,
    group: 'nodes',
    severity: 'error',
    source: '000 验证, 001',
    remediation:
      'On the missing host: kubeadm join <endpoint> --token … --discovery-token-ca-cert-hash … (kubeadm token create --print-join-command on the control plane prints it).',
    targets: (ctx) => ctx.inventory.filter((h) => h.roles.some((r) => r === 'control-plane' || r === 'worker')).map((h) => h.name),
    judge(ctx, target) {
      const s = snapshotOf(ctx);
      const names = nodeNames(s);
      if (ctx.inventory.find((h) => h.name === target)?.transport === 'local' && !nodeNamed(s, target)) return verdict.skip(NEEDS_INVENTORY);
      return nodeNamed(s, target)
        ? verdict.pass('registered', `Node ${target} exists`)
        : verdict.fail(`no Node named ${target}`, `Node ${target} exists`, [
            `nodes: ${list(names.slice(0, 50))}${names.length > 50 ? ` … (${names.length})` : ''}`,
          ]);
    },
  },
  clusterRequirement({
    id: 'NODES-READY',
    title: 'Node Ready, no pressure conditions',
    phase,
    group: 'nodes',
    severity: 'error',
    source: '000 验证, 001',
    remediation: ({ profile, facts }) => {
      const pods = cniPods(profile);
      return `kubectl describe node <name>; on the node: journalctl -u ${kubeletUnit(facts)} -e; a NotReady node is often the CNI (${pods ?? 'the design names none: a node stays NotReady until one is applied'}) or the kubelet.`;
    },
    targets: (s) => nodeNames(s),
    check: (s, _ctx, name) => {
      const n = nodeNamed(s, name)!;
      const ready = n.conditions.find((c) => c.type === 'Ready');
      const bad = n.conditions.filter((c) =>
        c.type === 'Ready'
          ? c.status !== 'True'
          : ['MemoryPressure', 'DiskPressure', 'PIDPressure', 'NetworkUnavailable'].includes(c.type) && c.status === 'True',
      );
      const isBad = (c: { type: string; status: string }) => (c.type === 'Ready' ? c.status !== 'True' : c.status === 'True');
      const evidence = n.conditions.map((c) => `${c.type}=${c.status}${c.reason ? ` (${c.reason})` : ''}${c.message && isBad(c) ? `: ${c.message}` : ''}`);
      if (!ready) bad.push({ type: 'Ready', status: 'missing' });
      return bad.length
        ? verdict.fail(bad.map((c) => `${c.type}=${c.status}`).join(', '), 'Ready=True, no pressure', evidence)
        : verdict.pass('Ready', 'Ready=True, no pressure', evidence);
    },
  }),
  clusterRequirement({
    id: 'NODES-VERSION',
    title: 'kubelet version = profile; skew with the API server supported',
    phase,
    group: 'nodes',
    severity: 'error',
    source: '000',
    remediation: ({ profile, facts }) => {
      const v = profile.kubernetesVersion;
      const tool = packageTool(facts);
      const how =
        profile.kubernetesInstall === 'binaries'
          ? `curl -fLo /usr/local/bin/kubelet https://dl.k8s.io/release/v${v}/bin/linux/amd64/kubelet`
          : kubeFromSnap(facts)
            ? `snap refresh kubelet --channel=${v.split('.').slice(0, 2).join('.')}/stable`
            : tool === 'apt-get'
              ? `apt-get install -y --allow-downgrades kubelet=${v}-*`
              : install(tool, `kubelet-${v}`);
      return `Upgrade or downgrade the kubelet to the cluster version (${how}; systemctl restart ${kubeletUnit(facts)}), following kubeadm upgrade node for upgrades.`;
    },
    targets: (s) => nodeNames(s),
    check: (s, ctx, name) => {
      const n = nodeNamed(s, name)!;
      const want = `v${ctx.profile.kubernetesVersion}`;
      const ev = [`kubelet ${n.kubeletVersion}`, `apiserver ${s.version ?? 'unknown'}`];
      const minor = (v: string) => Number(v.replace(/^v/, '').split('.')[1]);
      const problems: string[] = [];
      if (n.kubeletVersion !== want) problems.push(`kubelet ${n.kubeletVersion} ≠ ${want}`);
      if (s.version) {
        if (compareVersions(n.kubeletVersion, s.version.split('+')[0]!) > 0)
          problems.push(`kubelet ${n.kubeletVersion} is newer than the API server ${s.version}: unsupported skew`);
        else if (minor(s.version) - minor(n.kubeletVersion) > 3)
          problems.push(`kubelet ${n.kubeletVersion} is more than 3 minors older than the API server ${s.version}: unsupported skew`);
      }
      return problems.length
        ? verdict.fail(problems.join('; '), `${want}, within the supported skew`, ev)
        : verdict.pass(n.kubeletVersion, `${want}, within the supported skew`, ev);
    },
  }),
  clusterRequirement({
    id: 'PODS-RUNNING',
    title: 'kube-system pods Running with all containers ready',
    phase,
    group: 'pods',
    severity: 'error',
    source: '000 验证, 001',
    remediation: ({ profile }) =>
      `kubectl -n kube-system describe pod <pod>; kubectl -n kube-system logs <pod> --previous; ImagePullBackOff: ${
        profile.registry.enabled
          ? `is the image in ${profile.registry.name} and is the mirror configured?`
          : `can the node pull it from ${profile.imageRepository}?`
      }`,
    targets: (s) => {
      const pods = items(s.pods, 'pods');
      return [...nodeNames(s), ...(pods.some((p) => !p.nodeName) ? ['*'] : [])];
    },
    check: (s, _ctx, target) => {
      const pods = podsOn(s, target === '*' ? '' : target);
      const bad = pods.map((p) => ({ p, why: badPodReason(p) })).filter((x) => x.why);
      const restarts = pods
        .filter((p) => p.containers.some((c) => c.restartCount > 0))
        .map((p) => `${p.name}: ${p.containers.reduce((a, c) => a + c.restartCount, 0)} restarts`);
      const expected = 'every kube-system pod Running and Ready';
      if (!bad.length)
        return verdict.pass(`${pods.length} pods Running and Ready`, expected, restarts.length ? [`restart counts: ${restarts.join(', ')}`] : []);
      return verdict.fail(bad.map((x) => `${x.p.namespace}/${x.p.name} ${x.why}`).join('; '), expected, [
        ...bad.flatMap((x) => podEvidence(x.p, s)),
        ...(restarts.length ? [`restart counts: ${restarts.join(', ')}`] : []),
      ]);
    },
  }),
  clusterRequirement({
    id: 'PODS-IMAGES',
    title: 'kube-system images come from the private registry',
    phase,
    group: 'pods',
    severity: 'warn',
    source: '000 (八)(九)',
    remediation: ({ profile }) => {
      const cni = profile.cni.imageRepository;
      return `Set imageRepository: ${profile.imageRepository} in the ClusterConfiguration${
        cni ? ` and rewrite the CNI manifest's images to ${cni} (sed${profile.cni.name === 'calico' ? ' as in 000 (九)' : ''})` : ''
      }.`;
    },
    check: (s, ctx) => {
      const repos = [ctx.profile.imageRepository, ctx.profile.cni.imageRepository].filter(Boolean).map((r) => `${r.replace(/\/+$/, '')}/`);
      const foreign = [
        ...new Set(items(s.pods, 'pods').flatMap((p) => p.images.filter((i) => !repos.some((r) => i.startsWith(r))).map((i) => `${p.name}: ${i}`))),
      ];
      return foreign.length
        ? verdict.fail(`${foreign.length} image(s) from elsewhere`, `images from ${repos.join(' or ')}`, foreign.slice(0, 50))
        : verdict.pass('all from the private registry', `images from ${repos.join(' or ')}`);
    },
  }),
  clusterRequirement({
    id: 'CALICO-READY',
    title: 'Calico ready on every node; calico-kube-controllers available; version = profile',
    phase,
    group: 'cni',
    severity: 'error',
    source: '000 (九)',
    remediation: ({ profile }) =>
      notMyCni(profile, 'calico') ??
      `kubectl -n kube-system get pods -l k8s-app=calico-node -o wide; kubectl -n kube-system logs <calico-node pod> -c calico-node; check the images in ${profile.cni.imageRepository || profile.imageRepository}.`,
    targets: (s, ctx) => (ctx.profile.cni.name === 'calico' ? ['*', ...nodeNames(s)] : ['*']),
    check: (s, ctx, target) => {
      if (ctx.profile.cni.name !== 'calico') return verdict.skip(cniSkip(ctx.profile.cni.name, 'calico'));
      if (target !== '*') {
        const p = podsOn(s, target).find((x) => x.labels['k8s-app'] === 'calico-node');
        if (!p) return verdict.fail(`no calico-node pod on ${target}`, 'a Ready calico-node pod on this node');
        const bad = badPodReason(p);
        return bad
          ? verdict.fail(`${p.name} ${bad}`, 'a Ready calico-node pod on this node', podEvidence(p, s))
          : verdict.pass(`${p.name} Ready`, 'a Ready calico-node pod on this node');
      }
      const w = items(s.workloads, 'DaemonSets and Deployments');
      const ds = w.find((x) => x.kind === 'DaemonSet' && x.name === 'calico-node');
      const kc = w.find((x) => x.kind === 'Deployment' && x.name === 'calico-kube-controllers');
      const problems: string[] = [];
      const evidence: string[] = [];
      if (!ds) problems.push('DaemonSet calico-node not found in kube-system or calico-system');
      else {
        evidence.push(`DaemonSet ${ds.namespace}/calico-node: desired ${ds.desired}, ready ${ds.ready}, images ${ds.images.join(', ')}`);
        if (ds.ready < ds.desired || ds.desired === 0) problems.push(`calico-node ready ${ds.ready}/${ds.desired}`);
        const wrong = ds.images.filter((i) => !i.endsWith(`:${ctx.profile.cni.version}`));
        if (wrong.length) problems.push(`calico-node images ${wrong.join(', ')} ≠ ${ctx.profile.cni.version}`);
      }
      if (!kc) problems.push('Deployment calico-kube-controllers not found');
      else {
        evidence.push(`Deployment ${kc.namespace}/calico-kube-controllers: available ${kc.available}/${kc.desired}, images ${kc.images.join(', ')}`);
        if (kc.available < 1) problems.push('calico-kube-controllers not available');
        if (kc.images.some((i) => !i.endsWith(`:${ctx.profile.cni.version}`))) problems.push(`calico-kube-controllers image ≠ ${ctx.profile.cni.version}`);
      }
      const expected = `calico-node ready on every node, calico-kube-controllers available, Calico ${ctx.profile.cni.version}`;
      return problems.length
        ? verdict.fail(problems.join('; '), expected, evidence)
        : verdict.pass(`Calico ${ctx.profile.cni.version} ready`, expected, evidence);
    },
  }),
  clusterRequirement({
    id: 'FLANNEL-READY',
    title: 'flannel DaemonSet kube-flannel-ds ready on every node; version = profile',
    phase,
    group: 'cni',
    severity: 'error',
    source: '001 (部署网络插件)',
    remediation: ({ profile }) =>
      notMyCni(profile, 'flannel') ??
      'kubectl -n kube-flannel get pods -l app=flannel -o wide (kube-system for older manifests); kubectl logs <pod> -c kube-flannel; the node needs br_netfilter and a podCIDR (kubeadm init --pod-network-cidr).',
    targets: (s, ctx) => (ctx.profile.cni.name === 'flannel' ? ['*', ...nodeNames(s)] : ['*']),
    check: (s, ctx, target) => {
      if (ctx.profile.cni.name !== 'flannel') return verdict.skip(cniSkip(ctx.profile.cni.name, 'flannel'));
      const isFlannel = (p: { labels: Record<string, string>; name: string }) => p.labels.app === 'flannel' || p.name.startsWith('kube-flannel-ds');
      if (target !== '*') {
        const p = podsOn(s, target).find(isFlannel);
        if (!p) return verdict.fail(`no flannel pod on ${target}`, 'a Ready kube-flannel-ds pod on this node');
        const bad = badPodReason(p);
        return bad
          ? verdict.fail(`${p.name} ${bad}`, 'a Ready kube-flannel-ds pod on this node', podEvidence(p, s))
          : verdict.pass(`${p.name} Ready`, 'a Ready kube-flannel-ds pod on this node');
      }
      // 001's manifest (2019) had one DaemonSet per architecture: kube-flannel-ds-amd64, -arm64 …
      const ds = items(s.workloads, 'DaemonSets').filter((x) => x.kind === 'DaemonSet' && x.name.startsWith('kube-flannel-ds'));
      const expected = `kube-flannel-ds ready on every node${ctx.profile.cni.version ? `, flannel ${ctx.profile.cni.version}` : ''}`;
      if (!ds.length) return verdict.fail('DaemonSet kube-flannel-ds not found in kube-flannel or kube-system', expected);
      const evidence = ds.map((d) => `DaemonSet ${d.namespace}/${d.name}: desired ${d.desired}, ready ${d.ready}, images ${d.images.join(', ')}`);
      const problems: string[] = [];
      const desired = ds.reduce((a, d) => a + d.desired, 0);
      const ready = ds.reduce((a, d) => a + d.ready, 0);
      if (desired === 0 || ready < desired) problems.push(`flannel ready ${ready}/${desired}`);
      // flannel's own image, not its CNI plugin: judged on the image name without the tag, because the plugin's tag
      // itself names flannel (docker.io/flannel/flannel-cni-plugin:v1.4.0-flannel1, rancher/mirrored-flannelcni-flannel-cni-plugin)
      const imageName = (i: string) => (i.split('/').at(-1) ?? '').split(/[:@]/)[0]!;
      const imgs = ds.flatMap((d) => d.images).filter((i) => /flannel/.test(imageName(i)) && !/cni-plugin/.test(imageName(i)));
      const v = ctx.profile.cni.version;
      if (v) {
        const wrong = imgs.filter((i) => !(i.split(':').at(-1) ?? '').startsWith(v));
        if (wrong.length) problems.push(`flannel image(s) ${wrong.join(', ')} ≠ ${v}`);
      }
      return problems.length ? verdict.fail(problems.join('; '), expected, evidence) : verdict.pass(`flannel ready ${ready}/${desired}`, expected, evidence);
    },
  }),
  clusterRequirement({
    id: 'FLANNEL-CONFIG',
    title: "flannel's net-conf.json: Network = podSubnet, Backend as the profile says",
    phase,
    group: 'cni',
    severity: 'error',
    source: '001 (--pod-network-cidr=10.244.0.0/16 for flannel)',
    remediation: ({ profile }) =>
      notMyCni(profile, 'flannel') ??
      `kubectl -n kube-flannel edit cm kube-flannel-cfg: net-conf.json "Network" = the podSubnet (${profile.podSubnet}); then kubectl -n kube-flannel rollout restart ds kube-flannel-ds.`,
    check: (s, ctx) => {
      if (ctx.profile.cni.name !== 'flannel') return verdict.skip(cniSkip(ctx.profile.cni.name, 'flannel'));
      const cm = s.configMaps['kube-flannel-cfg'];
      const want = ctx.profile.podSubnet;
      const backend = ctx.profile.cni.backend ?? 'vxlan';
      const expected = `Network ${want}, Backend ${backend}`;
      if (!cm?.ok && cm?.status === 404) return verdict.fail('ConfigMap kube-flannel-cfg not found in kube-flannel or kube-system', expected);
      const data = configMap(s, 'kube-flannel-cfg');
      const raw = data['net-conf.json'];
      if (raw === undefined) return verdict.fail('kube-flannel-cfg has no net-conf.json key', expected);
      let nc: { Network?: string; Backend?: { Type?: string } };
      try {
        nc = JSON.parse(raw);
      } catch (e) {
        return verdict.fail(`net-conf.json is not valid JSON: ${(e as Error).message}`, expected, [raw.slice(0, 300)]);
      }
      const evidence = [`${cm!.namespace}/kube-flannel-cfg net-conf.json: Network ${nc.Network ?? 'unset'}, Backend ${nc.Backend?.Type ?? 'unset (udp)'}`];
      const problems: string[] = [];
      if (nc.Network !== want) problems.push(`Network ${nc.Network ?? 'unset'} ≠ podSubnet ${want}`);
      if ((nc.Backend?.Type ?? 'udp') !== backend) problems.push(`Backend ${nc.Backend?.Type ?? 'unset (udp)'} ≠ ${backend}`);
      return problems.length ? verdict.fail(problems.join('; '), expected, evidence) : verdict.pass(expected, expected, evidence);
    },
  }),
  clusterRequirement({
    id: 'CALICO-IPPOOL',
    title: "Calico's IP pool equals the cluster podSubnet",
    phase,
    group: 'cni',
    severity: 'warn',
    source: '000 (八)',
    remediation: ({ profile }) =>
      notMyCni(profile, 'calico') ??
      `Set CALICO_IPV4POOL_CIDR in calico.yaml to the podSubnet (${profile.podSubnet}) before applying it; an existing pool must be replaced (calicoctl).`,
    check: (s, ctx) => {
      if (ctx.profile.cni.name !== 'calico') return verdict.skip(cniSkip(ctx.profile.cni.name, 'calico'));
      if (!s.ipPools.ok)
        return verdict.skip(
          s.ipPools.status === 404
            ? 'the Calico IPPool CRD (crd.projectcalico.org/v1) is not installed'
            : s.ipPools.status === 403
              ? `not allowed to read IPPools: ${s.ipPools.error}`
              : `cannot read IPPools: ${s.ipPools.error}`,
        );
      const cidrs = s.ipPools.items.map((p) => `${p.name}: ${p.cidr}`);
      const ok = s.ipPools.items.some((p) => p.cidr === ctx.profile.podSubnet);
      return ok
        ? verdict.pass(cidrs.join(', '), `a pool with ${ctx.profile.podSubnet}`, cidrs)
        : verdict.fail(`pools: ${list(cidrs)}`, `a pool with ${ctx.profile.podSubnet}`, cidrs);
    },
  }),
  {
    id: 'PROXY-IPVS',
    title: 'kube-proxy in the profile mode (ipvs with strictARP), on every node',
    phase,
    group: 'kube-proxy',
    severity: 'error',
    source: '000 (八), 001',
    remediation: ({ profile }) => {
      const ipvs = profile.proxyMode === 'ipvs';
      return `kubectl -n kube-system edit configmap kube-proxy: mode: "${profile.proxyMode}"${ipvs && profile.strictARP ? ', ipvs.strictARP: true' : ''}; then kubectl -n kube-system rollout restart daemonset kube-proxy.${ipvs ? ' The ip_vs modules must be loaded on every node.' : ''}`;
    },
    targets: (ctx) => ['*', ...clusterHosts(ctx).map((h) => h.spec.name)],
    judge(ctx, target) {
      const want = ctx.profile.proxyMode;
      if (target === '*') {
        const s = snapshotOf(ctx);
        const cfg = yamlDoc<{ mode?: string; ipvs?: { strictARP?: boolean } }>(configMap(s, 'kube-proxy')['config.conf'], 'kube-proxy ConfigMap config.conf');
        const mode = cfg?.mode || 'iptables';
        const ev = [`kube-system/kube-proxy config.conf: mode: "${cfg?.mode ?? ''}", ipvs.strictARP: ${cfg?.ipvs?.strictARP ?? 'unset'}`];
        // strictARP as the design says: the reference design sets it (MetalLB-style ARP), 001 never did
        const strict = want === 'ipvs' && ctx.profile.strictARP;
        const problems = [
          mode !== want && `mode ${mode} ≠ ${want}`,
          strict && cfg?.ipvs?.strictARP !== true && `ipvs.strictARP ${cfg?.ipvs?.strictARP ?? 'unset'} ≠ true`,
        ].filter(Boolean) as string[];
        const expected = `mode ${want}${strict ? ', strictARP true' : want === 'ipvs' ? ' (strictARP not required: profile strictARP false)' : ''}`;
        return problems.length ? verdict.fail(problems.join('; '), expected, ev) : verdict.pass(`mode ${mode}`, expected, ev);
      }
      const { facts, error, skip } = hostFacts(ctx, target);
      if (skip) return verdict.skip(skip);
      if (!facts) return verdict.error(error!);
      const nh = need(facts.nodeHealth);
      if (!nh) return verdict.error('node-side health was not probed');
      const pm = nh.endpoints['http://127.0.0.1:10249/proxyMode'] ?? '';
      const mode = /^(\w+)\s+http=200/.exec(pm)?.[1];
      const ev = [`127.0.0.1:10249/proxyMode: ${pm || 'no answer'}`];
      if (mode !== want) return verdict.fail(`kube-proxy reports ${mode ?? `nothing (${pm || 'no answer'})`}`, `kube-proxy reports ${want}`, ev);
      if (want === 'ipvs') {
        const vip = firstServiceIP(ctx.profile.serviceSubnet);
        ev.push(
          ...nh.ipvsadm.output
            .split('\n')
            .filter((l) => l.includes(vip))
            .slice(0, 3),
        );
        if (nh.ipvsadm.rc !== 0) return verdict.error(`ipvsadm -Ln failed (exit ${nh.ipvsadm.rc}): ${nh.ipvsadm.output.slice(0, 200)}`);
        if (!nh.ipvsadm.output.includes(`${vip}:443`))
          return verdict.fail(`ipvsadm -Ln has no virtual server ${vip}:443 (the kubernetes Service)`, `ipvs, with ${vip}:443 in ipvsadm -Ln`, ev);
      }
      return verdict.pass(`kube-proxy reports ${mode}`, `kube-proxy reports ${want}`, ev);
    },
  },
  clusterRequirement({
    id: 'KUBEADM-CONFIG',
    title: 'kubeadm-config matches the profile / init.yaml',
    phase,
    group: 'config',
    severity: 'error',
    source: '000 (八)',
    remediation:
      'A wrong ClusterConfiguration is fixed by re-initialising, or for some fields by kubeadm upgrade apply --config; compare kubectl -n kube-system get cm kubeadm-config -o yaml with init.yaml.',
    check: (s, ctx) => {
      const c = yamlDoc<{
        kubernetesVersion?: string;
        imageRepository?: string;
        networking?: { podSubnet?: string; serviceSubnet?: string };
        controlPlaneEndpoint?: string;
      }>(configMap(s, 'kubeadm-config').ClusterConfiguration, 'kubeadm-config ClusterConfiguration');
      const p = ctx.profile;
      const pairs: [string, string | undefined, string][] = [
        ['kubernetesVersion', c?.kubernetesVersion, `v${p.kubernetesVersion}`],
        ['imageRepository', c?.imageRepository, p.imageRepository],
        ['networking.podSubnet', c?.networking?.podSubnet, p.podSubnet],
        ['networking.serviceSubnet', c?.networking?.serviceSubnet, p.serviceSubnet],
      ];
      const evidence = pairs.map(([k, v]) => `${k}: ${v ?? 'unset'}`);
      const bad = pairs
        .filter(([, v, want]) => (v ?? '').replace(/^v?/, 'v') !== want.replace(/^v?/, 'v'))
        .map(([k, v, want]) => `${k} ${v ?? 'unset'} ≠ ${want}`);
      if (p.advertiseAddress) {
        const api = items(s.pods, 'pods').find((x) => x.name.startsWith('kube-apiserver-'));
        const adv = api?.advertise;
        evidence.push(`kube-apiserver advertise-address: ${adv ?? 'unknown'}`);
        if (adv && adv !== p.advertiseAddress) bad.push(`advertise address ${adv} ≠ ${p.advertiseAddress}`);
      }
      return bad.length
        ? verdict.fail(bad.join('; '), 'as in the profile / init.yaml', evidence)
        : verdict.pass('matches', 'as in the profile / init.yaml', evidence);
    },
  }),
  clusterRequirement({
    id: 'KUBELET-CONFIG',
    title: 'kubelet-config cgroupDriver = profile (systemd in the reference design)',
    phase,
    group: 'config',
    severity: 'error',
    source: '000 (八), 001 (kubelet-config-1.13)',
    remediation: ({ profile }) => kubeletConfigRemediation(profile),
    check: (s, ctx) => {
      // kubeadm ≤ 1.23 named it kubelet-config-1.X
      const name = kubeadmFacts(ctx.profile.kubernetesVersion).kubeletConfigMap;
      const k = yamlDoc<{ cgroupDriver?: string }>(configMap(s, 'kubelet-config').kubelet, `${name} key kubelet`);
      const got = k?.cgroupDriver ?? 'cgroupfs (unset)';
      const ev = [`${name}: cgroupDriver: ${got}`];
      return got === ctx.profile.cgroupDriver ? verdict.pass(got, ctx.profile.cgroupDriver, ev) : verdict.fail(got, ctx.profile.cgroupDriver, ev);
    },
  }),
  clusterRequirement({
    id: 'DNS-READY',
    title: 'CoreDNS available; kube-dns has endpoints',
    phase,
    group: 'dns',
    severity: 'error',
    source: '002',
    remediation: ({ profile }) => {
      const n = profile.cni.name;
      const until = n === 'none' ? 'a CNI is applied (the design names none)' : `the CNI (${n === 'calico' ? 'Calico' : n}) is ready`;
      return `kubectl -n kube-system get deploy coredns; CoreDNS stays Pending until ${until}; check its image in ${profile.imageRepository}/coredns.`;
    },
    check: (s) => {
      const w = items(s.workloads, 'Deployments');
      const d = w.find((x) => x.kind === 'Deployment' && x.name === 'coredns');
      const ev = [
        d ? `Deployment coredns: available ${d.available}/${d.desired}` : 'Deployment coredns: not found',
        s.dnsEndpoints.ok ? `Endpoints kube-dns: ${s.dnsEndpoints.addresses} ready address(es)` : `Service/Endpoints kube-dns: ${s.dnsEndpoints.error}`,
      ];
      const problems = [
        !d ? 'no coredns Deployment' : d.available < 1 ? `coredns available ${d.available}/${d.desired}` : '',
        !s.dnsEndpoints.ok ? 'kube-dns Service or Endpoints missing' : s.dnsEndpoints.addresses === 0 ? 'kube-dns has no ready endpoints' : '',
      ].filter(Boolean);
      return problems.length
        ? verdict.fail(problems.join('; '), 'coredns available, kube-dns endpoints', ev)
        : verdict.pass('ready', 'coredns available, kube-dns endpoints', ev);
    },
  }),
  clusterRequirement({
    id: 'CERTS-EXPIRY',
    title: 'API serving certificate and cluster CA not expiring',
    phase,
    group: 'security',
    severity: 'warn',
    source: '001 (certificates last one year)',
    remediation: ({ profile }) => {
      // kubeadm certs is GA from 1.20, `kubeadm alpha certs` before; check-expiration exists from 1.15
      const v = profile.kubernetesVersion;
      const certs = compareVersions(v, '1.20') >= 0 ? 'kubeadm certs' : 'kubeadm alpha certs';
      const check = compareVersions(v, '1.15') >= 0 ? `${certs} check-expiration` : 'openssl x509 -noout -enddate -in /etc/kubernetes/pki/apiserver.crt';
      return `${check}; ${certs} renew all, then restart the control-plane static pods (move the manifests out and back).`;
    },
    check: (s, ctx) => {
      if (!s.servingCert && !s.caCert) return verdict.error(`no certificate read: ${s.tlsError ?? 'unknown'}`);
      const warnDays = ctx.profile.certWarnDays;
      const certs = [
        ['API serving certificate', s.servingCert],
        ['cluster CA', s.caCert],
      ] as const;
      const evidence = certs.filter(([, c]) => c).map(([n, c]) => `${n}: ${c!.subject}, not after ${c!.notAfter} (${c!.daysLeft} days)`);
      const expired = certs.filter(([, c]) => c && c.daysLeft < 0).map(([n]) => n);
      const soon = certs.filter(([, c]) => c && c.daysLeft >= 0 && c.daysLeft < warnDays).map(([n, c]) => `${n} in ${c!.daysLeft} days`);
      const expected = `more than ${warnDays} days left`;
      if (expired.length) return verdict.fail(`expired: ${expired.join(', ')}`, expected, evidence, { severity: 'error' });
      if (soon.length) return verdict.warn(`expiring: ${soon.join(', ')}`, expected, evidence);
      return verdict.pass(
        certs
          .filter(([, c]) => c)
          .map(([n, c]) => `${n} ${c!.daysLeft} days`)
          .join(', '),
        expected,
        evidence,
      );
    },
  }),
  clusterRequirement({
    id: 'TOKENS-TTL',
    title: 'No bootstrap token that never expires',
    phase,
    group: 'security',
    severity: 'warn',
    source: '000 (十)',
    remediation: 'kubeadm token list; kubeadm token delete <id> for tokens created with --ttl=0; create join tokens with the default 24h TTL.',
    check: (s) => {
      const t = items(s.tokens, 'bootstrap token Secrets');
      const forever = t.filter((x) => !x.expiration).map((x) => x.name);
      const ev = t.map((x) => `${x.name}: ${x.expiration ? `expires ${x.expiration}` : 'never expires'} (${x.usages.join(', ')})`);
      return forever.length
        ? verdict.fail(`${forever.length} token(s) never expire: ${forever.join(', ')}`, 'every bootstrap token has an expiration', ev)
        : verdict.pass(`${t.length} token(s), all expiring`, 'every bootstrap token has an expiration', ev);
    },
  }),
  clusterRequirement({
    id: 'CP-TAINT',
    title: 'Control-plane nodes carry the NoSchedule taint',
    phase,
    group: 'nodes',
    severity: 'warn',
    source: '001',
    remediation: ({ profile, target }) => `kubectl taint nodes ${target === '*' ? '<name>' : target} ${taintKey(profile.kubernetesVersion)}:NoSchedule`,
    targets: (s) =>
      items(s.nodes, 'nodes')
        .filter((n) => isControlPlane(n.labels))
        .map((n) => n.name),
    check: (s, ctx, name) => {
      const n = nodeNamed(s, name)!;
      // the key kubeadm used: node-role.kubernetes.io/master up to 1.23, both in 1.24, control-plane from 1.25
      const keys = kubeadmFacts(ctx.profile.kubernetesVersion).taintKeys;
      const ok = n.taints.some((t) => keys.includes(t.key) && t.effect === 'NoSchedule');
      const ev = [`taints: ${list(n.taints.map((t) => `${t.key}:${t.effect}`))}`];
      const expected = keys.map((k) => `${k}:NoSchedule`).join(' or ');
      return ok
        ? verdict.pass('tainted', expected, ev)
        : verdict.fail('no control-plane NoSchedule taint: workloads can land on the control plane', expected, ev);
    },
  }),
  {
    id: 'DATAPLANE',
    title: 'Pod-to-pod across nodes, ClusterIP, NodePort and DNS work (opt-in)',
    phase,
    group: 'dataplane',
    severity: 'error',
    source: '001 四',
    remediation: ({ profile }) => {
      const pods = cniPods(profile);
      const proxy = profile.proxyMode === 'ipvs' ? 'ipvsadm -Ln' : profile.proxyMode === 'nftables' ? 'nft list ruleset' : 'iptables-save';
      const n = profile.cni.name;
      const ports =
        n === 'calico'
          ? 'BGP 179, IPIP'
          : n === 'flannel'
            ? (profile.cni.backend ?? 'vxlan') === 'vxlan'
              ? 'VXLAN 8472/udp'
              : `flannel's ${profile.cni.backend} backend`
            : "the CNI's ports";
      return `Check ${pods ? `${pods} on both nodes` : 'the CNI (the design names none)'}, kube-proxy (${proxy}), and firewalls between the nodes (${ports}).`;
    },
    targets: () => ['*'],
    judge(ctx) {
      const c = ctx.extra.cluster as ClusterExtra | undefined;
      const d = c?.dataplane;
      if (!d) return verdict.skip('opt-in: run with --dataplane (creates a test namespace, removes it afterwards)');
      const ev = [...d.probes.map((p) => p.detail), `namespace ${d.namespace}: ${d.cleanedUp ? 'deleted' : 'NOT deleted'}`];
      if (d.error) return { ...verdict.error(d.error), evidence: ev };
      return d.ok
        ? verdict.pass(`${d.probes.length} probes ok`, 'every probe ok', ev)
        : verdict.fail(
            d.probes
              .filter((p) => !p.ok)
              .map((p) => p.name)
              .join(', '),
            'every probe ok',
            ev,
          );
    },
  },
];
