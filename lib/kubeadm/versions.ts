// What kubeadm expects, per version, from kubeadm 1.13 through 1.37 — the one home of this knowledge.
//
// Every value was read from the kubernetes/kubernetes sources at the release tag named in its `source`
// (the Go module k8s.io/kubernetes as proxy.golang.org serves it for that tag; the module zip is the tagged
// tree minus vendor/ and staging/). The per-patch image table is in ./image-table.ts, how it was read in
// ./README.md. Paths are relative to the repository root, e.g. cmd/kubeadm/app/constants/constants.go@v1.29.2.
// Nothing here is guessed: where a source could not be read it says so (see `verified` / `note`).
import { IMAGE_ROWS, type ImageRow } from './image-table.ts';

export const FIRST_MINOR = 13;
export const LAST_MINOR = 37;

export type RuntimeName = 'containerd' | 'docker' | 'cri-o';
export const RUNTIMES: readonly RuntimeName[] = ['containerd', 'docker', 'cri-o'];

export class UnknownKubeadmVersionError extends Error {
  constructor(version: string, why: string) {
    super(`unknown kubeadm version ${JSON.stringify(version)}: ${why} (lib/kubeadm/versions.ts knows 1.${FIRST_MINOR} through 1.${LAST_MINOR})`);
    this.name = 'UnknownKubeadmVersionError';
  }
}

export interface KubeVersion {
  minor: number;
  /** undefined when only a minor was given ("1.29"): minor-level facts work, images() needs a patch */
  patch?: number;
  /** normalised "1.29.2" / "1.29" */
  text: string;
}

export function parseKubeVersion(version: string): KubeVersion {
  const m = /^v?1\.(\d+)(?:\.(\d+))?(?:[-+][0-9A-Za-z.+-]*)?$/.exec(version.trim());
  if (!m) throw new UnknownKubeadmVersionError(version, 'not a Kubernetes 1.x version (expected e.g. v1.29.2)');
  const minor = Number(m[1]);
  const patch = m[2] === undefined ? undefined : Number(m[2]);
  if (minor < FIRST_MINOR || minor > LAST_MINOR) throw new UnknownKubeadmVersionError(version, `minor ${minor} is out of range`);
  return { minor, patch, text: patch === undefined ? `1.${minor}` : `1.${minor}.${patch}` };
}

