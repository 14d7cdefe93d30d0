// The advice a user reads fits the design and the host: for every design the repository ships (the reference 000,
// 001, 003, 004 and the lab cluster's profile), on a host of that design (CentOS 7 with rpm for 001/003, Ubuntu 20.04
// with the kube tools from snap for 004, Debian 12 with dpkg for the lab), every requirement ID is judged in every
// case of the coverage table (test/helpers/sides.ts) and once more with its verdict forced to a failure (what the
// requirement's own remediation says for any non-pass verdict that brings none). No remediation of a non-pass result
// may carry a value of the reference design the profile does not have (calico, containerd, harbor:443, 1.29.2,
// 100000, systemd as the cgroup driver, ipvs, the reference inventory's addresses…), nor another host's package
// manager (dnf on EL7, yum on EL8, yum/dnf on Debian/Ubuntu, a package pin where the kube tools come from snap or
// are binaries). SAYS (at the end) then pins, word for word, what 34 of those texts say under 001, 003, 004 and the lab.
// Stand-ins: the facts are the reference host's (test/helpers/reference.ts) with the design's os-release, package
// manager and snaps put in; the texts judged are the product's own.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildProfile, DEFAULT_PROFILE, type Profile } from '../../lib/config/profile.ts';
import { parseOsRelease } from '../../lib/facts/os-release.ts';
import type { HostFacts } from '../../lib/probe/facts.ts';
import { judgeImages } from '../../lib/registry/judge.ts';
import { requiredImages } from '../../lib/registry/images.ts';
import { evaluate, verdict, type Requirement, type RunContext } from '../../lib/requirements/define.ts';
import { allRequirements } from '../../lib/requirements/index.ts';
import type { Result } from '../../lib/types.ts';
import { ok } from '../helpers/facts.ts';
import { SIDES } from '../helpers/sides.ts';

const CENTOS7 = 'NAME="CentOS Linux"\nVERSION="7 (Core)"\nID="centos"\nID_LIKE="rhel fedora"\nVERSION_ID="7"\nPRETTY_NAME="CentOS Linux 7 (Core)"\n';
const UBUNTU20 = 'NAME="Ubuntu"\nVERSION="20.04.1 LTS (Focal Fossa)"\nID=ubuntu\nID_LIKE=debian\nVERSION_ID="20.04"\nPRETTY_NAME="Ubuntu 20.04.1 LTS"\n';
const DEBIAN12 = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nID=debian\n';

interface Design {
  name: string;
  profile: Profile;
  /** the host: its os-release (undefined: the reference host's Rocky 8.6), package manager, kube tools from snap */
  osRelease?: string;
  manager: 'rpm' | 'dpkg';
  snap?: boolean;
  el7?: boolean;
  /** the inventory's addresses of master and node-0001 */
  addresses: [string, string];
}

const shipped = (f: string) => buildProfile({ profileFile: new URL(`../../profiles/${f}`, import.meta.url).pathname });
// the lab cluster: its profile plus the kubeadm config it ran with (lab/cluster.ts initConfig: 1.29.15, iptables, cgroupfs)
const labDir = mkdtempSync(join(tmpdir(), 'kv-remfit-'));
const labInit = join(labDir, 'init.yaml');
writeFileSync(
  labInit,
  [
    'apiVersion: kubeadm.k8s.io/v1beta3',
    'kind: ClusterConfiguration',
    'kubernetesVersion: v1.29.15',
    'imageRepository: harbor:443/k8s',
    'networking:',
    '  podSubnet: 10.244.0.0/16',
    '  serviceSubnet: 10.245.0.0/16',
    '---',
    'apiVersion: kubeproxy.config.k8s.io/v1alpha1',
    'kind: KubeProxyConfiguration',
    'mode: iptables',
    '---',
    'apiVersion: kubelet.config.k8s.io/v1beta1',
    'kind: KubeletConfiguration',
    'cgroupDriver: cgroupfs',
    '',
  ].join('\n'),
);

