// The coverage table of test/unit/sides.test.ts: for every requirement ID, cases where it passes and cases where it
// fails (or warns) for the right reason. Kept here (not in the test file) so that `npm run golden:update` can
// compute the full verdicts of fixtures/verdicts/sides.golden.json from the same cases.
// Facts: preflight cases edit the reference host of test/helpers/reference.ts (the real Debian 12 probe run, the
// real rpm database output of fixtures/recorded/rpm/); post-install cases edit its seeded snapshot object and
// node-side facts (stand-ins for a real cluster's API answers, named as such there).
import { parseOsRelease } from '../../lib/facts/os-release.ts';
import { parseContainerdConfig } from '../../lib/facts/containerd.ts';
import { parseCrioConfig } from '../../lib/facts/crio.ts';
import { parseDaemonJson } from '../../lib/facts/docker.ts';
import type { ClusterSnapshot } from '../../lib/cluster/snapshot.ts';
import { parseFstab } from '../../lib/facts/fstab.ts';
import { parsePackages } from '../../lib/facts/packages.ts';
import { parseServices } from '../../lib/facts/services.ts';
import { persistedSysctls } from '../../lib/facts/sysctl.ts';
import type { HostFacts } from '../../lib/probe/facts.ts';
import type { RunContext } from '../../lib/requirements/define.ts';
import { evaluate } from '../../lib/requirements/define.ts';
import { allRequirements } from '../../lib/requirements/index.ts';
import { judgeImages } from '../../lib/registry/judge.ts';
import type { Status } from '../../lib/types.ts';
import { ok } from './facts.ts';
import { CURL_REFUSED, DEFECTS_RPM, DEFECTS_SYSTEMCTL, fx, postCtx, REFERENCE_SYSTEMCTL, twoHosts } from './reference.ts';

export interface Case {
  /** what the case shows */
  name: string;
  ctx: () => RunContext;
  target: string;
  status: Exclude<Status, 'waived'>;
  /** the right reason: matched against observed (fail/warn) */
  why?: RegExp;
}
/** pass and fail are the two sides every ID must have; other holds its skip and error cases (not applicable, cannot judge). */
export type Sides = { pass: Case[]; fail: Case[]; other?: Case[] };

/** Preflight: the reference hosts with `edit` applied to master (and the worker). */
const pre =
  (edit: (m: HostFacts, w: HostFacts) => void = () => {}) =>
  () =>
    twoHosts(edit);
const must = <T>(f: { ok: true; value: T } | { ok: false; error: string }): T => {
  if (!f.ok) throw new Error(f.error);
  return f.value;
};
const ctrd = (file: string) => (f: HostFacts) => {
  const text = fx(file);
  f.containerd = ok({ path: '/etc/containerd/config.toml', present: true, text, config: parseContainerdConfig(text), hostsToml: [] });
};
const sysctlFile = (content: string) => (f: HostFacts) => {
  const files = [{ path: '/etc/sysctl.d/99-kubernetes-cri.conf', content }];
  f.sysctlFiles = ok({ files, settings: persistedSysctls(files) });
};
const GOOD_SYSCTL =
  'net.ipv4.ip_forward = 1\nnet.bridge.bridge-nf-call-iptables = 1\nnet.bridge.bridge-nf-call-ip6tables = 1\nnet.netfilter.nf_conntrack_max = 100000\n';
const images = (tags: Record<string, string[]>) => () => {
  const ctx = twoHosts();
  const required = [
    { repo: 'k8s/kube-apiserver', tag: 'v1.29.2', ref: 'harbor:443/k8s/kube-apiserver:v1.29.2', why: 'kubeadm' },
    { repo: 'k8s/pause', tag: '3.9', ref: 'harbor:443/k8s/pause:3.9', why: 'sandbox image' },
  ];
  const repos = Object.fromEntries(Object.entries(tags).map(([r, t]) => [r, { ok: true, tags: t }]));
  ctx.extra.registry = { judged: judgeImages({ endpoint: 'https://192.168.88.3:443', reachable: true, repos }, required) };
  return ctx;
};
/** kubeadm's "without a package manager" install: the kube tools and crictl in /usr/local/bin, not in the package database */
const binaryInstall = (m: HostFacts) => {
  for (const p of ['kubeadm', 'kubelet', 'kubectl', 'cri-tools']) delete must(m.packages).installed[p];
  for (const b of ['kubeadm', 'kubelet', 'kubectl', 'crictl']) must(m.binaries)[b] = `/usr/local/bin/${b}`;
  m.binaryVersions = ok({ kubeadm: '1.29.2', kubelet: '1.29.2', kubectl: '1.29.2' });
};
const osr = (text: string) => pre((m) => (m.os = ok(parseOsRelease(text))));
const pass = (name: string, ctx: () => RunContext, target = 'master'): Case => ({ name, ctx, target, status: 'pass' });
const fail = (name: string, ctx: () => RunContext, why: RegExp, target = 'master'): Case => ({ name, ctx, target, status: 'fail', why });
const skip = (name: string, ctx: () => RunContext, why: RegExp, target = 'master'): Case => ({ name, ctx, target, status: 'skip', why });
const error = (name: string, ctx: () => RunContext, why: RegExp, target = 'master'): Case => ({ name, ctx, target, status: 'error', why });
const warn = (name: string, ctx: () => RunContext, why: RegExp, target = 'master'): Case => ({ name, ctx, target, status: 'warn', why });
const REF = 'the reference design';
/** A context of another design: the reference hosts edited, judged with profile keys of that design. */
const design =
  (profile: Record<string, unknown>, edit: (m: HostFacts, w: HostFacts) => void = () => {}) =>
  () => {
    const c = twoHosts(edit);
    c.profile = { ...c.profile, ...profile } as RunContext['profile'];
    return c;
  };