export interface Taint {
  key: string;
  effect: 'NoSchedule';
}
export interface KubeadmImage {
  /** kube-apiserver, kube-controller-manager, kube-scheduler, kube-proxy, coredns, pause, etcd */
  component: 'kube-apiserver' | 'kube-controller-manager' | 'kube-scheduler' | 'kube-proxy' | 'coredns' | 'pause' | 'etcd';
  /** the image name under the repository, e.g. kube-apiserver or coredns/coredns */
  name: string;
  tag: string;
  /** full reference as `kubeadm config images list` prints it */
  ref: string;
}
export interface ImageSet {
  etcd: string;
  coredns: string;
  pause: string;
  defaultRepository: string;
  /** the CoreDNS image name kubeadm uses under its own default repository (coredns/coredns from 1.21) */
  corednsUnderDefault: string;
  /** … and under any other repository (coredns, except 1.21.0–1.21.1 which used coredns/coredns everywhere) */
  corednsUnderOther: string;
  /** false when the exact patch could not be read (the proxy refused it) and the value is the nearest read one */
  verified: boolean;
  source: string;
  note?: string;
}
export interface RuntimeSupport {
  supported: boolean;
  /** the CRI endpoint kubeadm uses (or detects) for this runtime */
  socket: string;
  /** what else the runtime needs, e.g. cri-dockerd for Docker from 1.24 */
  needs?: string;
  why: string;
}
export interface Ports {
  apiserver: number;
  etcdClient: number;
  etcdPeer: number;
  /** etcd's --listen-metrics-urls on 127.0.0.1 (kubeadm 1.16+) */
  etcdMetrics?: number;
  kubelet: number;
  kubeletHealthz: number;
  kubeProxyMetrics: number;
  kubeProxyHealthz: number;
  schedulerSecure: number;
  controllerManagerSecure: number;
  /** insecure HTTP ports still served (kubeadm ≤ 1.18); undefined once kubeadm disables or the components drop them */
  schedulerInsecure?: number;
  controllerManagerInsecure?: number;
  /** where kubeadm's liveness probes look (insecure HTTP until 1.16, secure HTTPS from 1.17) */
  probes: { scheduler: { port: number; scheme: 'HTTP' | 'HTTPS' }; controllerManager: { port: number; scheme: 'HTTP' | 'HTTPS' } };
  /** what listens on a control-plane host of this version */
  controlPlaneListening: number[];
  /** what listens on every node (kubelet, kube-proxy) */
  nodeListening: number[];
  /** ports kubeadm init's preflight (PortOpenCheck) wants free on a control-plane node; kubeadm join checks only the kubelet's */
  preflightFree: number[];
  note: string;
  source: string;
}
export interface KernelRule {
  /** k8s.io/system-validators version (or the copy vendored in kubeadm before 1.17) */
  validators: string;
  /** DefaultSysSpec.KernelSpec.Versions, as Go regular expressions */
  versions: string[];
  /** lowest release the regexes accept, for messages */
  min: string;
  note: string;
  source: string;
}
export interface Skew {
  /** kubeadm refuses (preflight KubeletVersion) kubelets older than this minor */
  kubeadmMinKubeletMinor: number;
  /** kubeadm refuses control planes older than this minor */
  kubeadmMinControlPlaneMinor: number;
  /** the version skew policy: a kubelet may be this many minors older than the API server */
  policyKubeletMinorsBehind: number;
  source: string;
}
export interface Binaries {
  /** preflight InPathCheck mandatory: true (errors) */
  mandatory: string[];
  /** preflight InPathCheck mandatory: false (warnings) */
  optional: string[];
  /** crictl: 'always' required, 'unless-docker' (not with dockershim), 'optional' (warning), 'no' (not checked) */
  crictl: 'always' | 'unless-docker' | 'optional' | 'no';
  source: string;
}
export interface DockerRule {
  /** DockerSpec.Version regexes of the validators kubeadm used */
  validated: string[];
  latestValidated: string;
  validators: string;
  source: string;
}
export interface KubeadmFacts {
  version: KubeVersion;
  minor: number;
  imageSet(): ImageSet;
  /**
   * What this kubeadm prints for `kubeadm config images list --kubernetes-version v<kubernetesVersion>
   * [--image-repository <imageRepository>]`; kubernetesVersion defaults to kubeadm's own and must be of the same
   * minor (another minor's etcd comes from a map this table does not keep).
   */
  images(imageRepository?: string, kubernetesVersion?: string): KubeadmImage[];
  defaultImageRepository(): string;
  /** taints kubeadm init puts on a control-plane node */
  controlPlaneTaints: Taint[];
  taintKeys: string[];
  /** labels kubeadm init puts on a control-plane node */
  controlPlaneLabels: string[];
  kubeletConfigMap: string;
  kubeletConfigMapKey: 'kubelet';
  kubeletConfigMapNote: string;
  ports: Ports;
  kernel: KernelRule;
  skew: Skew;
  runtimes: Record<RuntimeName, RuntimeSupport>;
  /** the CRI socket kubeadm uses for a runtime (the dockershim socket for Docker up to 1.23, cri-dockerd's after) */
  defaultCriSocket(runtime?: RuntimeName): string;
  /** a reason when criSocket cannot work with this version (dockershim after 1.23), else undefined */
  criSocketProblem(criSocket: string): string | undefined;
  binaries: Binaries;
  /** Docker Engine versions kubeadm's SystemVerification validates (up to 1.23); undefined from 1.24 (no dockershim, no Docker check) */
  docker?: DockerRule;
}

// ---- sources ---------------------------------------------------------------------------------------------
const K = 'kubernetes/kubernetes';
const at = (path: string, tags: string) => `${K} ${path} @ ${tags}`;

