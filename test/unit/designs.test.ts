// The designs of the documents (000, 001, 003, 004): profile keys, the parsers of their runtimes' and tools' real
// output (recorded: docker info of Docker 18.06 and 20.10 on CentOS 7, daemon.json, snap list on Ubuntu 20.04,
// chronyc sources from 001 itself, a CRI-O drop-in), and the requirements that depend on the design.
// Stand-ins: facts are the recorded Debian 12 probe edited into each design's host; parsers read real recorded output.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildProfile, type Profile } from '../../lib/config/profile.ts';
import { parseChronyConf, parseChronySources } from '../../lib/facts/timesync.ts';
import { parseCrioConfig } from '../../lib/facts/crio.ts';
import { parseDaemonJson, parseDockerInfo } from '../../lib/facts/docker.ts';
import { parseModules } from '../../lib/facts/modules.ts';
import { parseSnapList } from '../../lib/facts/packages.ts';
import type { HostFacts } from '../../lib/probe/facts.ts';
import { ctxFor, host, judge, ok, recordedFacts } from '../helpers/facts.ts';

const fx = (p: string) => readFileSync(new URL(`../../fixtures/${p}`, import.meta.url), 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'kv-designs-'));
const profileFrom = (yaml: string) => {
  const f = join(dir, `p-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(f, yaml);
  return buildProfile({ profileFile: f });
};
const shipped = (name: string) => buildProfile({ profileFile: new URL(`../../profiles/${name}`, import.meta.url).pathname });

describe('parsers on recorded output', () => {
  it('docker info: Docker 18.06 (keys at column 0) and 20.10 (Client/Server blocks, lists indented)', () => {
    expect(parseDockerInfo(fx('recorded/docker-18.06-centos7-info.txt'))).toEqual({
      serverVersion: '18.06.1-ce',
      cgroupDriver: 'cgroupfs',
      registryMirrors: [],
      insecureRegistries: ['127.0.0.0/8'],
    });
    expect(parseDockerInfo(fx('recorded/docker-20.10-centos7-info.txt'))).toEqual({
      serverVersion: '20.10.8',
      cgroupDriver: 'cgroupfs',
      registryMirrors: ['https://registry.docker-cn.com/', 'https://hub-mirror.c.163.com/', 'https://docker.mirrors.ustc.edu.cn/'],
      insecureRegistries: ['harbor.guoran100.com', '127.0.0.0/8'],
    });
  });
  it('daemon.json: exec-opts cgroup driver, mirrors, insecure registries; invalid JSON and wrong types throw', () => {
    // 000 六's daemon.json (with the web page's link rewrite undone) and 003's exec-opts
    const j = parseDaemonJson(
      '{ "registry-mirrors":["https://harbor:443","https://docker.m.daocloud.io"], "insecure-registries":["harbor:443"], "exec-opts": ["native.cgroupdriver=systemd"] }',
    );
    expect(j).toMatchObject({
      cgroupDriver: 'systemd',
      registryMirrors: ['https://harbor:443', 'https://docker.m.daocloud.io'],
      insecureRegistries: ['harbor:443'],
    });
    expect(parseDaemonJson('{}').cgroupDriver).toBeUndefined();
    expect(() => parseDaemonJson('{ "registry-mirrors": ["a",] }')).toThrow(/not valid JSON/);
    expect(() => parseDaemonJson('{ "exec-opts": "native.cgroupdriver=systemd" }')).toThrow(/list of strings/);
  });
  it('snap list (Ubuntu 20.04), `--all` disabled revisions left out', () => {
    expect(parseSnapList(fx('recorded/snap-list-ubuntu20.04.txt'))).toEqual({ core18: '20201210', lxd: '4.0.5', snapd: '2.48.2' });
    expect(
      parseSnapList(
        'Name  Version  Rev  Tracking  Publisher  Notes\ncmake  3.23.0  1070  latest/stable  crascit✓  disabled,classic\ncmake  3.23.1  1082  latest/stable  crascit✓  classic\n',
      ),
    ).toEqual({ cmake: '3.23.1' });
  });
  it("chronyc sources (001's own output): the ^* source; chrony.conf server lines, commented ones ignored", () => {
    expect(parseChronySources(fx('recorded/chronyc-sources-centos7.txt'))).toEqual([
      { mode: '^', state: '*', address: 'k8s-master', line: '^* k8s-master                    2   6    17    35  -4000ns[  -38us] +/-   39ms' },
    ]);
    expect(
      parseChronyConf('/etc/chrony.conf', '#server 0.centos.pool.ntp.org iburst\nserver 0.asia.pool.ntp.org iburst\npool 2.debian.pool.ntp.org iburst\n').map(
        (x) => `${x.kind} ${x.name}:${x.line}`,
      ),
    ).toEqual(['server 0.asia.pool.ntp.org:2', 'pool 2.debian.pool.ntp.org:3']);
  });
  it('crio.conf.d: cgroup_manager and pause_image, the later file wins; invalid TOML names the file', () => {
    const c = parseCrioConfig([
      { path: '/etc/crio/crio.conf', content: '[crio.image]\npause_image = "k8s.gcr.io/pause:3.6"\n' },
      { path: '/etc/crio/crio.conf.d/02-kubernetes.conf', content: fx('recorded/crio-02-kubernetes.conf') },
    ]);
    expect(c).toEqual({
      cgroupManager: { value: 'systemd', file: '/etc/crio/crio.conf.d/02-kubernetes.conf' },
      pauseImage: { value: 'registry.k8s.io/pause:3.9', file: '/etc/crio/crio.conf.d/02-kubernetes.conf' },
    });
    expect(() => parseCrioConfig([{ path: '/etc/crio/crio.conf', content: '[crio.image\n' }])).toThrow(/\/etc\/crio\/crio.conf is not valid TOML/);
  });
  it('modules persisted by /etc/sysconfig/modules/*.modules (001) and kubelet drop-ins (003); modprobe -r is not', () => {
    const m = parseModules('@proc\n@sys\n@builtin\n', [
      { path: '/etc/sysconfig/modules/ipvs.modules', content: '#!/bin/bash\nmodprobe -- ip_vs\nmodprobe -- nf_conntrack_ipv4\nmodprobe -r ip_vs_sh\n' },
      { path: '/etc/systemd/system/kubelet.service.d/10-proxy-ipvs.conf', content: '[Service]\nExecStartPre=-/sbin/modprobe ip_vs_rr\n' },
      { path: '/etc/modules', content: '# comment\nbr_netfilter\n' },
    ]);
    expect(m.persisted.map((p) => `${p.module}@${p.file}:${p.line}`)).toEqual([
      'ip_vs@/etc/sysconfig/modules/ipvs.modules:2',
      'nf_conntrack_ipv4@/etc/sysconfig/modules/ipvs.modules:3',
      'ip_vs_rr@/etc/systemd/system/kubelet.service.d/10-proxy-ipvs.conf:2',
      'br_netfilter@/etc/modules:2',
    ]);
  });
});

describe('HOST-IMAGES for a flannel design with a private registry', () => {
  it('lists the flannel image from cni.imageRepository at the profile version', async () => {
    const { requiredImages } = await import('../../lib/registry/images.ts');
    const p = profileFrom('kubernetesVersion: 1.29.2\ncni: { name: flannel, version: v0.24.2, imageRepository: harbor:443/flannel }\n');
    expect(
      requiredImages(p)
        .filter((i) => i.why.startsWith('flannel'))
        .map((i) => i.ref),
    ).toEqual(['harbor:443/flannel/flannel:v0.24.2']);
  });
  it('with cni.pluginVersion, also the flannel-cni-plugin init image at its own tag', async () => {
    const { requiredImages } = await import('../../lib/registry/images.ts');
    const p = profileFrom(
      'kubernetesVersion: 1.29.2\ncni: { name: flannel, version: v0.28.10, imageRepository: harbor:443/flannel-io, pluginVersion: v1.9.1-flannel3 }\n',
    );
    expect(
      requiredImages(p)
        .filter((i) => i.why.startsWith('flannel'))
        .map((i) => i.ref),
    ).toEqual(['harbor:443/flannel-io/flannel:v0.28.10', 'harbor:443/flannel-io/flannel-cni-plugin:v1.9.1-flannel3']);
    expect(() => profileFrom('cni: { name: flannel, pluginVersion: "latest" }\n')).toThrow(/pluginVersion/);
  });
});

describe('profile keys', () => {
  it('the shipped profiles load; runtime defaults and the CRI socket follow the runtime and version', () => {
    expect(shipped('000-rocky8-containerd-calico.yaml')).toMatchObject({
      runtime: { name: 'containerd', service: 'containerd' },
      criSocket: 'unix:///run/containerd/containerd.sock',
      registry: { enabled: true },
    });
    expect(shipped('001-centos7-docker-flannel.yaml')).toMatchObject({
      runtime: { name: 'docker', configPath: '/etc/docker/daemon.json', service: 'docker' },
      criSocket: 'unix:///var/run/dockershim.sock',
      registry: { enabled: false },
      cni: { name: 'flannel', version: 'v0.10.0', imageRepository: '' },
      strictARP: false,
      sysctls: { 'vm.swappiness': '0' },
    });
    expect(shipped('003-cri-containerd.yaml')).toMatchObject({
      runtime: { configPath: '/etc/cri-containerd/config.toml', service: 'cri-containerd' },
      criSocket: 'unix:///run/cri-containerd/cri-containerd.sock',
    });
    expect(shipped('004-ubuntu-snap.yaml')).toMatchObject({ kubernetesVersion: '1.28.0', proxyMode: 'iptables', cni: { name: 'none' } });
    expect(profileFrom('runtime: { name: cri-o }\n')).toMatchObject({
      runtime: { configPath: '/etc/crio/crio.conf', service: 'crio' },
      criSocket: 'unix:///var/run/crio/crio.sock',
    });
    expect(profileFrom('kubernetesVersion: 1.28.2\nruntime: { name: docker }\n').criSocket).toBe('unix:///var/run/cri-dockerd.sock');
    expect(profileFrom('minMemoryMiB: { control-plane: 3800, worker: 1800 }\n').minMemoryMiB).toEqual({ 'control-plane': 3800, worker: 1800 });
  });
  it('bad values name the file and line', () => {
    expect(() => profileFrom('cni:\n  name: Weave Net\n')).toThrow(/:2: cni\.name: .*calico, flannel, none, or the name of another CNI/);
    expect(profileFrom('cni:\n  name: weave\n').cni.name).toBe('weave'); // a CNI the tool does not check: accepted, its checks skip
    expect(() => profileFrom('runtime:\n  name: docker\n  configPath: etc/docker/daemon.json\n')).toThrow(/:3: runtime\.configPath: invalid value/);
    expect(() => profileFrom('registry: nothing\n')).toThrow(/:1: registry: expected a mapping or "none"/);
    expect(() => profileFrom('timeSync:\n  servers: [ "a b" ]\n')).toThrow(/:2: timeSync\.servers\.0/);
  });
});

/** The recorded Debian 12 host, edited into a host of a design. */
function designHost(edit: (f: HostFacts) => void): HostFacts {
  const f = recordedFacts();
  edit(f);
  return f;
}
const run = (id: string, facts: HostFacts, profile: Profile, roles: ('control-plane' | 'worker')[] = ['control-plane']) =>
  judge(id, ctxFor([{ spec: host('h', roles), facts }], profile), 'h');
const docker = (over: Partial<import('../../lib/probe/facts.ts').DockerFacts> = {}) => ok({ path: '/etc/docker/daemon.json', present: false, ...over });

describe('requirements that depend on the design', () => {
  const p001 = shipped('001-centos7-docker-flannel.yaml');
  it('HOST-DOCKER-CONFIG: 001 without daemon.json passes (cgroupfs); systemd in daemon.json fails against it; insecure registries warn', () => {
    const pkgs = (f: HostFacts) => ((f.packages as { value: { installed: Record<string, string> } }).value.installed['docker-ce'] = '18.06.1.ce-3.el7');
    expect(
      run(
        'HOST-DOCKER-CONFIG',
        designHost((f) => {
          pkgs(f);
          f.docker = docker();
        }),
        p001,
      ),
    ).toMatchObject({ status: 'pass', observed: 'cgroup driver cgroupfs, Docker 18.06.1' });
    const sysd = designHost((f) => {
      pkgs(f);
      f.docker = docker({
        present: true,
        text: '{"exec-opts":["native.cgroupdriver=systemd"]}',
        config: parseDaemonJson('{"exec-opts":["native.cgroupdriver=systemd"]}'),
      });
    });
    expect(run('HOST-DOCKER-CONFIG', sysd, p001)).toMatchObject({ status: 'fail', observed: expect.stringMatching(/cgroup driver systemd ≠ cgroupfs/) });
    const info = parseDockerInfo(fx('recorded/docker-20.10-centos7-info.txt'));
    const insecure = designHost((f) => {
      pkgs(f);
      f.docker = docker({ info });
    });
    expect(run('HOST-DOCKER-CONFIG', insecure, p001)).toMatchObject({
      status: 'warn',
      observed: expect.stringMatching(/insecure-registries: harbor.guoran100.com.*newer than the latest version kubeadm 1.13.1 validated \(18.06\)/),
    });
  });
  it('HOST-DOCKER-CONFIG: Docker with kubeadm 1.28 and no cri-dockerd fails saying so; other runtimes skip', () => {
    const p = profileFrom('kubernetesVersion: 1.28.0\nruntime: { name: docker }\ncriSocket: unix:///var/run/dockershim.sock\ncgroupDriver: cgroupfs\n');
    expect(
      run(
        'HOST-DOCKER-CONFIG',
        designHost((f) => {
          f.docker = docker();
        }),
        p,
      ),
    ).toMatchObject({ status: 'fail', observed: expect.stringMatching(/no dockershim \(removed in 1.24\): Docker needs cri-dockerd/) });
    expect(run('HOST-DOCKER-CONFIG', recordedFacts(), shipped('000-rocky8-containerd-calico.yaml'))).toMatchObject({
      status: 'skip',
      reason: expect.stringMatching(/runtime is containerd/),
    });
  });
  it('HOST-CONTAINERD-* skip on a Docker host; registry checks skip with registry: none', () => {
    for (const id of ['HOST-CONTAINERD-CONFIG', 'HOST-CONTAINERD-MIRRORS', 'HOST-CONTAINERD-SECURITY'])
      expect(run(id, recordedFacts(), p001), id).toMatchObject({ status: 'skip', reason: expect.stringMatching(/runtime is docker/) });
    expect(run('HOST-REGISTRY', recordedFacts(), p001)).toMatchObject({ status: 'skip', reason: expect.stringMatching(/registry: none/) });
  });
  it('HOST-CRIO-CONFIG: cgroup_manager and pause_image against the profile', () => {
    const p = profileFrom('runtime: { name: cri-o }\nsandboxImage: registry.k8s.io/pause:3.9\n');
    const files = [{ path: '/etc/crio/crio.conf.d/02-kubernetes.conf', content: fx('recorded/crio-02-kubernetes.conf') }];
    const crio = (content: string) =>
      designHost((f) => {
        f.crio = ok({ path: '/etc/crio/crio.conf', present: false, files: [{ ...files[0]!, content }], config: parseCrioConfig([{ ...files[0]!, content }]) });
      });
    expect(run('HOST-CRIO-CONFIG', crio(files[0]!.content), p)).toMatchObject({ status: 'pass' });
    expect(run('HOST-CRIO-CONFIG', crio(files[0]!.content.replace('"systemd"', '"cgroupfs"')), p)).toMatchObject({
      status: 'fail',
      observed: expect.stringMatching(/cgroup_manager cgroupfs ≠ systemd/),
    });
  });
  it('HOST-PACKAGES: kube* installed by snap count (004); a missing one names the snap install', () => {
    const p = shipped('004-ubuntu-snap.yaml');
    const snapHost = (snaps: Record<string, string>) =>
      designHost((f) => {
        const v = (f.packages as { value: { installed: Record<string, string>; snaps?: Record<string, string> } }).value;
        for (const k of ['kubeadm', 'kubelet', 'kubectl']) delete v.installed[k];
        Object.assign(v.installed, { 'containerd.io': '1.6.26-1', 'cri-tools': '1.28.0-1.1', iproute2: '6.1.0-3' });
        v.snaps = snaps;
      });
    expect(run('HOST-PACKAGES', snapHost({ kubeadm: '1.28.0', kubelet: '1.28.0', kubectl: '1.28.0' }), p)).toMatchObject({
      status: 'pass',
      evidence: expect.arrayContaining(['snap: kubeadm 1.28.0']),
    });
    expect(run('HOST-PACKAGES', snapHost({ kubeadm: '1.28.0', kubelet: '1.28.0' }), p)).toMatchObject({
      status: 'fail',
      observed: 'kubectl missing',
      remediation: expect.stringMatching(/snap install "\$s" --classic --channel=1.28\/stable/),
    });
  });
  it("HOST-TIME-SYNC: synchronised to one of the profile's servers (^* and chrony.conf), else fail", () => {
    const p = profileFrom('timeSync: { servers: [192.168.0.242] }\n');
    const chrony = (conf: string, sources: string) =>
      designHost((f) => {
        (f.services as { value: { units: Record<string, unknown> } }).value.units.chronyd = { active: 'active', enabled: 'enabled', method: 'systemctl' };
        f.timeSync = ok({
          timesyncdSynchronized: false,
          chronyLeap: 'Normal',
          raw: '',
          chronySources: parseChronySources(sources),
          chronyServers: parseChronyConf('/etc/chrony.conf', conf),
        });
      });
    const src = (a: string) => `^* ${a}                    2   6    17    35  -4000ns[  -38us] +/-   39ms\n`;
    expect(run('HOST-TIME-SYNC', chrony('server 192.168.0.242 iburst\n', src('192.168.0.242')), p)).toMatchObject({ status: 'pass' });
    expect(run('HOST-TIME-SYNC', chrony('server 10.9.9.9 iburst\n', src('10.9.9.9')), p)).toMatchObject({
      status: 'warn',
      observed: 'synchronised to 10.9.9.9, not one of 192.168.0.242',
    });
    expect(
      run('HOST-TIME-SYNC', chrony('server 192.168.0.242 iburst\n', '^? 192.168.0.242   0   6     0     -     +0ns[   +0ns] +/-    0ns\n'), p),
    ).toMatchObject({ status: 'warn', observed: expect.stringMatching(/no \^\* \(selected\) source/) });
  });
  it("HOST-MODULES / HOST-IPVS-MODULES: 001's ipvs.modules (nf_conntrack_ipv4) and 003's kubelet drop-in count; nf_conntrack comes with ip_vs", () => {
    const mods = (files: { path: string; content: string }[], loaded: string[]) =>
      designHost((f) => {
        f.modules = ok({ ...parseModules('@proc\n@sys\n@builtin\n', files), loaded, procModules: true });
      });
    const ipvs = ['ip_vs', 'ip_vs_rr', 'ip_vs_wrr', 'ip_vs_sh'];
    const h001 = mods(
      [
        { path: '/etc/sysconfig/modules/ipvs.modules', content: `#!/bin/bash\n${[...ipvs, 'nf_conntrack_ipv4'].map((m) => `modprobe -- ${m}`).join('\n')}\n` },
        { path: '/etc/modules-load.d/br_netfilter.conf', content: 'br_netfilter\n' },
      ],
      ['br_netfilter', ...ipvs, 'nf_conntrack', 'nf_conntrack_ipv4'],
    );
    expect(run('HOST-IPVS-MODULES', h001, p001)).toMatchObject({ status: 'pass' });
    expect(run('HOST-MODULES', h001, p001)).toMatchObject({ status: 'pass' });
    const h003 = mods(
      [
        {
          path: '/etc/systemd/system/kubelet.service.d/10-proxy-ipvs.conf',
          content: `[Service]\n${ipvs.map((m) => `ExecStartPre=-/sbin/modprobe ${m}`).join('\n')}\n`,
        },
      ],
      ['br_netfilter', ...ipvs, 'nf_conntrack'],
    );
    const r = run('HOST-IPVS-MODULES', h003, shipped('003-cri-containerd.yaml'));
    expect(r).toMatchObject({
      status: 'pass',
      evidence: expect.arrayContaining([
        expect.stringMatching(
          /^nf_conntrack: .*loaded with ip_vs \(a dependency\), persisted in \/etc\/systemd\/system\/kubelet.service.d\/10-proxy-ipvs.conf:2/,
        ),
      ]),
    });
    // 003 as written: br_netfilter is never persisted
    expect(run('HOST-MODULES', h003, shipped('003-cri-containerd.yaml'))).toMatchObject({ status: 'fail', observed: 'br_netfilter not persisted' });
  });
  it("HOST-SYSCTL-PERSIST: the design's own sysctls (001 vm.swappiness = 0); nf_conntrack_max not asked with minConntrackMax 0", () => {
    const withFiles = (content: string) =>
      designHost((f) => {
        const files = [{ path: '/etc/sysctl.d/k8s.conf', content }];
        f.sysctlFiles = ok({
          files,
          settings: files.flatMap((x) =>
            x.content
              .split('\n')
              .map((l, i) => ({ l, i }))
              .filter(({ l }) => l.includes('='))
              .map(({ l, i }) => ({ key: l.split('=')[0]!.trim(), value: l.split('=')[1]!.trim(), file: x.path, line: i + 1, text: l })),
          ),
        });
      });
    const base = 'net.bridge.bridge-nf-call-ip6tables = 1\nnet.bridge.bridge-nf-call-iptables = 1\nnet.ipv4.ip_forward = 1\n';
    expect(run('HOST-SYSCTL-PERSIST', withFiles(`vm.swappiness = 0\n${base}`), p001)).toMatchObject({ status: 'pass' });
    expect(run('HOST-SYSCTL-PERSIST', withFiles(base), p001)).toMatchObject({ status: 'fail', observed: 'vm.swappiness not set in any sysctl file' });
  });
});