const DOCKER_001 = {
  kubernetesVersion: '1.13.1',
  runtime: { name: 'docker', configPath: '/etc/docker/daemon.json', service: 'docker' },
  criSocket: 'unix:///var/run/dockershim.sock',
  cgroupDriver: 'cgroupfs',
};
const dockerHost = (daemonJson?: string) => (m: HostFacts) => {
  must(m.packages).installed['docker-ce'] = '18.06.1.ce-3.el7';
  m.docker = ok({
    path: '/etc/docker/daemon.json',
    present: daemonJson !== undefined,
    ...(daemonJson !== undefined ? { text: daemonJson, config: JSON.parse(daemonJson) && parseDaemonJson(daemonJson) } : {}),
  });
};
const CRIO = { runtime: { name: 'cri-o', configPath: '/etc/crio/crio.conf', service: 'crio' }, sandboxImage: 'registry.k8s.io/pause:3.9' };
const crioHost = (content: string) => (m: HostFacts) => {
  const files = [{ path: '/etc/crio/crio.conf.d/02-kubernetes.conf', content }];
  m.crio = ok({ path: '/etc/crio/crio.conf', present: false, files, config: parseCrioConfig(files) });
};
const FLANNEL = { cni: { name: 'flannel', version: 'v0.10.0', imageRepository: '', backend: 'vxlan' } };
const flannelCtx =
  (edit: (s: ClusterSnapshot) => void = () => {}) =>
  () => {
    const c = postCtx({
      snapshot: (s) => {
        if (s.workloads.ok)
          s.workloads.items = [
            ...s.workloads.items.filter((w) => !w.name.startsWith('calico')),
            {
              kind: 'DaemonSet',
              namespace: 'kube-system',
              name: 'kube-flannel-ds-amd64',
              images: ['quay.io/coreos/flannel:v0.10.0-amd64'],
              desired: 2,
              ready: 2,
              available: 2,
              updated: 2,
            },
          ];
        if (s.pods.ok)
          s.pods.items = s.pods.items.map((p) =>
            p.labels['k8s-app'] === 'calico-node'
              ? {
                  ...p,
                  name: p.name.replace('calico-node', 'kube-flannel-ds-amd64'),
                  labels: { app: 'flannel' },
                  images: ['quay.io/coreos/flannel:v0.10.0-amd64'],
                }
              : p,
          );
        s.configMaps['kube-flannel-cfg'] = {
          ok: true,
          data: { 'net-conf.json': '{ "Network": "10.244.0.0/16", "Backend": { "Type": "vxlan" } }' },
          name: 'kube-flannel-cfg',
          namespace: 'kube-system',
        };
        edit(s);
      },
    });
    c.profile = { ...c.profile, ...FLANNEL } as RunContext['profile'];
    return c;
  };