// ---- taints and labels -------------------------------------------------------------------------------------
export const MASTER_TAINT_KEY = 'node-role.kubernetes.io/master';
export const CONTROL_PLANE_TAINT_KEY = 'node-role.kubernetes.io/control-plane';
export const MASTER_LABEL = 'node-role.kubernetes.io/master';
export const CONTROL_PLANE_LABEL = 'node-role.kubernetes.io/control-plane';
export const EXCLUDE_LB_LABEL = 'node.kubernetes.io/exclude-from-external-load-balancers';
const TAINT_SOURCE = at(
  'cmd/kubeadm/app/util/config/initconfiguration.go (SetNodeRegistrationDynamicDefaults) + constants.go (OldControlPlaneTaint, ControlPlaneTaint)',
  'v1.20.0 v1.23.0 v1.24.0 v1.25.0',
);
const LABEL_SOURCE = at('cmd/kubeadm/app/phases/markcontrolplane/markcontrolplane.go', 'v1.13.0 v1.19.0 v1.20.0 v1.21.0 v1.24.0 v1.37.0');

function taintKeysFor(minor: number): string[] {
  if (minor <= 23) return [MASTER_TAINT_KEY];
  if (minor === 24) return [MASTER_TAINT_KEY, CONTROL_PLANE_TAINT_KEY];
  return [CONTROL_PLANE_TAINT_KEY];
}
function labelsFor(minor: number): string[] {
  if (minor <= 19) return [MASTER_LABEL];
  if (minor === 20) return [MASTER_LABEL, CONTROL_PLANE_LABEL];
  if (minor <= 23) return [MASTER_LABEL, CONTROL_PLANE_LABEL, EXCLUDE_LB_LABEL];
  return [CONTROL_PLANE_LABEL, EXCLUDE_LB_LABEL];
}

// ---- kubelet ConfigMap -----------------------------------------------------------------------------------
const KUBELET_CM_SOURCE = at(
  'cmd/kubeadm/app/constants/constants.go (KubeletBaseConfigurationConfigMapPrefix / KubeletBaseConfigurationConfigMap) + cmd/kubeadm/app/features/features.go (UnversionedKubeletConfigMap)',
  'v1.13.0 v1.23.0 v1.24.0 v1.25.0 v1.26.0',
);
function kubeletConfigMapFor(minor: number): { name: string; note: string } {
  if (minor <= 22) return { name: `kubelet-config-1.${minor}`, note: 'versioned name (KubeletBaseConfigurationConfigMapPrefix "kubelet-config-" + minor)' };
  if (minor === 23)
    return {
      name: 'kubelet-config-1.23',
      note: 'feature gate UnversionedKubeletConfigMap alpha, default off: "kubelet-config-1.23" (with the gate on: "kubelet-config")',
    };
  if (minor === 24)
    return {
      name: 'kubelet-config',
      note: 'feature gate UnversionedKubeletConfigMap beta, default on: "kubelet-config" (with the gate off: "kubelet-config-1.24")',
    };
  return {
    name: 'kubelet-config',
    note: minor === 25 ? 'UnversionedKubeletConfigMap GA and locked on in 1.25; the gate is gone from 1.26' : 'unversioned name',
  };
}

