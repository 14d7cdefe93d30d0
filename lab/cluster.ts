// A real kubeadm cluster on lab hosts: master, node-0001, node-0002 are lab hosts (sshd in their own network,
// UTS, mount and PID namespaces) that each run containerd and a kubelet, with their own /etc/kubernetes,
// /var/lib/kubelet, /etc/cni/net.d and containerd state (writable `mounts`). kubeadm init on master, kubeadm
// join on the workers; kube-proxy, CoreDNS and the control plane run as the pods kubeadm creates, from the
// images lab/k8s/build.sh made, pushed into the lab's registry as harbor:443/k8s/... and pulled by each node's
// containerd through the reference design's mirror, CA and htpasswd auth (the 000 path, for real). Pod network:
// flannel v0.28.10 (001's CNI; vxlan) from its own kube-flannel.yml (lab/k8s/flannel.ts), built without the cloud
// backends the Go proxy cannot serve (lab/k8s/build.sh). Recipe and this machine's pitfalls:
// ../shared/references/real-kubeadm.md.
//
// What this machine imposes, and how it is met here:
// - no systemd: the kubelet runs under a loop that stands in for kubelet.service (<host dir>/kubelet.sh);
//   cgroupDriver cgroupfs, each kubelet under its own --cgroup-root /kv-<lab id>-<n> (removed by labDown);
// - root lacks CAP_SYS_RESOURCE: containerd restrict_oom_score_adj, kubelet and kube-proxy oomScoreAdj 0;
// - the kubelet sets vm.overcommit_memory, kernel.panic, kernel.panic_on_oops: in these hosts they are read-only
//   stand-ins already holding the kubelet's values, so it never writes the machine's; clusterDown checks them;
// - kubeadm built with Go 1.26: --ignore-preflight-errors=HTTPProxyCIDR; no kernel config file to read:
//   SystemVerification is ignored too.
import { execFile, execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { k8sBinDir } from './k8s/controlplane.ts';
import { flannelManifest } from './k8s/flannel.ts';
import { pushArchives } from './k8s/push-images.ts';
import { labAddress, labDown, labUp, mountSource, type LabHandle, type LabHost, type LabHostSpec } from './lab.ts';

export const K8S_VERSION = '1.29.15';
const VAGRANT_SCRIPTS = join(dirname(fileURLToPath(import.meta.url)), '..', 'vagrant', 'scripts');
export const POD_SUBNET = '10.244.0.0/16';
export const SERVICE_SUBNET = '10.245.0.0/16';
export const IMAGE_REPOSITORY = 'harbor:443/k8s';
export const BUSYBOX_IMAGE = 'harbor:443/library/busybox:1.35';
export const TOKEN = 'abcdef.0123456789abcdef';
const GLOBAL_SYSCTLS = { 'vm.overcommit_memory': '1', 'kernel.panic': '10', 'kernel.panic_on_oops': '1' };
/** what kubeadm, the kubelet and containerd write on a node */
const NODE_DIRS = [
  '/etc/kubernetes',
  '/etc/containerd',
  '/etc/cni/net.d',
  '/opt/cni/bin',
  '/var/lib/kubelet',
  '/var/lib/etcd',
  '/var/lib/containerd',
  '/var/lib/cni',
  '/var/log/pods',
  '/var/log/containers',
];
const BINARIES = ['kubeadm', 'kubelet', 'kubectl', 'crictl', 'flanneld', 'flannel-cni'];

export interface ClusterNode extends LabHost {
  /** PID (in the lab machine's namespace) of the host's PID 1 */
  pid1: number;
  cgroupRoot: string;
}

export interface ClusterHandle {
  lab: LabHandle;
  nodes: ClusterNode[];
  /** admin.conf copied out of master (server https://<master>:6443) */
  adminConf: string;
  /** the kubeadm config kubeadm init ran with (what --kubeadm-config reads) */
  initConfig: string;
  binDir: string;
  timings: Record<string, number>;
  /** a command inside a node (all its namespaces), as root there */
  exec(node: string, script: string, timeoutMs?: number): Promise<string>;
  kubectl(args: string[], timeoutMs?: number, input?: string): Promise<string>;
  /** kubeadm init, join, the pod network, wait until Ready (clusterUp does it unless noKubeadm) */
  bootstrap(): Promise<void>;
  /** systemctl stop/start kubelet, for the loop that stands in for kubelet.service */
  kubelet(node: string, action: 'stop' | 'start'): Promise<void>;
  /** fresh hosts: vagrant/scripts 00-common, 10-kernel, 20-packages (binaries), 30-containerd run in each host as
   * root, with this design's choices; then containerd restarted as systemd would. Returns each host's script log. */
  provision(): Promise<Record<string, string>>;
  down(): Promise<void>;
}

export interface ClusterOptions {
  id?: string;
  workers?: number;
  waitMs?: number;
  keep?: boolean;
  /** stop after the hosts are prepared (containerd up, images in the registry), before kubeadm: for preflight on fresh hosts */
  noKubeadm?: boolean;
  /** the hosts as a fresh box has them: containerd's default config (with only what this machine imposes), no
   * kubeadm, kubelet, kubectl or crictl in PATH (they wait in /opt/kv-k8s/bin), nothing persisted; provision()
   * then runs the Vagrant scripts in each host. Implies noKubeadm until provisioned. */
  fresh?: boolean;
  log?: (m: string) => void;
}

/** Missing pieces of lab/k8s/build.sh's output, empty when a cluster can come up. */
export function missingClusterBuild(binDir = k8sBinDir()): string[] {
  const need = [...BINARIES, 'images/node.tar', 'images/control-plane.tar'];
  return need.filter((f) => !existsSync(join(binDir, f)));
}

const run = (cmd: string, args: string[], timeoutMs = 120_000, input?: string) =>
  new Promise<string>((res, rej) => {
    const c = execFile(cmd, args, { timeout: timeoutMs, maxBuffer: 64 << 20 }, (e, out, err) =>
      e
        ? rej(
            new Error(
              `${cmd} ${args.slice(0, 6).join(' ')}…: ${String(err || e.message)
                .trim()
                .slice(-1500)}`,
            ),
          )
        : res(out),
    );
    if (input !== undefined) c.stdin!.end(input);
  });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function readGlobalSysctls(): Record<string, string> {
  return Object.fromEntries(Object.keys(GLOBAL_SYSCTLS).map((k) => [k, readFileSync(`/proc/sys/${k.replace(/\./g, '/')}`, 'utf8').trim()]));
}

export function nodeNames(workers = 2): string[] {
  return ['master', ...Array.from({ length: workers }, (_, i) => `node-${String(i + 1).padStart(4, '0')}`)];
}

/** where fresh hosts keep the built binaries until 20-packages.sh installs them (KV_K8S_BIN_DIR) */
export const FRESH_BIN_DIR = '/opt/kv-k8s/bin';

export function clusterHostSpecs(workers = 2, binDir = k8sBinDir(), fresh = false): LabHostSpec[] {
  const names = nodeNames(workers);
  const hosts = ['127.0.0.1 localhost', ...names.map((n, i) => `${labAddress(i)} ${n}`), '10.200.0.3 harbor'].join('\n') + '\n';
  return names.map((name, i) => ({
    name,
    roles: i === 0 ? ['control-plane'] : ['worker'],
    files: {
      '/etc/hosts': hosts,
      '/etc/hostname': `${name}\n`,
      '/etc/crictl.yaml': 'runtime-endpoint: unix:///run/containerd/containerd.sock\nimage-endpoint: unix:///run/containerd/containerd.sock\n',
      // kubeadm points the kubelet at systemd-resolved's file when it exists; CoreDNS forwards to this node's own
      // address, where nothing answers: no query ever leaves the lab
      '/run/systemd/resolve/resolv.conf': `nameserver ${labAddress(i)}\n`,
    },
    sysctls: { ...GLOBAL_SYSCTLS, 'net.ipv4.ip_forward': '1', 'net.bridge.bridge-nf-call-iptables': '1', 'net.bridge.bridge-nf-call-ip6tables': '1' },
    // a real node: the kernel's own modules; a fresh one: its /etc written in place by the provisioning scripts
    realModules: true,
    etcWritable: fresh,
    mounts: [
      ...(fresh
        ? [{ path: '/usr/local/bin' }, { path: FRESH_BIN_DIR, source: binDir, readOnly: true }]
        : [{ path: '/usr/local/bin', source: binDir, readOnly: true }]),
      ...NODE_DIRS.map((path) => ({ path })),
    ],
  }));
}

/** containerd 1.6's default config with what this machine and the lab need (see the header); fresh: only what this
 * machine imposes (restrict_oom_score_adj), as a box is before the provisioning scripts. */
function containerdConfig(caPath: string | undefined, user: string | undefined, password: string | undefined, fresh = false): string {
  let c = execFileSync('containerd', ['config', 'default'], { encoding: 'utf8' });
  const set = (re: RegExp, v: string) => {
    if (!re.test(c)) throw new Error(`containerd config default: no ${re}`);
    c = c.replace(re, v);
  };
  set(/restrict_oom_score_adj = false/, 'restrict_oom_score_adj = true');
  if (fresh) return c;
  set(/sandbox_image = ".*"/, `sandbox_image = "${IMAGE_REPOSITORY}/pause:3.9"`);
  const reg = '[plugins."io.containerd.grpc.v1.cri".registry';
  c += `\n${reg}.mirrors."harbor:443"]\n  endpoint = ["https://harbor:443"]\n`;
  if (caPath) c += `${reg}.configs."harbor:443".tls]\n  ca_file = "${caPath}"\n`;
  if (user) c += `${reg}.configs."harbor:443".auth]\n  username = "${user}"\n  password = "${password}"\n`;
  return c;
}

export function initConfig(o: { id: string; master: string; tokenTtl?: string }): string {
  return `# the lab cluster's kubeadm config (lab/cluster.ts): the reference design's init.yaml with this machine's needs
apiVersion: kubeadm.k8s.io/v1beta3
kind: InitConfiguration
bootstrapTokens:
- groups:
  - system:bootstrappers:kubeadm:default-node-token
  token: ${TOKEN}
  ttl: ${o.tokenTtl ?? '2h0m0s'}
  usages:
  - signing
  - authentication
localAPIEndpoint:
  advertiseAddress: ${o.master}
  bindPort: 6443
nodeRegistration:
  criSocket: unix:///run/containerd/containerd.sock
  imagePullPolicy: IfNotPresent
  name: master
  kubeletExtraArgs:
    cgroup-root: /kv-${o.id}-0
---
apiVersion: kubeadm.k8s.io/v1beta3
kind: ClusterConfiguration
kubernetesVersion: ${K8S_VERSION}
imageRepository: ${IMAGE_REPOSITORY}
certificatesDir: /etc/kubernetes/pki
clusterName: kubernetes
etcd:
  local:
    dataDir: /var/lib/etcd
networking:
  dnsDomain: cluster.local
  podSubnet: ${POD_SUBNET}
  serviceSubnet: ${SERVICE_SUBNET}
---
apiVersion: kubeproxy.config.k8s.io/v1alpha1
kind: KubeProxyConfiguration
mode: iptables
oomScoreAdj: 0
conntrack:
  maxPerCore: 0
  tcpEstablishedTimeout: 0s
  tcpCloseWaitTimeout: 0s
---
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
cgroupDriver: cgroupfs
oomScoreAdj: 0
failSwapOn: false
`;
}

function joinConfig(o: { id: string; index: number; name: string; master: string }): string {
  return `apiVersion: kubeadm.k8s.io/v1beta3
kind: JoinConfiguration
discovery:
  bootstrapToken:
    apiServerEndpoint: ${o.master}:6443
    token: ${TOKEN}
    unsafeSkipCAVerification: true
nodeRegistration:
  criSocket: unix:///run/containerd/containerd.sock
  name: ${o.name}
  kubeletExtraArgs:
    cgroup-root: /kv-${o.id}-${o.index}
`;
}

/** Stands in for kubelet.service (Restart=always) and its kubeadm drop-in: while <host dir>/kubelet.enabled exists,
 * runs the kubelet as kubeadm configured it, once kubeadm has written its files. */
function kubeletScript(hostDir: string): string {
  return `#!/bin/sh
H=${hostDir}
while :; do
  if [ -f "$H/kubelet.enabled" ] && [ -f /var/lib/kubelet/config.yaml ] && [ -f /var/lib/kubelet/kubeadm-flags.env ] && { [ -f /etc/kubernetes/kubelet.conf ] || [ -f /etc/kubernetes/bootstrap-kubelet.conf ]; }; then
    . /var/lib/kubelet/kubeadm-flags.env
    KUBELET_EXTRA_ARGS=; [ ! -f /etc/default/kubelet ] || . /etc/default/kubelet
    kubelet --bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --kubeconfig=/etc/kubernetes/kubelet.conf --config=/var/lib/kubelet/config.yaml $KUBELET_KUBEADM_ARGS $KUBELET_EXTRA_ARGS >>"$H/kubelet.log" 2>&1 &
    echo $! >"$H/kubelet.pid"
    wait $!
  fi
  sleep 1
done
`;
}

/** Per host: its cgroup root, containerd, the kubelet loop (run inside the host). No image is put in by hand:
 * kubeadm init pulls the control plane's, the kubelet the rest, from harbor:443. */
function nodeScript(hostDir: string, cgroupRoot: string): string {
  // ip netns exec gave the host a fresh /sys without the cgroup mounts: mount the machine's hierarchies again
  // (the same hierarchies, so the lab machine sees what the kubelet creates in them)
  const cg = readFileSync('/proc/self/mounts', 'utf8')
    .split('\n')
    .map((l) => l.split(' '))
    .filter((f) => f[1]?.startsWith('/sys/fs/cgroup/') && (f[2] === 'cgroup' || f[2] === 'cgroup2'));
  const opts = (o: string) =>
    o
      .split(',')
      .filter((x) => !['rw', 'relatime', 'nosuid', 'nodev', 'noexec'].includes(x))
      .join(',');
  const mounts = cg.map((f) => `mkdir -p ${f[1]} && mount -t ${f[2]} ${f[2] === 'cgroup' ? `-o ${opts(f[3]!) || 'none'}` : ''} ${f[2]} ${f[1]}`);
  return `#!/bin/sh
set -eu
H=${hostDir}
mountpoint -q /sys/fs/cgroup || mount -t tmpfs -o mode=755 kv-cgroup /sys/fs/cgroup
${mounts.join('\n')}
for d in /sys/fs/cgroup/*; do
  [ -L "$d" ] && continue
  mkdir -p "$d${cgroupRoot}"
  if [ -f "$d/cpuset.cpus" ]; then cat "$d/cpuset.cpus" >"$d${cgroupRoot}/cpuset.cpus"; cat "$d/cpuset.mems" >"$d${cgroupRoot}/cpuset.mems"; fi
done
# the CNI plugins where a package (kubernetes-cni, containernetworking-plugins upstream) puts them; flannel's init
# container adds its own
cp -a /usr/lib/cni/. /opt/cni/bin/
# no default route in a lab host: the Service range goes to eth0, so that kube-proxy's rules catch ClusterIPs
# (flanneld reaches the API server at its ClusterIP)
ip route replace ${SERVICE_SUBNET} dev eth0
sh "$H/containerd.sh"
touch "$H/kubelet.enabled"
nohup sh "$H/kubelet.sh" </dev/null >/dev/null 2>&1 &
`;
}

/** Stands in for `systemctl restart containerd` (containerd.service): stops the running one, starts it with the config. */
function containerdScript(hostDir: string): string {
  return `#!/bin/sh
H=${hostDir}
if [ -f "$H/containerd.pid" ] && kill "$(cat "$H/containerd.pid")" 2>/dev/null; then
  i=0; while kill -0 "$(cat "$H/containerd.pid")" 2>/dev/null && [ $i -lt 100 ]; do i=$((i+1)); sleep 0.1; done
fi
nohup containerd --config /etc/containerd/config.toml </dev/null >>"$H/containerd.log" 2>&1 &
echo $! >"$H/containerd.pid"
i=0; until ctr version >/dev/null 2>&1; do i=$((i+1)); [ $i -lt 200 ] || { echo "containerd did not start" >&2; tail -20 "$H/containerd.log" >&2; exit 1; }; sleep 0.1; done
`;
}

function pid1Of(pid: number): number {
  const kids = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
  if (!kids.length) throw new Error(`lab host process ${pid} has no child (PID 1 of the host)`);
  return Number(kids[0]);
}

export async function clusterUp(o: ClusterOptions = {}): Promise<ClusterHandle> {
  const binDir = k8sBinDir();
  const missing = missingClusterBuild(binDir);
  if (missing.length)
    throw new Error(`the lab cluster needs lab/k8s/build.sh's output; missing in ${binDir}: ${missing.join(', ')} (run bash lab/k8s/build.sh)`);
  const log = o.log ?? ((m: string) => process.env.KV_LAB_DEBUG && process.stderr.write(`cluster: ${m}\n`));
  const t0 = Date.now();
  const timings: Record<string, number> = {};
  const mark = (k: string) => ((timings[k] = Date.now() - t0), log(`+${timings[k]} ms ${k}`));
  const savedSysctls = readGlobalSysctls();
  const specs = clusterHostSpecs(o.workers ?? 2, binDir, o.fresh);
  const lab = await labUp({ id: o.id, hosts: specs, registry: true, waitMs: o.waitMs, keep: o.keep });
  mark('lab up');
  const id = lab.id;
  const nodes: ClusterNode[] = lab.hosts.map((h, i) => ({ ...h, pid1: pid1Of(h.pid), cgroupRoot: `/kv-${id}-${i}` }));
  const master = nodes[0]!;
  const exec = (node: string, script: string, timeoutMs = 120_000) => {
    const n = nodes.find((x) => x.name === node);
    if (!n) throw new Error(`no node ${node}`);
    return run(
      'nsenter',
      ['-t', String(n.pid1), '-m', '-u', '-n', '-p', '--', 'sh', '-c', `export PATH=/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin; ${script}`],
      timeoutMs,
    );
  };
  const adminConf = join(lab.dir, 'admin.conf');
  const kubectl = (args: string[], timeoutMs = 60_000, input?: string) => run(join(binDir, 'kubectl'), ['--kubeconfig', adminConf, ...args], timeoutMs, input);
  const down = async () => {
    await labDown(id);
    const now = readGlobalSysctls();
    for (const [k, v] of Object.entries(savedSysctls)) {
      if (now[k] !== v) {
        writeFileSync(`/proc/sys/${k.replace(/\./g, '/')}`, `${v}\n`);
        process.stderr.write(`cluster: ${k} had changed to ${now[k]}: restored ${v}\n`);
      }
    }
  };
  const handle: ClusterHandle = {
    lab,
    nodes,
    adminConf,
    binDir,
    timings,
    exec,
    kubectl,
    down,
    initConfig: join(lab.dir, 'init.yaml'),
    bootstrap: async () => {},
    provision: async () => ({}),
    async kubelet(node, action) {
      const n = nodes.find((x) => x.name === node)!;
      if (action === 'stop')
        await exec(
          node,
          `rm -f ${n.dir}/kubelet.enabled; kill $(cat ${n.dir}/kubelet.pid) 2>/dev/null; i=0; while kill -0 $(cat ${n.dir}/kubelet.pid) 2>/dev/null && [ $i -lt 100 ]; do i=$((i+1)); sleep 0.1; done; true`,
        );
      else await exec(node, `touch ${n.dir}/kubelet.enabled`);
    },
  };
  try {
    const reg = lab.registry!;
    const cfg = containerdConfig(reg.caPath, reg.user, readFileSync(reg.passwordFile, 'utf8').trim(), o.fresh);
    // as an operator does before `kubeadm init`: kubeadm's images into the private registry; the nodes pull them
    const pushed = await pushArchives({
      url: reg.url,
      ca: readFileSync(reg.caPath, 'utf8'),
      user: reg.user,
      password: readFileSync(reg.passwordFile, 'utf8').trim(),
      archives: ['control-plane.tar', 'node.tar'].map((a) => join(binDir, 'images', a)),
    });
    mark(`${pushed.length} images pushed to harbor:443`);
    writeFileSync(handle.initConfig, initConfig({ id, master: master.address }));
    await Promise.all(
      nodes.map(async (n) => {
        writeFileSync(join(mountSource(n.dir, '/etc/containerd'), 'config.toml'), cfg);
        writeFileSync(join(n.dir, 'kubelet.sh'), kubeletScript(n.dir));
        writeFileSync(join(n.dir, 'containerd.sh'), containerdScript(n.dir));
        writeFileSync(join(n.dir, 'node.sh'), nodeScript(n.dir, n.cgroupRoot));
        await exec(n.name, `sh ${n.dir}/node.sh`, 300_000);
      }),
    );
    mark('containerd up');
  } catch (e) {
    if (!o.keep) await down().catch(() => {});
    throw e;
  }
  handle.bootstrap = async () => {
    const ignore = '--ignore-preflight-errors=HTTPProxyCIDR,SystemVerification';
    await exec(
      'master',
      `kubeadm init --config ${handle.initConfig} ${ignore} >${master.dir}/kubeadm-init.log 2>&1 || { tail -40 ${master.dir}/kubeadm-init.log >&2; exit 1; }`,
      300_000,
    );
    copyFileSync(join(mountSource(master.dir, '/etc/kubernetes'), 'admin.conf'), adminConf);
    mark('kubeadm init');
    await Promise.all(
      nodes.slice(1).map(async (n, k) => {
        const f = join(n.dir, 'join.yaml');
        writeFileSync(f, joinConfig({ id, index: k + 1, name: n.name, master: master.address }));
        await exec(
          n.name,
          `kubeadm join --config ${f} ${ignore} >${n.dir}/kubeadm-join.log 2>&1 || { tail -40 ${n.dir}/kubeadm-join.log >&2; exit 1; }`,
          300_000,
        );
      }),
    );
    mark('kubeadm join');
    // pod network: flannel, applied as an operator applies kube-flannel.yml
    await kubectl(['apply', '-f', '-'], 60_000, flannelManifest({ podSubnet: POD_SUBNET }));
    mark('flannel applied');
    await waitReady(kubectl, nodes.length, 240_000);
    mark('all nodes Ready, CoreDNS, kube-proxy and flannel available');
  };
  handle.provision = async () => {
    const reg = lab.registry!;
    const hostsEnv = ['harbor=10.200.0.3', ...nodes.map((n) => `${n.name}=${n.address}`)].join(',');
    const logs: Record<string, string> = {};
    await Promise.all(
      nodes.map(async (n) => {
        // the design's choices, as an operator passes them to the scripts (vagrant/scripts/*.sh headers); KV_NO_LIVE:
        // this kernel has no modules to load and the lab sets the live sysctls, and there is no package repository
        const env = [
          `KV_NODE=${n.name}`,
          `KV_HOSTS=${hostsEnv}`,
          'KV_DISTRO=debian',
          'KV_NO_LIVE=1',
          `KV_K8S_VERSION=${K8S_VERSION}`,
          `KV_K8S_BIN_DIR=${FRESH_BIN_DIR}`,
          'KV_CGROUP_DRIVER=cgroupfs',
          'KV_RESTRICT_OOM_SCORE_ADJ=1',
          `KV_REGISTRY_CA=${reg.caPath}`,
          `KV_REGISTRY_USER=${reg.user}`,
          `KV_REGISTRY_PASSWORD_FILE=${reg.passwordFile}`,
        ].map((x) => `'${x.replace(/'/g, "'\\''")}'`);
        const scripts = ['00-common.sh', '10-kernel.sh', '20-packages.sh', '30-containerd.sh'].map((f) => join(VAGRANT_SCRIPTS, f));
        logs[n.name] = await exec(n.name, `set -e; for s in ${scripts.join(' ')}; do env ${env.join(' ')} bash "$s"; done 2>&1`, 300_000);
        // what systemd would do on `systemctl restart containerd` (the scripts say so: no systemd runs here)
        await exec(n.name, `sh ${n.dir}/containerd.sh`, 120_000);
      }),
    );
    mark('provisioned by vagrant/scripts');
    return logs;
  };
  if (o.noKubeadm || o.fresh) return handle;
  try {
    await handle.bootstrap();
  } catch (e) {
    if (!o.keep) await down().catch(() => {});
    throw e;
  }
  return handle;
}

async function waitReady(kubectl: (a: string[], t?: number) => Promise<string>, n: number, ms: number): Promise<void> {
  const until = Date.now() + ms;
  let last = '';
  while (Date.now() < until) {
    try {
      const nodes = JSON.parse(await kubectl(['get', 'nodes', '-o', 'json'])) as { items: { status: { conditions?: { type: string; status: string }[] } }[] };
      const ready = nodes.items.filter((x) => x.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')).length;
      const ds = JSON.parse(await kubectl(['-n', 'kube-system', 'get', 'ds/kube-proxy', 'deploy/coredns', '-o', 'json'])) as {
        items: { kind: string; status: Record<string, number> }[];
      };
      const proxyOk = ds.items.some((x) => x.kind === 'DaemonSet' && x.status.numberAvailable === n);
      const fl = JSON.parse(await kubectl(['-n', 'kube-flannel', 'get', 'ds/kube-flannel-ds', '-o', 'json'])) as { status: Record<string, number> };
      const flannelOk = fl.status.numberAvailable === n;
      const dnsOk = ds.items.some((x) => x.kind === 'Deployment' && (x.status.availableReplicas ?? 0) >= 2);
      // the static pods' mirror pods appear once the kubelet has registered the node (slow under load)
      const pods = JSON.parse(await kubectl(['-n', 'kube-system', 'get', 'pods', '-o', 'json'])) as {
        items: { metadata: { name: string }; status: { conditions?: { type: string; status: string }[] } }[];
      };
      const cp = ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler'].filter(
        (c) => !pods.items.some((p) => p.metadata.name === `${c}-master` && p.status.conditions?.some((x) => x.type === 'Ready' && x.status === 'True')),
      );
      last = `${ready}/${n} nodes Ready, kube-proxy ${proxyOk ? 'available' : 'not available'}, flannel ${flannelOk ? 'available' : 'not available'}, coredns ${dnsOk ? 'available' : 'not available'}${cp.length ? `, not Ready: ${cp.join(', ')}` : ''}`;
      if (ready === n && proxyOk && flannelOk && dnsOk && !cp.length) return;
    } catch (e) {
      last = (e as Error).message;
    }
    await sleep(1000);
  }
  throw new Error(`cluster not ready within ${ms / 1000} s: ${last}`);
}