export const SIDES: Record<string, Sides> = {
  'HOST-DOCKER-CONFIG': {
    pass: [pass('001: Docker 18.06, no daemon.json (cgroupfs)', design(DOCKER_001, dockerHost()))],
    fail: [
      fail('001 with exec-opts systemd', design(DOCKER_001, dockerHost('{"exec-opts":["native.cgroupdriver=systemd"]}')), /cgroup driver systemd ≠ cgroupfs/),
      fail(
        'Docker with kubeadm 1.28, no cri-dockerd',
        design({ ...DOCKER_001, kubernetesVersion: '1.28.0' }, dockerHost()),
        /no dockershim \(removed in 1\.24\)/,
      ),
    ],
    other: [skip(REF, pre(), /runtime is containerd/)],
  },
  'HOST-CRIO-CONFIG': {
    pass: [
      pass(
        'CRI-O drop-in as kubeadm wants it',
        design(CRIO, crioHost('[crio.runtime]\ncgroup_manager = "systemd"\n[crio.image]\npause_image = "registry.k8s.io/pause:3.9"\n')),
      ),
    ],
    fail: [
      fail(
        'cgroupfs and another pause image',
        design(CRIO, crioHost('[crio.runtime]\ncgroup_manager = "cgroupfs"\n[crio.image]\npause_image = "registry.k8s.io/pause:3.6"\n')),
        /cgroup_manager cgroupfs ≠ systemd; pause_image registry\.k8s\.io\/pause:3\.6/,
      ),
    ],
  },
  'FLANNEL-READY': {
    pass: [pass('001: kube-flannel-ds-amd64 2/2', flannelCtx(), '*'), pass('001: its pod on node-0001', flannelCtx(), 'node-0001')],
    fail: [
      fail(
        '1 of 2 ready',
        flannelCtx((s) => s.workloads.ok && (s.workloads.items.find((w) => w.name.startsWith('kube-flannel'))!.ready = 1)),
        /^flannel ready 1\/2$/,
        '*',
      ),
    ],
  },
  'FLANNEL-CONFIG': {
    pass: [pass('Network = podSubnet, vxlan', flannelCtx(), '*')],
    fail: [
      fail(
        'Network 10.10.0.0/16',
        flannelCtx(
          (s) =>
            (s.configMaps['kube-flannel-cfg'] = {
              ok: true,
              data: { 'net-conf.json': '{ "Network": "10.10.0.0/16", "Backend": { "Type": "vxlan" } }' },
              name: 'kube-flannel-cfg',
              namespace: 'kube-system',
            }),
        ),
        /^Network 10\.10\.0\.0\/16 ≠ podSubnet 10\.244\.0\.0\/16$/,
        '*',
      ),
    ],
  },
  'HOST-OS': {
    pass: [
      pass('Rocky Linux 8.6', pre()),
      pass('CentOS 7 (the floor)', osr('NAME="CentOS Linux"\nVERSION_ID="7"\nID="centos"\nID_LIKE="rhel fedora"\nPRETTY_NAME="CentOS Linux 7 (Core)"\n')),
      pass('Ubuntu 20.04 (the floor)', osr('NAME="Ubuntu"\nVERSION_ID="20.04"\nID=ubuntu\nID_LIKE=debian\nPRETTY_NAME="Ubuntu 20.04.6 LTS"\n')),
      pass('Debian 11 (the floor)', osr('PRETTY_NAME="Debian GNU/Linux 11 (bullseye)"\nNAME="Debian GNU/Linux"\nVERSION_ID="11"\nID=debian\n')),
      pass('Debian testing (no VERSION_ID)', osr('PRETTY_NAME="Debian GNU/Linux trixie/sid"\nNAME="Debian GNU/Linux"\nID=debian\n')),
    ],
    fail: [
      fail('CentOS 6', osr('NAME="CentOS Linux"\nVERSION_ID="6"\nID="centos"\nID_LIKE="rhel fedora"\nPRETTY_NAME="CentOS Linux 6"\n'), /^CentOS Linux 6$/),
      fail('Ubuntu 18.04', osr('NAME="Ubuntu"\nVERSION_ID="18.04"\nID=ubuntu\nID_LIKE=debian\nPRETTY_NAME="Ubuntu 18.04.6 LTS"\n'), /^Ubuntu 18\.04\.6 LTS$/),
      fail(
        'Debian 10',
        osr('PRETTY_NAME="Debian GNU/Linux 10 (buster)"\nNAME="Debian GNU/Linux"\nVERSION_ID="10"\nID=debian\n'),
        /^Debian GNU\/Linux 10 \(buster\)$/,
      ),
      fail(
        'Alpine',
        osr('NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.19.1\nPRETTY_NAME="Alpine Linux v3.19"\n'),
        /^Alpine Linux v3\.19 \(unsupported family\)$/,
      ),
    ],
  },
  'HOST-KERNEL': {
    pass: [
      pass('4.18 ≥ 3.10', pre()),
      pass(
        '3.10 (the floor)',
        pre((m) => (m.kernel = ok({ release: '3.10.0-1160.el7.x86_64', machine: 'x86_64' }))),
      ),
    ],
    fail: [
      fail(
        '3.9',
        pre((m) => (m.kernel = ok({ release: '3.9.0-1', machine: 'x86_64' }))),
        /^3\.9\.0-1$/,
      ),
    ],
  },
  'HOST-CPU': {
    pass: [pass('2 CPUs', pre())],
    fail: [
      fail(
        '1 CPU on the control plane',
        pre((m) => (m.cpus = ok(1))),
        /^1 CPUs$/,
      ),
      warn(
        '1 CPU on a worker',
        pre((_m, w) => (w.cpus = ok(1))),
        /^1 CPUs$/,
        'node-0001',
      ),
    ],
  },
  'HOST-MEM': {
    pass: [
      pass('3789 MiB', pre()),
      pass(
        '1700 MiB (the floor)',
        pre((m) => (m.memTotalKiB = ok(1700 * 1024))),
      ),
    ],
    fail: [
      fail(
        '1000 MiB',
        pre((m) => (m.memTotalKiB = ok(1_024_000))),
        /^1000 MiB$/,
      ),
      fail(
        '1699 MiB',
        pre((m) => (m.memTotalKiB = ok(1700 * 1024 - 1))),
        /^1699 MiB$/,
      ),
    ],
  },
  'HOST-SWAP': {
    pass: [pass('no swap', pre())],
    fail: [
      fail(
        'a swap partition',
        pre((m) => (m.swaps = ok([{ filename: '/dev/dm-1', type: 'partition', sizeKiB: 2097148 }]))),
        /1 active swap device\(s\): \/dev\/dm-1/,
      ),
    ],
  },
  'HOST-SWAP-FSTAB': {
    pass: [
      pass(
        'a commented swap line',
        pre((m) => (m.fstab = ok(parseFstab('/dev/mapper/rl-root / xfs defaults 0 0\n#/dev/mapper/rl-swap none swap defaults 0 0\n')))),
      ),
    ],
    fail: [
      fail(
        'a swap line',
        pre((m) => (m.fstab = ok(parseFstab('/dev/mapper/rl-root / xfs defaults 0 0\n/dev/mapper/rl-swap none swap defaults 0 0\n')))),
        /1 swap line\(s\)/,
      ),
    ],
  },
  'HOST-SELINUX': {
    pass: [
      pass('permissive', pre()),
      pass(
        'disabled, no config file',
        pre((m) => (m.selinux = ok({ present: true, mode: 'disabled' }))),
      ),
    ],
    fail: [
      warn(
        'enforcing now',
        pre((m) => (m.selinux = ok({ present: true, mode: 'enforcing', configMode: { value: 'permissive', line: 7 } }))),
        /enforcing now/,
      ),
      warn(
        'enforcing after reboot',
        pre((m) => (m.selinux = ok({ present: true, mode: 'permissive', configMode: { value: 'enforcing', line: 7 } }))),
        /enforcing in \/etc\/selinux\/config/,
      ),
    ],
  },
  'HOST-FIREWALLD': {
    pass: [pass('not installed (real rpm database), not-found (systemctl)', pre())],
    fail: [
      fail(
        'installed and running (the defects host)',
        pre((m) => ((m.packages = ok(parsePackages(fx(DEFECTS_RPM)))), (m.services = ok(parseServices(fx(DEFECTS_SYSTEMCTL)))))),
        /^firewalld is running$/,
      ),
      warn(
        'installed, stopped',
        pre((m) => (m.packages = ok(parsePackages(fx(DEFECTS_RPM))))),
        /firewalld installed \(0\.9\.3-13\.el8\), not running/,
      ),
    ],
  },
  'HOST-CONFLICTS': {
    pass: [pass(REF, pre())],
    fail: [
      warn(
        'podman installed (real rpm database)',
        pre((m) => (m.packages = ok(parsePackages(fx(DEFECTS_RPM))))),
        /^installed: podman 4\.0\.2-6/,
      ),
    ],
  },
  'HOST-HOSTNAME': {
    pass: [
      pass(REF, pre()),
      pass(
        'empty /etc/hostname',
        pre((m) => (m.hostname = ok({ running: 'master', file: '' }))),
      ),
      pass(
        'no /etc/hostname',
        pre((m) => (m.hostname = ok({ running: 'master' }))),
      ),
    ],
    fail: [
      fail(
        'uppercase',
        pre((m) => (m.hostname = ok({ running: 'Master', file: 'Master' }))),
        /not a lowercase RFC 1123 name; differs from the inventory name master/,
      ),
      fail(
        '/etc/hostname differs',
        pre((m) => (m.hostname = ok({ running: 'master', file: 'node-9' }))),
        /\/etc\/hostname says node-9/,
      ),
    ],
  },
  'HOST-UNIQUE-HOSTNAME': {
    pass: [pass(REF, pre(), '*')],
    fail: [
      fail(
        'clone',
        pre((m, w) => (w.hostname = m.hostname)),
        /duplicate hostname: master on master, node-0001/,
        '*',
      ),
    ],
  },
  'HOST-UNIQUE-MAC': {
    pass: [pass(REF, pre(), '*')],
    fail: [
      fail(
        'clone',
        pre((m, w) => (w.interfaces = m.interfaces)),
        /duplicate MAC address: 00:0c:29:00:00:04 on master, node-0001/,
        '*',
      ),
    ],
  },
  'HOST-UNIQUE-UUID': {
    pass: [pass(REF, pre(), '*')],
    fail: [
      fail(
        'clone',
        pre((m, w) => (w.productUuid = m.productUuid)),
        /duplicate product_uuid: 564d0a1e-0000-0000-0000-000000000004 on master, node-0001/,
        '*',
      ),
    ],
  },
  'HOST-HOSTS-FILE': {
    pass: [pass(REF, pre())],
    fail: [
      fail(
        'worker missing',
        pre((m) => (m.resolution = ok({ master: ['192.168.88.4'], 'node-0001': [] }))),
        /^node-0001 does not resolve$/,
      ),
      fail(
        'wrong address',
        pre((m) => (m.resolution = ok({ master: ['192.168.88.4'], 'node-0001': ['10.9.9.9'] }))),
        /node-0001 resolves to 10\.9\.9\.9, not 192\.168\.88\.5/,
      ),
    ],
  },
  'HOST-MODULES': {
    pass: [
      pass(REF, pre()),
      pass(
        'br_netfilter built in, shown only by its sysctls (no /sys/module entry, no modules.builtin)',
        pre((m) => {
          must(m.modules).loaded = ['xt_conntrack'];
          must(m.modules).persisted = must(m.modules).persisted.filter((x) => x.module !== 'br_netfilter');
        }),
      ),
    ],
    fail: [
      fail(
        'br_netfilter not loaded',
        pre((m) => {
          must(m.modules).loaded = ['xt_conntrack'];
          // without br_netfilter the kernel has no net.bridge.bridge-nf-call-* (those would show it built in)
          for (const k of Object.keys(must(m.sysctls))) if (k.startsWith('net.bridge.')) delete must(m.sysctls)[k];
        }),
        /^br_netfilter not loaded$/,
      ),
      fail(
        'not persisted',
        pre((m) => (must(m.modules).persisted = [])),
        /br_netfilter not persisted; xt_conntrack or nf_conntrack or nf_conntrack_ipv4 not persisted/,
      ),
    ],
  },
  'HOST-IPVS-MODULES': {
    pass: [pass(REF, pre())],
    fail: [
      fail(
        'ip_vs_sh not loaded',
        pre((m) => (must(m.modules).loaded = must(m.modules).loaded.filter((x) => x !== 'ip_vs_sh'))),
        /^ip_vs_sh not loaded$/,
      ),
    ],
  },
  'HOST-SYSCTL': {
    pass: [pass(REF, pre())],
    fail: [
      fail(
        'ip_forward = 0',
        pre((m) => (must(m.sysctls)['net.ipv4.ip_forward'] = '0')),
        /net\.ipv4\.ip_forward = 0, want = 1/,
      ),
      warn(
        'small conntrack table',
        pre((m) => (must(m.sysctls)['net.netfilter.nf_conntrack_max'] = '65536')),
        /nf_conntrack_max = 65536, want ≥ 100000/,
      ),
    ],
  },
  'HOST-SYSCTL-PERSIST': {
    pass: [pass(REF, pre())],
    fail: [
      fail(
        "the documents' typo",
        pre(sysctlFile(GOOD_SYSCTL.replace('iptables', 'iptalbes'))),
        /net\.bridge\.bridge-nf-call-iptables not set in any sysctl file; 1 misspelled key/,
      ),
      warn(
        'values right, one misspelled extra key',
        pre(sysctlFile(`${GOOD_SYSCTL}net.bridge.bridge-nf-call-iptalbes = 1\n`)),
        /values persisted, but 1 bad line/,
      ),
    ],
  },
  'HOST-PACKAGES': {
    pass: [pass('real rpm database of the reference host', pre())],
    fail: [
      fail(
        'kubelet 1.28.9 (real rpm database)',
        pre((m) => (m.packages = ok(parsePackages(fx(DEFECTS_RPM))))),
        /^kubelet 1\.28\.9 ≠ 1\.29\.2$/,
      ),
      fail(
        'ipvsadm missing',
        pre((m) => delete must(m.packages).installed.ipvsadm),
        /^ipvsadm missing$/,
      ),
    ],
  },
  'HOST-BINARIES': {
    pass: [pass(REF, pre())],
    fail: [
      warn(
        'socat missing',
        pre((m) => delete must(m.binaries).socat),
        /^missing: socat$/,
      ),
    ],
  },
  'HOST-SERVICES': {
    pass: [pass('systemctl: containerd active + enabled, kubelet enabled', pre())],
    fail: [
      fail(
        'containerd failed (systemctl)',
        pre(
          (m) =>
            (m.services = ok(
              parseServices(
                fx(REFERENCE_SYSTEMCTL).replace(
                  '@unit containerd\nLoadState=loaded\nActiveState=active',
                  '@unit containerd\nLoadState=loaded\nActiveState=failed',
                ),
              ),
            )),
        ),
        /^containerd failed$/,
      ),
      fail(
        'kubelet disabled (systemctl)',
        pre((m) => (m.services = ok(parseServices(fx(REFERENCE_SYSTEMCTL).replace(/(@unit kubelet\n(?:.*\n)*?UnitFileState=)enabled/, '$1disabled'))))),
        /^kubelet disabled$/,
      ),
    ],
  },
  'HOST-CONTAINERD-CONFIG': {
    pass: [pass('reference v2 config', pre())],
    fail: [
      fail('wrong sandbox image', pre(ctrd('containerd/wrong-sandbox-v2.toml')), /sandbox image registry\.k8s\.io\/pause:3\.6 ≠ harbor:443\/k8s\/pause:3\.9/),
      fail('containerd 1.6 default config', pre(ctrd('recorded/containerd-1.6-default.toml')), /SystemdCgroup = false/),
    ],
  },
  'HOST-CONTAINERD-MIRRORS': {
    pass: [pass('reference v2 config', pre())],
    fail: [fail('registry.confgs typo', pre(ctrd('containerd/registry-typo-v2.toml')), /unknown key\(s\) under the registry table: confgs/)],
  },
  'HOST-CONTAINERD-SECURITY': {
    pass: [pass('reference v2 config', pre())],
    fail: [warn("the documents' config verbatim", pre(ctrd('containerd/doc-verbatim-v2.toml')), /insecure_skip_verify = true.*plaintext credentials/)],
  },
  'HOST-CRI-SOCKET': {
    pass: [pass(REF, pre())],
    fail: [
      fail(
        'no socket',
        pre((m) => (m.criSockets = ok({ '/run/containerd/containerd.sock': 'absent' }))),
        /^\/run\/containerd\/containerd\.sock does not exist$/,
      ),
    ],
  },
  'HOST-CGROUP-DRIVER': {
    pass: [
      pass(
        'both systemd',
        pre((m) => (m.kubelet = ok({ files: [{ path: '/var/lib/kubelet/config.yaml', content: 'kind: KubeletConfiguration\ncgroupDriver: systemd\n' }] }))),
      ),
    ],
    fail: [
      fail(
        'kubelet cgroupfs',
        pre((m) => (m.kubelet = ok({ files: [{ path: '/var/lib/kubelet/config.yaml', content: 'kind: KubeletConfiguration\ncgroupDriver: cgroupfs\n' }] }))),
        /^containerd systemd, kubelet cgroupfs: they disagree$/,
      ),
    ],
  },
  'HOST-PORTS-FREE': {
    pass: [pass(REF, pre())],
    fail: [
      fail(
        '6443 in use',
        pre((m) => (m.listening = ok([{ address: '0.0.0.0', port: 6443, family: 4 }]))),
        /^in use: 6443$/,
      ),
      fail(
        '10256 in use on a worker',
        pre((_m, w) => (w.listening = ok([{ address: '::', port: 10256, family: 6 }]))),
        /^in use: 10256$/,
        'node-0001',
      ),
    ],
  },
  'HOST-TIME-SYNC': {
    pass: [pass('chronyd synchronised', pre())],
    fail: [
      warn(
        'chronyd not running',
        pre((m) => (must(m.services).units.chronyd = { active: 'inactive', enabled: 'disabled', method: 'systemctl' })),
        /^no time sync daemon running$/,
      ),
      warn(
        'not synchronised',
        pre((m) => (m.timeSync = ok({ ntpSynchronized: false, timesyncdSynchronized: false, chronyLeap: 'Not synchronised', raw: 'NTPSynchronized=no' }))),
        /chronyd running, not synchronised/,
      ),
    ],
  },
  'HOST-REGISTRY': {
    pass: [pass(REF, pre())],
    fail: [
      fail(
        'does not resolve',
        pre((m) => (must(m.registry)!.resolved = undefined)),
        /^harbor does not resolve on this host$/,
      ),
      fail(
        'no answer',
        pre((m) => (must(m.registry)!.reachable = false)),
        /^harbor:443 not reachable$/,
      ),
    ],
  },
  'HOST-IMAGES': {
    pass: [pass('both images present', images({ 'k8s/kube-apiserver': ['v1.29.2'], 'k8s/pause': ['3.9', '3.6'] }), '*')],
    fail: [
      fail(
        'pause:3.9 missing',
        images({ 'k8s/kube-apiserver': ['v1.29.2'], 'k8s/pause': ['3.6'] }),
        /1 of 2 images present; missing: harbor:443\/k8s\/pause:3\.9/,
        '*',
      ),
    ],
  },
  // post-install: the seeded snapshot (test/helpers/reference.ts referenceSnapshot) and node-side facts
  'CP-APISERVER': {
    pass: [pass(REF, () => postCtx(), '*')],
    fail: [
      fail(
        'readyz 500',
        () => postCtx({ snapshot: (s) => (s.health.readyz = { status: 500, body: '[+]ping ok\n[-]etcd failed: reason withheld\nreadyz check failed' }) }),
        /livez 200, readyz 500: \[-\]etcd failed/,
        '*',
      ),
      fail('insecure-skip-tls-verify', () => postCtx({ snapshot: (s) => (s.insecureSkipTlsVerify = true) }), /insecure-skip-tls-verify/, '*'),
    ],
  },
  'CP-COMPONENTS': {
    pass: [pass(REF, () => postCtx())],
    fail: [
      fail(
        'scheduler in CrashLoopBackOff',
        () =>
          postCtx({
            snapshot: (s) =>
              Object.assign(
                (s.pods.ok ? s.pods.items : []).find((p) => p.name === 'kube-scheduler-master')!,
                {
                  ready: false,
                  containers: [
                    {
                      name: 'kube-scheduler',
                      image: 'harbor:443/k8s/kube-scheduler:v1.29.2',
                      ready: false,
                      restartCount: 7,
                      state: 'waiting',
                      reason: 'CrashLoopBackOff',
                    },
                  ],
                },
              ),
          }),
        /^kube-scheduler-master CrashLoopBackOff$/,
      ),
      fail(
        'etcd pod missing',
        () => postCtx({ snapshot: (s) => s.pods.ok && (s.pods.items = s.pods.items.filter((p) => p.name !== 'etcd-master')) }),
        /^etcd-master missing$/,
      ),
    ],
  },
  'CP-HEALTHZ': {
    pass: [pass(REF, () => postCtx())],
    fail: [
      fail(
        'scheduler refuses connections',
        () => postCtx({ hosts: (m) => (must(m.nodeHealth)!.endpoints['https://127.0.0.1:10259/healthz'] = CURL_REFUSED) }),
        /^not healthy: kube-scheduler$/,
      ),
      fail(
        'controller-manager answers 500',
        () => postCtx({ hosts: (m) => (must(m.nodeHealth)!.endpoints['https://127.0.0.1:10257/healthz'] = '[-]leaderElection failed http=500') }),
        /^not healthy: kube-controller-manager$/,
      ),
    ],
  },
  'CP-PORTS': {
    pass: [pass(REF, () => postCtx()), pass(REF, () => postCtx(), 'node-0001')],
    fail: [
      fail(
        'scheduler port closed',
        () => postCtx({ hosts: (m) => (m.listening = ok(must(m.listening).filter((l) => l.port !== 10259))) }),
        /^not listening: 10259$/,
      ),
      fail(
        'kubelet port closed on a worker',
        () => postCtx({ hosts: (_m, w) => (w.listening = ok(must(w.listening).filter((l) => l.port !== 10250))) }),
        /^not listening: 10250$/,
        'node-0001',
      ),
    ],
  },
  'NODES-REGISTERED': {
    pass: [pass(REF, () => postCtx(), 'node-0001')],
    fail: [
      fail(
        'node-0001 never joined',
        () => postCtx({ snapshot: (s) => s.nodes.ok && (s.nodes.items = s.nodes.items.filter((n) => n.name !== 'node-0001')) }),
        /^no Node named node-0001$/,
        'node-0001',
      ),
    ],
  },
  'NODES-READY': {
    pass: [pass(REF, () => postCtx(), 'node-0001')],
    fail: [
      fail(
        'NotReady',
        () =>
          postCtx({
            snapshot: (s) =>
              (s.nodes.ok ? s.nodes.items : [])[1]!.conditions.splice(3, 1, {
                type: 'Ready',
                status: 'False',
                reason: 'KubeletNotReady',
                message: 'container runtime network not ready',
              }),
          }),
        /^Ready=False$/,
        'node-0001',
      ),
      fail(
        'disk pressure',
        () => postCtx({ snapshot: (s) => ((s.nodes.ok ? s.nodes.items : [])[1]!.conditions[1]!.status = 'True') }),
        /^DiskPressure=True$/,
        'node-0001',
      ),
    ],
  },
  'NODES-VERSION': {
    pass: [pass(REF, () => postCtx(), 'node-0001')],
    fail: [
      fail(
        'kubelet v1.28.9',
        () => postCtx({ snapshot: (s) => ((s.nodes.ok ? s.nodes.items : [])[1]!.kubeletVersion = 'v1.28.9') }),
        /^kubelet v1\.28\.9 ≠ v1\.29\.2$/,
        'node-0001',
      ),
      fail(
        'kubelet newer than the API server',
        () => postCtx({ snapshot: (s) => (s.version = 'v1.28.9') }),
        /newer than the API server v1\.28\.9: unsupported skew/,
        'node-0001',
      ),
    ],
  },
  'PODS-RUNNING': {
    pass: [pass(REF, () => postCtx(), 'node-0001')],
    fail: [
      fail(
        'coredns ImagePullBackOff',
        () =>
          postCtx({
            snapshot: (s) =>
              Object.assign(
                (s.pods.ok ? s.pods.items : []).find((p) => p.name.startsWith('coredns-'))!,
                {
                  phase: 'Pending',
                  ready: false,
                  containers: [
                    { name: 'coredns', image: 'harbor:443/k8s/coredns:v1.11.1', ready: false, restartCount: 0, state: 'waiting', reason: 'ImagePullBackOff' },
                  ],
                },
              ),
          }),
        /^kube-system\/coredns-76f75df574-abcde ImagePullBackOff$/,
        'node-0001',
      ),
    ],
  },
  'PODS-IMAGES': {
    pass: [pass(REF, () => postCtx(), '*')],
    fail: [
      warn(
        'coredns from docker.io',
        () =>
          postCtx({
            snapshot: (s) => ((s.pods.ok ? s.pods.items : []).find((p) => p.name.startsWith('coredns-'))!.images = ['docker.io/coredns/coredns:1.11.1']),
          }),
        /^1 image\(s\) from elsewhere$/,
        '*',
      ),
    ],
  },
  'CALICO-READY': {
    pass: [pass(REF, () => postCtx(), '*'), pass(REF, () => postCtx(), 'node-0001')],
    fail: [
      fail('calico-node 1/2', () => postCtx({ snapshot: (s) => ((s.workloads.ok ? s.workloads.items : [])[0]!.ready = 1) }), /^calico-node ready 1\/2$/, '*'),
      fail(
        'wrong Calico version',
        () => postCtx({ snapshot: (s) => ((s.workloads.ok ? s.workloads.items : [])[2]!.images = ['harbor:443/calico/kube-controllers:v3.25.0']) }),
        /calico-kube-controllers image ≠ v3\.26\.4/,
        '*',
      ),
      fail(
        'no calico-node on node-0001',
        () => postCtx({ snapshot: (s) => s.pods.ok && (s.pods.items = s.pods.items.filter((p) => p.name !== 'calico-node-1wxyz')) }),
        /^no calico-node pod on node-0001$/,
        'node-0001',
      ),
    ],
  },
  'CALICO-IPPOOL': {
    pass: [pass(REF, () => postCtx(), '*')],
    fail: [
      warn(
        "Calico's default 192.168.0.0/16",
        () => postCtx({ snapshot: (s) => (s.ipPools = { ok: true, items: [{ name: 'default-ipv4-ippool', cidr: '192.168.0.0/16' }] }) }),
        /^pools: default-ipv4-ippool: 192\.168\.0\.0\/16$/,
        '*',
      ),
    ],
  },
  'PROXY-IPVS': {
    pass: [pass(REF, () => postCtx(), '*'), pass(REF, () => postCtx(), 'node-0001')],
    fail: [
      fail(
        'ConfigMap mode iptables',
        () => postCtx({ snapshot: (s) => (s.configMaps['kube-proxy'] = { ok: true, data: { 'config.conf': 'mode: ""\nipvs:\n  strictARP: false\n' } }) }),
        /^mode iptables ≠ ipvs; ipvs\.strictARP false ≠ true$/,
        '*',
      ),
      fail(
        'node reports iptables',
        () => postCtx({ hosts: (_m, w) => (must(w.nodeHealth)!.endpoints['http://127.0.0.1:10249/proxyMode'] = 'iptables http=200') }),
        /^kube-proxy reports iptables$/,
        'node-0001',
      ),
      fail(
        'no kubernetes VIP in ipvsadm',
        () =>
          postCtx({
            hosts: (_m, w) => (must(w.nodeHealth)!.ipvsadm.output = 'IP Virtual Server version 1.2.1 (size=4096)\nProt LocalAddress:Port Scheduler Flags'),
          }),
        /no virtual server 10\.245\.0\.1:443/,
        'node-0001',
      ),
    ],
  },
  'KUBEADM-CONFIG': {
    pass: [pass(REF, () => postCtx(), '*')],
    fail: [
      fail(
        'podSubnet 10.100.0.0/16',
        () =>
          postCtx({
            snapshot: (s) =>
              s.configMaps['kubeadm-config'].ok &&
              (s.configMaps['kubeadm-config'].data.ClusterConfiguration = s.configMaps['kubeadm-config'].data.ClusterConfiguration!.replace(
                '10.244.0.0/16',
                '10.100.0.0/16',
              )),
          }),
        /^networking\.podSubnet 10\.100\.0\.0\/16 ≠ 10\.244\.0\.0\/16$/,
        '*',
      ),
    ],
  },
  'KUBELET-CONFIG': {
    pass: [pass(REF, () => postCtx(), '*')],
    fail: [
      fail(
        'cgroupfs',
        () =>
          postCtx({
            snapshot: (s) => (s.configMaps['kubelet-config'] = { ok: true, data: { kubelet: 'kind: KubeletConfiguration\ncgroupDriver: cgroupfs\n' } }),
          }),
        /^cgroupfs$/,
        '*',
      ),
      fail(
        'unset (kubelet default cgroupfs)',
        () => postCtx({ snapshot: (s) => (s.configMaps['kubelet-config'] = { ok: true, data: { kubelet: 'kind: KubeletConfiguration\n' } }) }),
        /^cgroupfs \(unset\)$/,
        '*',
      ),
    ],
  },
  'DNS-READY': {
    pass: [pass(REF, () => postCtx(), '*')],
    fail: [
      fail(
        'no ready endpoints',
        () => postCtx({ snapshot: (s) => (s.dnsEndpoints = { ok: true, service: true, addresses: 0 }) }),
        /^kube-dns has no ready endpoints$/,
        '*',
      ),
      fail(
        'coredns unavailable',
        () => postCtx({ snapshot: (s) => ((s.workloads.ok ? s.workloads.items : [])[3]!.available = 0) }),
        /^coredns available 0\/2$/,
        '*',
      ),
    ],
  },
  'CERTS-EXPIRY': {
    pass: [pass(REF, () => postCtx(), '*')],
    fail: [
      warn('10 days left', () => postCtx({ snapshot: (s) => (s.servingCert!.daysLeft = 10) }), /^expiring: API serving certificate in 10 days$/, '*'),
      fail('expired CA', () => postCtx({ snapshot: (s) => (s.caCert!.daysLeft = -1) }), /^expired: cluster CA$/, '*'),
    ],
  },
  'TOKENS-TTL': {
    pass: [pass(REF, () => postCtx(), '*')],
    fail: [
      warn(
        'a --ttl=0 token',
        () => postCtx({ snapshot: (s) => (s.tokens.ok ? s.tokens.items : []).push({ name: 'bootstrap-token-forevr', usages: ['authentication'] }) }),
        /^1 token\(s\) never expire: bootstrap-token-forevr$/,
        '*',
      ),
    ],
  },
  'CP-TAINT': {
    pass: [pass(REF, () => postCtx())],
    fail: [
      warn('taint removed', () => postCtx({ snapshot: (s) => ((s.nodes.ok ? s.nodes.items : [])[0]!.taints = []) }), /^no control-plane NoSchedule taint/),
    ],
  },
  DATAPLANE: {
    pass: [
      pass(
        'every probe ok',
        () =>
          postCtx({
            extra: (c) =>
              (c.dataplane = {
                ran: true,
                ok: true,
                namespace: 'kv-dataplane-x',
                cleanedUp: true,
                probes: [
                  { name: 'pod-to-pod', ok: true, detail: 'master → node-0001: 200' },
                  { name: 'clusterip', ok: true, detail: 'ok' },
                ],
              }),
          }),
        '*',
      ),
    ],
    fail: [
      fail(
        'NodePort on node-0001 fails',
        () =>
          postCtx({
            extra: (c) =>
              (c.dataplane = {
                ran: true,
                ok: false,
                namespace: 'kv-dataplane-x',
                cleanedUp: true,
                probes: [
                  { name: 'pod-to-pod', ok: true, detail: 'ok' },
                  { name: 'nodeport node-0001', ok: false, detail: 'timeout' },
                ],
              }),
          }),
        /^nodeport node-0001$/,
        '*',
      ),
    ],
  },
};