// ---- ports -----------------------------------------------------------------------------------------------
const PORT_SOURCE = at(
  'pkg/cluster/ports/ports.go, cmd/kubeadm/app/constants/constants.go (EtcdListenClientPort, EtcdListenPeerPort, EtcdMetricsPort, KubeletHealthzPort, KubeSchedulerPort, KubeControllerManagerPort), cmd/kubeadm/app/phases/controlplane/manifests.go (liveness probes, "port": "0"), cmd/kubeadm/app/preflight/checks.go (PortOpenCheck)',
  'v1.13.0 v1.16.0 v1.17.0 v1.19.0 v1.22.0 v1.23.0 v1.29.0',
);
function portsFor(minor: number): Ports {
  const insecureServed = minor <= 18; // 1.19–1.22: kubeadm passes --port=0; 1.23+: the flag and the ports are gone
  const probesSecure = minor >= 17;
  const p: Ports = {
    apiserver: 6443,
    etcdClient: 2379,
    etcdPeer: 2380,
    etcdMetrics: minor >= 16 ? 2381 : undefined,
    kubelet: 10250,
    kubeletHealthz: 10248,
    kubeProxyMetrics: 10249,
    kubeProxyHealthz: 10256,
    schedulerSecure: 10259,
    controllerManagerSecure: 10257,
    schedulerInsecure: insecureServed ? 10251 : undefined,
    controllerManagerInsecure: insecureServed ? 10252 : undefined,
    probes: {
      scheduler: probesSecure ? { port: 10259, scheme: 'HTTPS' } : { port: 10251, scheme: 'HTTP' },
      controllerManager: probesSecure ? { port: 10257, scheme: 'HTTPS' } : { port: 10252, scheme: 'HTTP' },
    },
    controlPlaneListening: [],
    nodeListening: [10250, 10256],
    preflightFree: [6443, ...(probesSecure ? [10259, 10257] : [10251, 10252]), 2379, 2380, 10250],
    note: insecureServed
      ? probesSecure
        ? 'insecure 10251/10252 still served (kubeadm sets no --port=0 until 1.19); liveness probes on the secure 10259/10257'
        : 'liveness probes on the insecure HTTP ports 10251/10252; secure 10259/10257 are served too'
      : minor <= 22
        ? 'kubeadm passes --port=0: the insecure 10251/10252 are closed'
        : 'the insecure ports no longer exist',
    source: PORT_SOURCE,
  };
  p.controlPlaneListening = [6443, 2379, 2380, 10250, 10256, 10257, 10259, ...(insecureServed ? [10251, 10252] : [])];
  return p;
}

/** The /healthz URLs kubeadm's own liveness probes use, per component (the node-side CP-HEALTHZ check). */
export function componentHealthUrls(version: string): { 'kube-scheduler': string; 'kube-controller-manager': string } {
  const { probes } = kubeadmFacts(version).ports;
  const url = (p: { port: number; scheme: string }) => `${p.scheme.toLowerCase()}://127.0.0.1:${p.port}/healthz`;
  return { 'kube-scheduler': url(probes.scheduler), 'kube-controller-manager': url(probes.controllerManager) };
}
/** Every URL componentHealthUrls() can return, for the probe (which runs before the version is judged). */
export const ALL_COMPONENT_HEALTH_URLS = [
  'https://127.0.0.1:10259/healthz',
  'https://127.0.0.1:10257/healthz',
  'http://127.0.0.1:10251/healthz',
  'http://127.0.0.1:10252/healthz',
];