const DESIGNS: Design[] = [
  { name: 'reference (000)', profile: shipped('000-rocky8-containerd-calico.yaml'), manager: 'rpm', addresses: ['192.168.88.4', '192.168.88.5'] },
  {
    name: '001 (CentOS 7, Docker, flannel)',
    profile: shipped('001-centos7-docker-flannel.yaml'),
    osRelease: CENTOS7,
    manager: 'rpm',
    el7: true,
    addresses: ['192.168.0.242', '192.168.0.243'],
  },
  {
    name: '003 (cri-containerd)',
    profile: shipped('003-cri-containerd.yaml'),
    osRelease: CENTOS7,
    manager: 'rpm',
    el7: true,
    addresses: ['10.0.3.11', '10.0.3.12'],
  },
  {
    name: '004 (Ubuntu, snap)',
    profile: shipped('004-ubuntu-snap.yaml'),
    osRelease: UBUNTU20,
    manager: 'dpkg',
    snap: true,
    addresses: ['192.168.113.120', '192.168.113.121'],
  },
  {
    name: 'lab cluster',
    profile: buildProfile({ profileFile: new URL('../../lab/cluster-profile.yaml', import.meta.url).pathname, kubeadmConfigFile: labInit }),
    osRelease: DEBIAN12,
    manager: 'dpkg',
    addresses: ['10.200.0.4', '10.200.0.5'],
  },
];

const lit = (s: string) => new RegExp(s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));

/** What no remediation may say under this design: the reference design's values the profile differs from, and
 * another host's tools. Derived from the profile against DEFAULT_PROFILE (the reference design). */
function forbidden(d: Design): { re: RegExp; why: string }[] {
  const p = d.profile;
  const R = DEFAULT_PROFILE;
  const out: { re: RegExp; why: string }[] = [];
  const no = (re: RegExp, why: string) => out.push({ re, why });
  if (p.cni.name !== 'calico') no(/calico|\bBGP\b|\bIPIP\b/i, `the CNI is ${p.cni.name}`);
  if (p.runtime.name !== 'containerd') no(/containerd/i, `the runtime is ${p.runtime.name}`);
  if (!p.registry.enabled) no(/harbor|192\.168\.88\.3\b/i, 'no private registry');
  else {
    if (p.registry.name !== R.registry.name) no(lit(R.registry.name), `the registry is ${p.registry.name}`);
    if (p.registry.endpoint !== R.registry.endpoint) no(/192\.168\.88\.3\b/, `the registry endpoint is ${p.registry.endpoint}`);
  }
  if (p.imageRepository !== R.imageRepository) no(lit(R.imageRepository), `imageRepository is ${p.imageRepository}`);
  if (p.sandboxImage !== R.sandboxImage) no(lit(R.sandboxImage), `the sandbox image is ${p.sandboxImage}`);
  if (p.kubernetesVersion !== R.kubernetesVersion) no(/1\.29\.2(?!\d)/, `the version is ${p.kubernetesVersion}`);
  if (p.kubernetesVersion.split('.').slice(0, 2).join('.') !== '1.29') no(/\b1\.29(?![.\d])/, `the minor is not 1.29`);
  if (p.podSubnet !== R.podSubnet) no(lit(R.podSubnet), `the podSubnet is ${p.podSubnet}`);
  if (p.serviceSubnet !== R.serviceSubnet) no(/10\.245\./, `the serviceSubnet is ${p.serviceSubnet}`);
  if (p.runtime.configPath !== R.runtime.configPath) no(lit(R.runtime.configPath), `the runtime's config is ${p.runtime.configPath}`);
  if (p.runtime.service !== R.runtime.service)
    no(/(systemctl [^\n;&|]*|journalctl -u )(?<![-\w])containerd\b(?![-.])/, `the runtime's unit is ${p.runtime.service}`);
  if (p.criSocket !== R.criSocket) no(lit(R.criSocket.replace('unix://', '')), `the CRI socket is ${p.criSocket}`);
  if (p.cgroupDriver !== R.cgroupDriver)
    no(/SystemdCgroup = true|cgroupDriver: systemd|cgroupdriver=systemd|cgroup_manager = "systemd"/, `the cgroup driver is ${p.cgroupDriver}`);
  if (p.minConntrackMax !== R.minConntrackMax) no(lit(String(R.minConntrackMax)), `minConntrackMax is ${p.minConntrackMax}`);
  if (p.proxyMode !== R.proxyMode) no(/ipvs|ip_vs/i, `kube-proxy's mode is ${p.proxyMode}`);
  if (!p.strictARP) no(/strictARP: true/, 'strictARP is false');
  if (!d.name.startsWith('reference')) no(/4 GiB on the master/, "the reference document's sizing");
  if (d.addresses[0] !== '192.168.88.4') no(/192\.168\.88\.[45]\b/, `the inventory's addresses are ${d.addresses.join(', ')}`);
  if (d.manager === 'dpkg') no(/\b(yum|dnf)\b/, 'a Debian/Ubuntu host (apt)');
  else if (d.el7) no(/\bdnf\b/, 'an EL7 host (yum)');
  else no(/\byum\b/, 'an EL8 host (dnf)');
  if (d.manager === 'rpm') no(/apt-get|\bsnap (install|refresh)/, 'an rpm host');
  if (d.manager === 'dpkg') no(/\/etc\/chrony\.conf/, "Debian's chrony reads /etc/chrony/chrony.conf");
  if (d.snap) no(/kube(adm|let|ctl)[-=]\d/, 'the kube tools come from snap');
  if (p.kubernetesInstall === 'binaries') no(/kube(adm|let|ctl)[-=]\d|snap (install|refresh)/, 'the kube tools are installed as binaries');
  return out;
}