const registryExtra = (r: unknown) => () => {
  const ctx = twoHosts();
  ctx.extra.registry = r;
  return ctx;
};
const kubeletFiles = (files: { path: string; content: string }[]) => pre((m) => (m.kubelet = ok({ files })));
const v3 =
  (hostsToml: { registry: string; path: string; server?: string; hosts: { url: string; skipVerify?: boolean }[]; parseError?: string }[]) => (f: HostFacts) => {
    const text = fx('containerd/reference-v3.toml');
    f.containerd = ok({ path: '/etc/containerd/config.toml', present: true, text, config: parseContainerdConfig(text), hostsToml });
  };
const HOSTS_TOML = [
  { registry: 'harbor:443', path: '/etc/containerd/certs.d/harbor:443/hosts.toml', server: 'https://harbor:443', hosts: [{ url: 'https://192.168.88.3:443' }] },
  {
    registry: 'docker.io',
    path: '/etc/containerd/certs.d/docker.io/hosts.toml',
    server: 'https://registry-1.docker.io',
    hosts: [{ url: 'https://192.168.88.3:443' }],
  },
];

/** More cases per ID: boundaries, the other package manager, the containerd 2.x schema, skip and error. */
const MORE: Record<string, Partial<Sides>> = {
  'HOST-SELINUX': {
    other: [
      skip(
        'no SELinux on this host',
        pre((m) => (m.selinux = ok({ present: false }))),
        /SELinux is not present/,
      ),
    ],
  },
  'HOST-FIREWALLD': {
    pass: [
      pass(
        'no firewalld unit known at all',
        pre((m) => delete must(m.services).units.firewalld),
      ),
    ],
  },
  'HOST-PACKAGES': {
    pass: [
      pass(
        'Debian: real dpkg-query output (kubectl on the control plane)',
        pre(
          (m) => (
            (m.os = ok(parseOsRelease('PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nVERSION_ID="12"\nID=debian\n'))),
            (m.packages = ok(parsePackages(fx('recorded/debian-dpkg-query.txt'))))
          ),
        ),
      ),
      pass(
        'kubernetesInstall: binaries: kubeadm, kubelet, kubectl, crictl in /usr/local/bin at the version, no kube* package',
        design({ kubernetesInstall: 'binaries' }, binaryInstall),
      ),
    ],
    fail: [
      fail(
        'kubectl missing on the control plane',
        pre((m) => delete must(m.packages).installed.kubectl),
        /^kubectl missing$/,
      ),
      fail(
        'kubernetesInstall: binaries, and the kubelet in PATH reports another version',
        design({ kubernetesInstall: 'binaries' }, (m) => (binaryInstall(m), (must(m.binaryVersions!).kubelet = '1.29.15'))),
        /^kubelet 1\.29\.15 ≠ 1\.29\.2$/,
      ),
      fail(
        'kubernetesInstall: binaries, and no kubeadm in PATH',
        design({ kubernetesInstall: 'binaries' }, (m) => (binaryInstall(m), delete must(m.binaries).kubeadm)),
        /^kubeadm not in PATH$/,
      ),
    ],
    other: [
      error(
        'neither rpm nor dpkg',
        pre((m) => (m.packages = ok({ manager: 'none', installed: {} }))),
        /could not be evaluated/,
      ),
    ],
  },
  'HOST-REGISTRY': {
    pass: [
      pass(
        'the registry given as an IP address, no name to resolve',
        pre((m) => Object.assign(must(m.registry)!, { host: '192.168.88.3', resolved: undefined })),
      ),
    ],
    other: [
      skip(
        'no registry in the profile',
        pre((m) => (m.registry = ok(undefined))),
        /not applicable/,
      ),
      error(
        'nothing to test reachability with',
        pre((m) => Object.assign(must(m.registry)!, { reachable: undefined, detail: 'no curl, no bash /dev/tcp' })),
        /could not be evaluated/,
      ),
    ],
  },
  'HOST-IPVS-MODULES': { other: [skip('proxy mode iptables', () => ((c) => ((c.profile.proxyMode = 'iptables'), c))(twoHosts()), /not applicable/)] },
  'HOST-IMAGES': {
    other: [
      error(
        'registry unreachable',
        registryExtra({
          judged: judgeImages({ endpoint: 'https://192.168.88.3:443', reachable: false, error: 'connect ECONNREFUSED', repos: {} }, [
            { repo: 'k8s/pause', tag: '3.9', ref: 'harbor:443/k8s/pause:3.9', why: 'sandbox image' },
          ]),
        }),
        /registry not reachable/,
        '*',
      ),
      error(
        'a repository unreadable',
        registryExtra({
          judged: judgeImages(
            { endpoint: 'https://192.168.88.3:443', reachable: true, repos: { 'k8s/pause': { ok: false, status: 401, error: 'HTTP 401' } } },
            [{ repo: 'k8s/pause', tag: '3.9', ref: 'harbor:443/k8s/pause:3.9', why: 'sandbox image' }],
          ),
        }),
        /1 repositories could not be read/,
        '*',
      ),
      skip('no registry endpoint configured', registryExtra({ skip: 'no registry.endpoint in the profile' }), /not applicable/, '*'),
      error('catalogue not gathered', registryExtra(undefined), /could not be evaluated/, '*'),
    ],
  },
  'HOST-UNIQUE-UUID': {
    other: [
      error(
        'one host unreadable',
        pre((_m, w) => (w.productUuid = { ok: false, error: 'not readable' })),
        /could not be evaluated/,
        '*',
      ),
    ],
  },
  'HOST-UNIQUE-MAC': { other: [skip('one host only', () => ((c) => ((c.hosts = c.hosts.slice(0, 1)), c))(twoHosts()), /not applicable/, '*')] },
  'HOST-CONTAINERD-MIRRORS': {
    pass: [pass('containerd 2.x: certs.d hosts.toml', pre(v3(HOSTS_TOML)))],
    fail: [
      fail('containerd 2.x: no hosts.toml for docker.io', pre(v3(HOSTS_TOML.slice(0, 1))), /no \/etc\/containerd\/certs\.d\/docker\.io\/hosts\.toml/),
      fail(
        'containerd 2.x: hosts.toml points elsewhere',
        pre(v3([HOSTS_TOML[0]!, { ...HOSTS_TOML[1]!, hosts: [{ url: 'https://10.9.9.9:443' }] }])),
        /docker\.io\/hosts\.toml has no \[host\."https:\/\/192\.168\.88\.3:443"\]/,
      ),
    ],
  },
  'HOST-CONTAINERD-CONFIG': {
    pass: [pass('containerd 2.x schema', pre(v3(HOSTS_TOML)))],
    fail: [
      fail(
        'no config.toml',
        pre((m) => (m.containerd = ok({ path: '/etc/containerd/config.toml', present: false, hostsToml: [] }))),
        /does not exist/,
      ),
    ],
  },
  'HOST-CONTAINERD-SECURITY': {
    fail: [
      warn(
        'containerd 2.x: skip_verify in hosts.toml',
        pre(v3([HOSTS_TOML[0]!, { ...HOSTS_TOML[1]!, hosts: [{ url: 'https://192.168.88.3:443', skipVerify: true }] }])),
        /skip_verify = true/,
      ),
    ],
    other: [
      skip(
        'config.toml unusable',
        pre((m) => (m.containerd = ok({ path: '/etc/containerd/config.toml', present: false, hostsToml: [] }))),
        /not applicable/,
      ),
    ],
  },
  'HOST-CGROUP-DRIVER': {
    pass: [pass('kubelet not configured yet: what kubeadm will write (profile)', pre())],
    fail: [
      fail(
        '--cgroup-driver=cgroupfs in kubeadm-flags.env',
        kubeletFiles([
          {
            path: '/var/lib/kubelet/kubeadm-flags.env',
            content: 'KUBELET_KUBEADM_ARGS="--cgroup-driver=cgroupfs --container-runtime-endpoint=unix:///run/containerd/containerd.sock"\n',
          },
        ]),
        /^containerd systemd, kubelet cgroupfs: they disagree$/,
      ),
      fail('config.yaml does not parse', kubeletFiles([{ path: '/var/lib/kubelet/config.yaml', content: 'cgroupDriver: [systemd\n' }]), /does not parse/),
      fail(
        'both cgroupfs, the profile wants systemd',
        pre((m) => {
          ctrd('recorded/containerd-1.6-default.toml')(m);
          m.kubelet = ok({ files: [{ path: '/var/lib/kubelet/config.yaml', content: 'cgroupDriver: cgroupfs\n' }] });
        }),
        /^both cgroupfs, profile wants systemd$/,
      ),
    ],
  },
  'HOST-CRI-SOCKET': {
    pass: [pass('/var/run path of the same socket', () => ((c) => ((c.profile.criSocket = 'unix:///var/run/containerd/containerd.sock'), c))(twoHosts()))],
    fail: [
      fail(
        'a file, not a socket',
        pre((m) => (m.criSockets = ok({ '/run/containerd/containerd.sock': 'other' }))),
        /exists but is not a socket/,
      ),
    ],
  },
  'HOST-TIME-SYNC': {
    pass: [
      pass(
        'systemd-timesyncd synchronised',
        pre((m) => {
          const u = must(m.services).units;
          u.chronyd = { active: 'inactive', enabled: 'disabled', method: 'systemctl' };
          u['systemd-timesyncd'] = { active: 'active', enabled: 'enabled', method: 'systemctl' };
          m.timeSync = ok({ ntpSynchronized: undefined, timesyncdSynchronized: true, raw: '' });
        }),
      ),
      pass(
        'ntpd (unit ntp) with ntpstat 0',
        pre((m) => {
          const u = must(m.services).units;
          u.chronyd = { active: 'inactive', enabled: 'disabled', method: 'systemctl' };
          u.ntp = { active: 'active', enabled: 'enabled', method: 'systemctl' };
          m.timeSync = ok({ ntpSynchronized: undefined, timesyncdSynchronized: false, ntpstatRc: 0, raw: '' });
        }),
      ),
    ],
  },
  'HOST-SERVICES': {
    pass: [
      pass(
        'no systemd: the processes and *.wants links',
        pre(
          (m) =>
            (m.services = ok(
              parseServices(
                'pid1=sh\nsystemd=no\n@processes\ncontainerd\nsshd\n@wants\n/etc/systemd/system/multi-user.target.wants/containerd.service\n/etc/systemd/system/multi-user.target.wants/kubelet.service\n',
              ),
            )),
        ),
      ),
    ],
    fail: [
      fail(
        'no systemd, no wants link for kubelet',
        pre(
          (m) =>
            (m.services = ok(
              parseServices('pid1=sh\nsystemd=no\n@processes\ncontainerd\n@wants\n/etc/systemd/system/multi-user.target.wants/containerd.service\n'),
            )),
        ),
        /^kubelet not enabled \(no wants link\)$/,
      ),
    ],
  },
  'HOST-HOSTS-FILE': {
    pass: [
      pass('local transport: only its own name must resolve', () =>
        ((c) => ((c.hosts[0]!.spec.transport = 'local'), (c.hosts[0]!.facts!.resolution = ok({ master: ['127.0.1.1'], 'node-0001': ['192.168.88.5'] })), c))(
          twoHosts(),
        ),
      ),
    ],
  },
  'HOST-MODULES': {
    pass: [
      pass(
        'nf_conntrack instead of xt_conntrack; br_netfilter built in',
        pre(
          (m) =>
            (m.modules = ok({
              loaded: ['nf_conntrack'],
              sys: [],
              builtin: ['br_netfilter'],
              procModules: true,
              persisted: [{ module: 'nf_conntrack', file: '/etc/modules-load.d/k8s.conf', line: 1 }],
            })),
        ),
      ),
    ],
  },
};
for (const [id, more] of Object.entries(MORE)) {
  const s = SIDES[id]!;
  s.pass.push(...(more.pass ?? []));
  s.fail.push(...(more.fail ?? []));
  s.other = [...(s.other ?? []), ...(more.other ?? [])];
}

export const caseKey = (id: string, c: Case) => `${id} ${c.status}: ${c.name} [${c.target}]`;

/** Every case with the full verdict evaluate() gives it: what the golden file holds. */
export function sideVerdicts(only?: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [id, s] of Object.entries(SIDES)) {
    if (only && !only.includes(id)) continue;
    const req = allRequirements().find((r) => r.id === id);
    if (!req) continue;
    for (const c of [...s.pass, ...s.fail, ...(s.other ?? [])]) {
      const { status, severity, observed, expected, evidence, remediation, reason } = evaluate(req, c.ctx(), c.target);
      out[caseKey(id, c)] = { status, severity, observed, expected, evidence, remediation, ...(reason ? { reason } : {}) };
    }
  }
  return out;
}