// ---- kernel (preflight SystemVerification) ------------------------------------------------------------------
const V310 = '3.10';
export const KERNEL_RULES: { fromMinor: number; rule: KernelRule }[] = [
  {
    fromMinor: 13,
    rule: {
      validators: 'vendored cmd/kubeadm/app/util/system',
      versions: ['3\\.[1-9][0-9].*', '4\\..*'],
      min: V310,
      note: 'unanchored regexes: "Requires 3.10+ or 4+" (5.x matches `4\\..*` by accident)',
      source: at('cmd/kubeadm/app/util/system/types_unix.go', 'v1.13.0'),
    },
  },
  {
    fromMinor: 14,
    rule: {
      validators: 'vendored cmd/kubeadm/app/util/system',
      versions: ['3\\.[1-9][0-9].*', '4\\..*', '5\\..*'],
      min: V310,
      note: '"Requires 3.10+, 4+ or 5+" (unanchored)',
      source: at('cmd/kubeadm/app/util/system/types_unix.go', 'v1.14.0 v1.15.0'),
    },
  },
  {
    fromMinor: 16,
    rule: {
      validators: 'vendored cmd/kubeadm/app/util/system',
      versions: ['^3\\.[1-9][0-9].*$', '^([4-9]|[1-9][0-9]+)\\.([0-9]+)\\.([0-9]+).*$'],
      min: V310,
      note: '"Requires 3.10+, or newer"',
      source: at('cmd/kubeadm/app/util/system/types_unix.go', 'v1.16.0'),
    },
  },
  {
    fromMinor: 17,
    rule: {
      validators: 'k8s.io/system-validators v1.0.4 … v1.8.0',
      versions: ['^3\\.[1-9][0-9].*$', '^([4-9]|[1-9][0-9]+)\\.([0-9]+)\\.([0-9]+).*$'],
      min: V310,
      note: '"Requires 3.10+, or newer"',
      source: `${at('go.mod', 'v1.17.0 … v1.31.14')}; k8s.io/system-validators validators/types_unix.go @ v1.0.4 v1.8.0`,
    },
  },
  {
    fromMinor: 32,
    rule: {
      validators: 'k8s.io/system-validators v1.9.1 / v1.9.2',
      versions: ['^4\\.19.*$', '^4\\.[2-9][0-9].*$', '^([5-9]|[1-9][0-9]+)\\.([0-9]+)\\.([0-9]+).*$'],
      min: '4.19',
      note: '"Recommended LTS version from the 4.x series is 4.19. Any 5.x or 6.x versions are also supported."',
      source: `${at('go.mod', 'v1.32.0 v1.32.13 v1.33.0 v1.33.13')}; k8s.io/system-validators validators/types_unix.go @ v1.9.1 v1.9.2`,
    },
  },
  {
    fromMinor: 34,
    rule: {
      validators: 'k8s.io/system-validators v1.10.1 … v1.12.1',
      versions: ['^5\\.4.*$', '^5\\.10.*$', '^5\\.15.*$', '^([6-9]|[1-9][0-9]+)\\.([0-9]+)\\.([0-9]+).*$'],
      min: '5.4',
      note: '"Supported LTS versions from the 5.x series are 5.4, 5.10 and 5.15. Any 6.x version is also supported." (5.5–5.9, 5.11–5.14 and 5.16+ are refused)',
      source: `${at('go.mod', 'v1.34.0 v1.34.12 v1.35.0 v1.35.8 v1.36.5 v1.37.2')}; k8s.io/system-validators validators/types_unix.go @ v1.10.1 v1.10.2 v1.12.1`,
    },
  },
];
function kernelFor(minor: number): KernelRule {
  return [...KERNEL_RULES].reverse().find((r) => minor >= r.fromMinor)!.rule;
}
/** Does a kernel release (uname -r) pass kubeadm's SystemVerification kernel check of this version? */
export function kernelAccepted(rule: KernelRule, release: string): boolean {
  // Go's regexp.MatchString is unanchored unless the pattern anchors itself; JavaScript's test() is too.
  return rule.versions.some((re) => new RegExp(re).test(release));
}

// ---- skew ------------------------------------------------------------------------------------------------
function skewFor(minor: number): Skew {
  return {
    kubeadmMinKubeletMinor: minor - (minor >= 29 ? 3 : 1),
    kubeadmMinControlPlaneMinor: minor - 1,
    policyKubeletMinorsBehind: minor >= 28 ? 3 : 2,
    source: `${at('cmd/kubeadm/app/constants/constants.go (MinimumKubeletVersion, MinimumControlPlaneVersion)', 'v1.13.0 … v1.28.0: N-1; v1.29.0 … v1.37.0: getSkewedKubernetesVersion(-3)')}; version skew policy (kubernetes/website content/en/releases/version-skew-policy.md): kubelet N-2, N-3 from 1.28`,
  };
}