/** The design's profile, host and inventory put into a context of the coverage table. */
function applyDesign(ctx: RunContext, d: Design): RunContext {
  ctx.profile = structuredClone(d.profile);
  ctx.hosts.forEach((h, i) => {
    h.spec.address = d.addresses[i] ?? h.spec.address;
    if (h.facts) hostOf(h.facts, d);
  });
  const reg = ctx.extra.registry as { judged?: unknown; skip?: string } | undefined;
  // HOST-IMAGES: the catalogue gathered for this design (lib/run/gather-registry.ts): none without a registry, else
  // every required image missing
  if (reg)
    ctx.extra.registry = d.profile.registry.enabled
      ? { judged: judgeImages({ endpoint: d.profile.registry.endpoint, reachable: true, repos: {} }, requiredImages(d.profile)) }
      : { skip: 'the design has no private registry (profile registry: none)' };
  return ctx;
}

function hostOf(f: HostFacts, d: Design) {
  if (d.osRelease) f.os = ok(parseOsRelease(d.osRelease));
  if (d.el7) f.kernel = ok({ release: '3.10.0-1160.el7.x86_64', machine: 'x86_64' });
  if (f.packages.ok) {
    const p = f.packages.value;
    p.manager = d.manager;
    if (d.snap) {
      p.snaps = { ...(p.snaps ?? {}) };
      // 004's host: the kube tools are snaps, whatever the case did to the packages
      for (const t of ['kubeadm', 'kubelet', 'kubectl']) {
        p.snaps[t] = d.profile.kubernetesVersion;
        delete p.installed[t];
      }
    }
  }
}

const forced = (req: Requirement): Requirement => ({ ...req, judge: () => verdict.fail('forced non-pass', 'forced') });

/** Every non-pass result of every ID under the design: the coverage table's cases, then each ID forced to fail. */
function resultsUnder(d: Design): { id: string; how: string; r: Result }[] {
  const out: { id: string; how: string; r: Result }[] = [];
  for (const req of allRequirements()) {
    const sides = SIDES[req.id];
    const cases = sides ? [...sides.pass, ...sides.fail, ...(sides.other ?? [])] : [];
    for (const c of cases) {
      const ctx = applyDesign(c.ctx(), d);
      let r: Result;
      try {
        r = evaluate(req, ctx, c.target);
      } catch (e) {
        throw new Error(`${req.id} ${c.name}: ${(e as Error).message}`, { cause: e });
      }
      if (r.status !== 'pass') out.push({ id: req.id, how: `${c.status} case "${c.name}" → ${r.status}`, r });
    }
    const ctx = applyDesign((cases[0]?.ctx ?? (() => ({ profile: d.profile, hosts: [], inventory: [], extra: {} })))(), d);
    const targets = [...new Set([...req.targets(ctx), ...cases.map((c) => c.target)])];
    for (const t of targets) out.push({ id: req.id, how: `forced fail [${t}]`, r: evaluate(forced(req), ctx, t) });
  }
  return out;
}

/** The remediation a non-pass verdict without its own shows for `id` on `target` under the design. */
function forcedRemediation(d: Design, id: string, target: string): string {
  const req = allRequirements().find((r) => r.id === id)!;
  return evaluate(forced(req), applyDesign(SIDES[id]!.pass[0]!.ctx(), d), target).remediation;
}

/** "ID how: why: the offending remediation line" for every remediation that does not fit the design. */
function misfits(d: Design): string[] {
  const rules = forbidden(d);
  const bad = new Set<string>();
  for (const { id, how, r } of resultsUnder(d))
    for (const { re, why } of rules) {
      const line = r.remediation.split('\n').find((l) => re.test(l));
      if (line !== undefined) bad.add(`${id} (${how}): ${why}: ${line.trim().slice(0, 160)}`);
    }
  return [...bad];
}

describe('remediations fit the design and the host', () => {
  it('every design has a profile that differs from the reference where the documents say so', () => {
    // the test would prove nothing if the profiles fell back to the reference defaults
    const [ref, d001, d003, d004, lab] = DESIGNS.map((d) => d.profile);
    expect(ref).toMatchObject({ kubernetesVersion: '1.29.2', cni: { name: 'calico' }, runtime: { name: 'containerd' }, registry: { name: 'harbor:443' } });
    expect(d001).toMatchObject({
      kubernetesVersion: '1.13.1',
      cni: { name: 'flannel' },
      runtime: { name: 'docker' },
      registry: { enabled: false },
      cgroupDriver: 'cgroupfs',
    });
    expect(d003).toMatchObject({ runtime: { service: 'cri-containerd', configPath: '/etc/cri-containerd/config.toml' }, cni: { name: 'none' } });
    expect(d004).toMatchObject({ kubernetesVersion: '1.28.0', proxyMode: 'iptables', cni: { name: 'none' } });
    expect(lab).toMatchObject({
      kubernetesVersion: '1.29.15',
      kubernetesInstall: 'binaries',
      proxyMode: 'iptables',
      cgroupDriver: 'cgroupfs',
      cni: { name: 'flannel' },
    });
    expect(forbidden(DESIGNS[1]!).map((x) => x.why)).toEqual(expect.arrayContaining(['the CNI is flannel', 'the runtime is docker', 'no private registry']));
  });
  it('the rules catch what they are for (a reference text under 001 and on Ubuntu)', () => {
    const rules001 = forbidden(DESIGNS[1]!);
    const hit = (rules: typeof rules001, s: string) => rules.filter((x) => x.re.test(s)).map((x) => x.why);
    expect(hit(rules001, 'CoreDNS stays Pending until the CNI (Calico) is ready; check its image in harbor:443/k8s/coredns.')).toEqual(
      expect.arrayContaining(['the CNI is flannel', 'no private registry', 'imageRepository is registry.aliyuncs.com/google_containers']),
    );
    expect(hit(rules001, 'dnf -y install chrony')).toEqual(['an EL7 host (yum)']);
    expect(hit(forbidden(DESIGNS[3]!), 'yum -y install kubelet-1.28.0')).toEqual(['a Debian/Ubuntu host (apt)', 'the kube tools come from snap']);
    expect(hit(forbidden(DESIGNS[2]!), 'systemctl enable --now cri-containerd   # creates /run/cri-containerd/cri-containerd.sock')).toEqual([]);
    expect(hit(forbidden(DESIGNS[2]!), 'systemctl enable --now kubelet containerd')).toEqual(["the runtime's unit is cri-containerd"]);
  });
  it.each(DESIGNS.map((d) => [d.name, d] as const))('%s: no remediation of a non-pass result carries another design or host', (_n, d) => {
    expect(resultsUnder(d).length).toBeGreaterThan(allRequirements().length);
    expect(misfits(d)).toEqual([]);
  });
});