// ---- runtimes and CRI sockets ----------------------------------------------------------------------------------
export const DOCKERSHIM_SOCKET = '/var/run/dockershim.sock';
export const CRI_DOCKERD_SOCKET = 'unix:///var/run/cri-dockerd.sock';
const SOCKET_SOURCE = at(
  'cmd/kubeadm/app/constants/constants_unix.go (DefaultDockerCRISocket; CRISocketContainerd, CRISocketCRIO, CRISocketDocker, DefaultCRISocket), cmd/kubeadm/app/util/runtime/runtime_unix.go',
  'v1.13.0 v1.16.0 v1.23.0 v1.24.0 v1.37.0',
);
function runtimesFor(minor: number): Record<RuntimeName, RuntimeSupport> {
  if (minor <= 23) {
    return {
      docker: {
        supported: true,
        socket: DOCKERSHIM_SOCKET,
        why: `kubeadm 1.${minor} talks to Docker through the kubelet's built-in dockershim (${SOCKET_SOURCE})`,
      },
      containerd: { supported: true, socket: '/run/containerd/containerd.sock', why: `detected at /run/containerd/containerd.sock (${SOCKET_SOURCE})` },
      'cri-o': { supported: true, socket: '/var/run/crio/crio.sock', why: `detected at /var/run/crio/crio.sock (${SOCKET_SOURCE})` },
    };
  }
  return {
    docker: {
      supported: true,
      socket: CRI_DOCKERD_SOCKET,
      needs: 'cri-dockerd',
      why: `dockershim was removed in 1.24: kubeadm 1.${minor} reaches Docker Engine only through cri-dockerd (CRISocketDocker, ${SOCKET_SOURCE})`,
    },
    containerd: { supported: true, socket: 'unix:///var/run/containerd/containerd.sock', why: `CRISocketContainerd, the default (${SOCKET_SOURCE})` },
    'cri-o': { supported: true, socket: 'unix:///var/run/crio/crio.sock', why: `CRISocketCRIO (${SOCKET_SOURCE})` },
  };
}
const stripScheme = (s: string) => s.replace(/^unix:\/\//, '').replace(/^\/run\//, '/var/run/');
/** Every socket path kubeadm has used for a runtime, in /run and /var/run spelling (the probe stats them all). */
export const KNOWN_CRI_SOCKET_PATHS: string[] = [
  ...new Set(
    [13, 24]
      .flatMap((m) => Object.values(runtimesFor(m)).map((r) => r.socket.replace(/^unix:\/\//, '')))
      .flatMap((p) => [p.replace(/^\/var\/run\//, '/run/'), p.replace(/^\/run\//, '/var/run/')]),
  ),
];

// ---- Docker versions (preflight SystemVerification, DockerValidator; only while kubeadm used dockershim) -------
const D_OLD = ['1\\.1[1-3]\\..*', '17\\.0[3,6,9]\\..*'];
function dockerFor(minor: number): DockerRule | undefined {
  const vend = (tags: string) => at('cmd/kubeadm/app/util/system/types_unix.go, docker_validator.go', tags);
  const sv = (v: string, tags: string) => `${at('go.mod', tags)}; k8s.io/system-validators validators/types_unix.go, docker_validator.go @ ${v}`;
  if (minor === 13) return { validated: [...D_OLD, '18\\.06\\..*'], latestValidated: '18.06', validators: 'vendored', source: vend('v1.13.0 v1.13.12') };
  if (minor <= 16) return { validated: [...D_OLD, '18\\.0[6,9]\\..*'], latestValidated: '18.09', validators: 'vendored', source: vend('v1.14.0 … v1.16.15') };
  if (minor <= 20)
    return {
      validated: [...D_OLD, '18\\.0[6,9]\\..*', '19\\.03\\..*'],
      latestValidated: '19.03',
      validators: minor <= 18 ? 'v1.0.4' : minor === 19 ? 'v1.1.2' : 'v1.2.0',
      source: sv('v1.0.4 v1.1.2 v1.2.0', 'v1.17.0 … v1.20.15'),
    };
  if (minor <= 23)
    return {
      validated: [...D_OLD, '18\\.0[6,9]\\..*', '19\\.03\\..*', '20\\.10\\..*'],
      latestValidated: '20.10',
      validators: minor === 21 ? 'v1.4.0' : minor === 22 ? 'v1.5.0' : 'v1.6.0',
      source: sv('v1.4.0 v1.5.0 v1.6.0', 'v1.21.0 … v1.23.17'),
    };
  return undefined;
}
/**
 * What kubeadm's DockerValidator says of a Docker server version: 'validated'; 'unvalidated' — a newer
 * YY.MM.N version, only a preflight warning ("not on the list of validated versions"); 'unsupported' — an error.
 */
export function dockerVersionVerdict(rule: DockerRule, serverVersion: string): 'validated' | 'unvalidated' | 'unsupported' {
  if (rule.validated.some((re) => new RegExp(re).test(serverVersion))) return 'validated';
  return /\d{2}\.\d+\.\d+(?:-[a-z]{2})?/.test(serverVersion) ? 'unvalidated' : 'unsupported';
}

// ---- binaries (preflight InPathCheck) ----------------------------------------------------------------------
const BIN_SOURCE = at('cmd/kubeadm/app/preflight/checks.go, checks_linux.go (InPathCheck)', 'v1.13.0 … v1.37.0 (each .0)');
function binariesFor(minor: number): Binaries {
  const old = ['ebtables', 'ethtool', 'socat', 'tc', 'touch'];
  if (minor <= 17) return { mandatory: ['crictl', 'ip', 'iptables', 'mount', 'nsenter'], optional: old, crictl: 'unless-docker', source: BIN_SOURCE };
  if (minor <= 23)
    return { mandatory: ['conntrack', 'crictl', 'ip', 'iptables', 'mount', 'nsenter'], optional: old, crictl: 'unless-docker', source: BIN_SOURCE };
  if (minor <= 30) return { mandatory: ['conntrack', 'crictl', 'ip', 'iptables', 'mount', 'nsenter'], optional: old, crictl: 'always', source: BIN_SOURCE };
  if (minor === 31)
    return { mandatory: ['conntrack', 'ip', 'iptables', 'mount', 'nsenter'], optional: ['crictl', ...old], crictl: 'optional', source: BIN_SOURCE };
  // 1.32+: conntrack only for a target below 1.32, so never for this version's own clusters
  if (minor === 32) return { mandatory: ['ip', 'iptables', 'mount', 'nsenter'], optional: ['ethtool', 'tc', 'touch'], crictl: 'no', source: BIN_SOURCE };
  return { mandatory: ['cp', 'losetup', 'mount'], optional: [], crictl: 'no', source: BIN_SOURCE };
}

// ---- images --------------------------------------------------------------------------------------------------
export function imageRowFor(v: KubeVersion): ImageRow {
  if (v.patch === undefined)
    throw new UnknownKubeadmVersionError(
      v.text,
      'the image list depends on the kubeadm patch release (etcd and CoreDNS were bumped in patches): give a full version such as v1.29.2',
    );
  const rows = IMAGE_ROWS.filter((r) => r.minor === v.minor && r.fromPatch <= v.patch!);
  const row = rows[rows.length - 1];
  if (!row) throw new UnknownKubeadmVersionError(v.text, 'no image row');
  return row;
}

function imageSetFor(v: KubeVersion): ImageSet {
  const row = imageRowFor(v);
  const last = IMAGE_ROWS.filter((r) => r.minor === v.minor).reduce((m, r) => Math.max(m, r.lastReadPatch), 0);
  const beyond = v.patch! > last;
  const inGap = row.unreadBefore !== undefined && v.patch! < row.unreadBefore;
  const note = beyond
    ? `1.${v.minor}.${v.patch} is newer than the last patch read (1.${v.minor}.${last}); values of 1.${v.minor}.${last}`
    : inGap
      ? `1.${v.minor}.${v.patch} could not be read (the Go module proxy refused it); the values are those of 1.${v.minor}.${row.unreadBefore}, the first patch read after the change`
      : undefined;
  return {
    etcd: row.etcd,
    coredns: row.coredns,
    pause: row.pause,
    defaultRepository: row.repository,
    corednsUnderDefault: row.corednsName === 'coredns/coredns' || row.corednsRewrite ? 'coredns/coredns' : 'coredns',
    corednsUnderOther: row.corednsName,
    verified: !beyond && !inGap,
    source: `${K} cmd/kubeadm/app/constants/constants.go (SupportedEtcdVersion, DefaultEtcdVersion, CoreDNSVersion, CoreDNSImageName, PauseVersion), cmd/kubeadm/app/images/images.go, cmd/kubeadm/app/apis/kubeadm/v1beta*/defaults.go (DefaultImageRepository) @ ${row.readAt.map((p) => `v1.${v.minor}.${p}`).join(' ')}`,
    note,
  };
}

function imagesFor(v: KubeVersion, set: ImageSet, imageRepository?: string, kubernetesVersion?: string): KubeadmImage[] {
  const target = kubernetesVersion === undefined ? v : parseKubeVersion(kubernetesVersion);
  if (target.minor !== v.minor || target.patch === undefined)
    throw new UnknownKubeadmVersionError(
      kubernetesVersion!,
      `kubeadm ${v.text} lists images for a full ${v.text.split('.').slice(0, 2).join('.')}.x version only here`,
    );
  const repo = imageRepository ?? set.defaultRepository; // used verbatim, as kubeadm does (GetGenericImage: "%s/%s:%s")
  const corednsName = repo === set.defaultRepository ? set.corednsUnderDefault : set.corednsUnderOther;
  const img = (component: KubeadmImage['component'], name: string, tag: string): KubeadmImage => ({ component, name, tag, ref: `${repo}/${name}:${tag}` });
  const kube = (['kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kube-proxy'] as const).map((c) => img(c, c, `v${target.text}`));
  const coredns = img('coredns', corednsName, set.coredns);
  const pause = img('pause', 'pause', set.pause);
  const etcd = img('etcd', 'etcd', set.etcd);
  // cmd/kubeadm/app/images/images.go GetControlPlaneImages: CoreDNS last up to 1.28, after kube-proxy from 1.29
  return v.minor >= 29 ? [...kube, coredns, pause, etcd] : [...kube, pause, etcd, coredns];
}

/** Everything kubeadm of this version expects. Throws UnknownKubeadmVersionError outside 1.13–1.37. */
export function kubeadmFacts(version: string): KubeadmFacts {
  const v = parseKubeVersion(version);
  const minor = v.minor;
  const cm = kubeletConfigMapFor(minor);
  const runtimes = runtimesFor(minor);
  const taintKeys = taintKeysFor(minor);
  return {
    version: v,
    minor,
    imageSet: () => imageSetFor(v),
    images: (imageRepository?: string, kubernetesVersion?: string) => imagesFor(v, imageSetFor(v), imageRepository, kubernetesVersion),
    defaultImageRepository: () => imageSetFor(v).defaultRepository,
    controlPlaneTaints: taintKeys.map((key) => ({ key, effect: 'NoSchedule' as const })),
    taintKeys,
    controlPlaneLabels: labelsFor(minor),
    kubeletConfigMap: cm.name,
    kubeletConfigMapKey: 'kubelet',
    kubeletConfigMapNote: `${cm.note} — ${KUBELET_CM_SOURCE}`,
    ports: portsFor(minor),
    kernel: kernelFor(minor),
    skew: skewFor(minor),
    runtimes,
    defaultCriSocket: (runtime?: RuntimeName) => (runtime ? runtimes[runtime].socket : minor <= 23 ? DOCKERSHIM_SOCKET : runtimes.containerd.socket),
    criSocketProblem: (criSocket: string) => {
      if (minor >= 24 && stripScheme(criSocket) === stripScheme(DOCKERSHIM_SOCKET)) {
        return `kubeadm 1.${minor} cannot use ${criSocket}: dockershim was removed from the kubelet in 1.24 — Docker Engine needs cri-dockerd (${CRI_DOCKERD_SOCKET}), or switch to containerd`;
      }
      return undefined;
    },
    binaries: binariesFor(minor),
    docker: dockerFor(minor),
  };
}

export const sources = {
  taints: TAINT_SOURCE,
  labels: LABEL_SOURCE,
  kubeletConfigMap: KUBELET_CM_SOURCE,
  ports: PORT_SOURCE,
  sockets: SOCKET_SOURCE,
  binaries: BIN_SOURCE,
};
/** Every known minor, for tables and tests. */
export const KNOWN_MINORS: number[] = Array.from({ length: LAST_MINOR - FIRST_MINOR + 1 }, (_, i) => FIRST_MINOR + i);
/** All taint keys kubeadm has ever used for control-plane nodes (for reading clusters of unknown version). */
export const ALL_CONTROL_PLANE_TAINT_KEYS = [MASTER_TAINT_KEY, CONTROL_PLANE_TAINT_KEY];