// What the advice says, word for word, under the other designs (reviewed by hand): the forbidden words above cannot
// tell a right text from an empty one.
const SAYS: [string, string, string, string][] = [
  ['001', 'HOST-PACKAGES', 'master', 'yum -y install kubeadm-1.13.1 kubelet-1.13.1 kubectl-1.13.1 docker-ce ipvsadm ipset iproute'],
  [
    '001',
    'HOST-CGROUP-DRIVER',
    'master',
    'Set "exec-opts": ["native.cgroupdriver=cgroupfs"] in /etc/docker/daemon.json and cgroupDriver: cgroupfs in the KubeletConfiguration (init.yaml), then restart docker.',
  ],
  [
    '001',
    'HOST-SYSCTL',
    'master',
    "cat > /etc/sysctl.d/99-kubernetes-cri.conf <<'EOF'\nnet.ipv4.ip_forward = 1\nnet.bridge.bridge-nf-call-iptables = 1\nnet.bridge.bridge-nf-call-ip6tables = 1\nvm.swappiness = 0\nEOF\nsysctl -p /etc/sysctl.d/99-kubernetes-cri.conf",
  ],
  [
    '001',
    'HOST-TIME-SYNC',
    'master',
    "yum -y install chrony && printf 'server %s iburst\\n' 0.asia.pool.ntp.org 1.asia.pool.ntp.org 2.asia.pool.ntp.org 3.asia.pool.ntp.org 192.168.0.242 >> /etc/chrony.conf && systemctl enable --now chronyd && chronyc sources",
  ],
  ['001', 'HOST-CONTAINERD-CONFIG', 'master', "Nothing to do: the design's runtime is docker (profile runtime.name)."],
  [
    '001',
    'DNS-READY',
    '*',
    'kubectl -n kube-system get deploy coredns; CoreDNS stays Pending until the CNI (flannel) is ready; check its image in registry.aliyuncs.com/google_containers/coredns.',
  ],
  ['001', 'DATAPLANE', '*', 'Check kube-flannel-ds on both nodes, kube-proxy (ipvsadm -Ln), and firewalls between the nodes (VXLAN 8472/udp).'],
  [
    '001',
    'NODES-VERSION',
    'master',
    'Upgrade or downgrade the kubelet to the cluster version (yum -y install kubelet-1.13.1; systemctl restart kubelet), following kubeadm upgrade node for upgrades.',
  ],
  [
    '001',
    'KUBELET-CONFIG',
    '*',
    'kubectl -n kube-system edit cm kubelet-config-1.13 (cgroupDriver: cgroupfs), then on each node: kubeadm upgrade node config --kubelet-version v1.13.1; systemctl restart kubelet.',
  ],
  [
    '001',
    'CERTS-EXPIRY',
    '*',
    'openssl x509 -noout -enddate -in /etc/kubernetes/pki/apiserver.crt; kubeadm alpha certs renew all, then restart the control-plane static pods (move the manifests out and back).',
  ],
  ['001', 'CP-TAINT', 'master', 'kubectl taint nodes master node-role.kubernetes.io/master:NoSchedule'],
  [
    '001',
    'HOST-MODULES',
    'master',
    "cat > /etc/modules-load.d/k8s.conf <<'EOF'\nbr_netfilter\nxt_conntrack\nEOF\nsystemctl restart systemd-modules-load.service",
  ],
  [
    '001',
    'HOST-IPVS-MODULES',
    'master',
    "cat > /etc/modules-load.d/ipvs.conf <<'EOF'\nip_vs\nip_vs_rr\nip_vs_wrr\nip_vs_sh\nnf_conntrack_ipv4\nEOF\nsystemctl restart systemd-modules-load.service",
  ],
  [
    '001',
    'CP-HEALTHZ',
    'master',
    'On the control-plane host: curl -k http://127.0.0.1:10251/healthz; curl -k http://127.0.0.1:10252/healthz; docker logs of the failing component.',
  ],
  ['001', 'HOST-HOSTS-FILE', 'master', 'Add one line per cluster host to /etc/hosts on every host, e.g. "192.168.0.242 master".'],
  ['001', 'HOST-IMAGES', '*', 'Nothing to do: the design has no private registry (profile registry: none).'],
  ['003', 'HOST-CRI-SOCKET', 'master', 'systemctl enable --now cri-containerd   # creates /run/cri-containerd/cri-containerd.sock'],
  ['003', 'HOST-SERVICES', 'master', 'systemctl enable --now cri-containerd.service && systemctl enable kubelet.service'],
  [
    '003',
    'HOST-CONTAINERD-CONFIG',
    'master',
    'containerd config default > /etc/cri-containerd/config.toml\n# then, in /etc/cri-containerd/config.toml (containerd 1.x, version = 2):\n#   SystemdCgroup = true\n#   sandbox_image = "registry.cn-hangzhou.aliyuncs.com/google_containers/pause:3.5"\nsystemctl restart cri-containerd',
  ],
  [
    '003',
    'HOST-CONTAINERD-SECURITY',
    'master',
    'Give containerd the registry CA (tls.ca_file, or ca = in hosts.toml) instead of insecure_skip_verify, and move credentials out of /etc/cri-containerd/config.toml (a kubelet image credential provider or imagePullSecrets).',
  ],
  [
    '004',
    'HOST-PACKAGES',
    'master',
    'for s in kubeadm kubelet kubectl; do snap install "$s" --classic --channel=1.28/stable; done && apt-get install -y containerd iproute2 cri-tools',
  ],
  [
    '004',
    'NODES-VERSION',
    'master',
    'Upgrade or downgrade the kubelet to the cluster version (snap refresh kubelet --channel=1.28/stable; systemctl restart snap.kubelet.daemon), following kubeadm upgrade node for upgrades.',
  ],
  ['004', 'HOST-TIME-SYNC', 'master', 'apt-get install -y chrony && systemctl enable --now chrony && chronyc sources'],
  ['004', 'HOST-FIREWALLD', 'master', 'systemctl disable --now firewalld && apt-get remove -y firewalld'],
  [
    '004',
    'PROXY-IPVS',
    '*',
    'kubectl -n kube-system edit configmap kube-proxy: mode: "iptables"; then kubectl -n kube-system rollout restart daemonset kube-proxy.',
  ],
  ['004', 'HOST-KERNEL', 'master', 'Upgrade the kernel (apt-get install -y linux-image-generic) and reboot.'],
  ['004', 'HOST-SERVICES', 'master', 'systemctl enable --now containerd.service && systemctl enable snap.kubelet.daemon.service'],
  [
    '004',
    'CP-COMPONENTS',
    'master',
    'On the node: ls /etc/kubernetes/manifests; crictl ps -a; journalctl -u snap.kubelet.daemon. kubeadm writes the static pod manifests during init.',
  ],
  ['004', 'HOST-BINARIES', 'master', 'apt-get install -y conntrack cri-tools iproute2 iptables mount util-linux ebtables ethtool socat coreutils'],
  [
    'lab',
    'NODES-VERSION',
    'master',
    'Upgrade or downgrade the kubelet to the cluster version (curl -fLo /usr/local/bin/kubelet https://dl.k8s.io/release/v1.29.15/bin/linux/amd64/kubelet; systemctl restart kubelet), following kubeadm upgrade node for upgrades.',
  ],
  [
    'lab',
    'HOST-PACKAGES',
    'master',
    "for b in kubeadm kubelet kubectl; do curl -fLo /usr/local/bin/$b https://dl.k8s.io/release/v1.29.15/bin/linux/amd64/$b && chmod +x /usr/local/bin/$b; done  # or copy them from the site's own mirror; crictl from cri-tools' release\napt-get install -y containerd iproute2",
  ],
  ['lab', 'HOST-REGISTRY', 'master', 'Make the registry name resolve on the host (/etc/hosts: "10.200.0.3 harbor") and open the path to port 443.'],
  [
    'lab',
    'PODS-IMAGES',
    '*',
    "Set imageRepository: harbor:443/k8s in the ClusterConfiguration and rewrite the CNI manifest's images to harbor:443/flannel-io (sed).",
  ],
  [
    'lab',
    'HOST-CONTAINERD-MIRRORS',
    'master',
    'In /etc/containerd/config.toml (version = 2):\n[plugins."io.containerd.grpc.v1.cri".registry.mirrors."docker.io"]\n  endpoint = ["https://10.200.0.3:443"]\n[plugins."io.containerd.grpc.v1.cri".registry.mirrors."harbor:443"]\n  endpoint = ["https://10.200.0.3:443"]\n[plugins."io.containerd.grpc.v1.cri".registry.configs."10.200.0.3:443".tls]\n  ca_file = "/etc/containerd/certs.d/harbor-ca.crt"\nthen: systemctl restart containerd',
  ],
];
const byName: Record<string, Design> = { '001': DESIGNS[1]!, '003': DESIGNS[2]!, '004': DESIGNS[3]!, lab: DESIGNS[4]! };
describe('what the remediation says under another design', () => {
  it.each(SAYS)('%s %s [%s]', (design, id, target, text) => {
    expect(forcedRemediation(byName[design]!, id, target)).toBe(text);
  });
});
