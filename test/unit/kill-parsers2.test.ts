// Parsers whose output decides the runtime, package, service, swap, port and module verdicts (lib/facts/docker.ts,
// crio.ts, packages.ts, services.ts, fstab.ts, listen.ts, modules.ts), pinned value by value on the text real tools
// print. Written against the mutants StrykerJS left alive (docs/mutation/2026-12-03-parsers2-*.txt).
// Stand-ins: none (daemon.json, docker info, crio.conf, rpm -q / dpkg-query -W lines, systemctl show, /etc/fstab,
// /proc/net/tcp and tcp6, /proc/modules and modules-load.d text, written inline in the tools' formats; /proc/net lines
// copied from this machine's kernel).
import { describe, expect, it } from 'vitest';
import { parseCrioConfig } from '../../lib/facts/crio.ts';
import { parseDaemonJson, parseDockerInfo } from '../../lib/facts/docker.ts';
import { isSwapEntry, parseFstab } from '../../lib/facts/fstab.ts';
import { parseProcNetTcp } from '../../lib/facts/listen.ts';
import { isLoaded, parseModules } from '../../lib/facts/modules.ts';
import { parsePackages, upstreamVersion } from '../../lib/facts/packages.ts';
import { parseServices } from '../../lib/facts/services.ts';

describe('daemon.json', () => {
  it('the cgroup driver: the last native.cgroupdriver of exec-opts, spaces around = allowed, other exec-opts ignored', () => {
    expect(parseDaemonJson('{"exec-opts": ["native.umask=normal", " native.cgroupdriver = cgroupfs ", "native.cgroupdriver=systemd"]}')).toEqual({
      cgroupDriver: 'systemd',
      registryMirrors: [],
      insecureRegistries: [],
      keys: ['exec-opts'],
    });
    expect(parseDaemonJson('{"exec-opts": ["native.cgroupdriver = cgroupfs"]}').cgroupDriver).toBe('cgroupfs');
    expect(parseDaemonJson('{"exec-opts": [" native.cgroupdriver=systemd "]}').cgroupDriver).toBe('systemd');
    // another exec-opt after the driver does not hide it
    expect(parseDaemonJson('{"exec-opts": ["native.cgroupdriver=systemd", "native.umask=normal"]}').cgroupDriver).toBe('systemd');
    expect(parseDaemonJson('{"exec-opts": ["native.umask=normal"]}').cgroupDriver).toBeUndefined();
    expect(parseDaemonJson('{"exec-opts": ["xnative.cgroupdriver=systemd", "native.cgroupdriver=systemd extra"]}').cgroupDriver).toBeUndefined();
  });
  it('keys in file order; mirrors and insecure registries as written', () => {
    const j = parseDaemonJson('{ "log-driver": "json-file", "registry-mirrors": ["https://harbor:443/"], "insecure-registries": ["harbor:443"] }');
    expect(j).toEqual({
      cgroupDriver: undefined,
      registryMirrors: ['https://harbor:443/'],
      insecureRegistries: ['harbor:443'],
      keys: ['log-driver', 'registry-mirrors', 'insecure-registries'],
    });
  });
  it('what dockerd refuses: not JSON (the parser says why), not an object, a list key that is not a list of strings', () => {
    expect(() => parseDaemonJson('{ "exec-opts": [1,] }')).toThrow(/^not valid JSON: \S/);
    for (const t of ['null', '[]', '"systemd"', '1']) expect(() => parseDaemonJson(t), t).toThrow(/^not a JSON object$/);
    expect(() => parseDaemonJson('{"registry-mirrors": "https://harbor:443"}')).toThrow(/^"registry-mirrors" must be a list of strings$/);
    expect(() => parseDaemonJson('{"insecure-registries": ["harbor:443", 443]}')).toThrow(/^"insecure-registries" must be a list of strings$/);
  });
});

describe('docker info', () => {
  it('Server block keys; the Client block (with its own Debug Mode and plugins) is not read; trailing blanks trimmed', () => {
    const text = [
      'Client:',
      ' Context:    default',
      ' Debug Mode: false',
      '',
      'Server:',
      ' Server Version: 20.10.8   ',
      ' Cgroup Driver: systemd',
      ' Insecure Registries:',
      '  harbor:443',
      '  127.0.0.0/8',
      ' Live Restore Enabled: false',
      ' Registry Mirrors:',
      '  https://harbor:443/',
      '',
    ].join('\n');
    expect(parseDockerInfo(text)).toEqual({
      serverVersion: '20.10.8',
      cgroupDriver: 'systemd',
      registryMirrors: ['https://harbor:443/'],
      insecureRegistries: ['harbor:443', '127.0.0.0/8'],
    });
  });
  it('Docker 18.x: keys at column 0, list entries indented by one; a list ends at the next key', () => {
    const text =
      'Server Version: 18.06.1-ce\nCgroup Driver: cgroupfs\nInsecure Registries:\n 127.0.0.0/8\nRegistry Mirrors:\n https://m.daocloud.io/\nLive Restore Enabled: false\n';
    expect(parseDockerInfo(text)).toEqual({
      serverVersion: '18.06.1-ce',
      cgroupDriver: 'cgroupfs',
      insecureRegistries: ['127.0.0.0/8'],
      registryMirrors: ['https://m.daocloud.io/'],
    });
  });
});

describe('CRI-O configuration', () => {
  it('later files win, each value with its file; a non-string value is not taken', () => {
    const c = parseCrioConfig([
      { path: '/etc/crio/crio.conf', content: '[crio.runtime]\ncgroup_manager = "cgroupfs"\n[crio.image]\npause_image = "registry.k8s.io/pause:3.6"\n' },
      { path: '/etc/crio/crio.conf.d/02-kubernetes.conf', content: '[crio.runtime]\ncgroup_manager = "systemd"\n' },
      { path: '/etc/crio/crio.conf.d/03-odd.conf', content: '[crio.image]\npause_image = 3\n' },
    ]);
    expect(c).toEqual({
      cgroupManager: { value: 'systemd', file: '/etc/crio/crio.conf.d/02-kubernetes.conf' },
      pauseImage: { value: 'registry.k8s.io/pause:3.6', file: '/etc/crio/crio.conf' },
    });
    expect(parseCrioConfig([{ path: '/etc/crio/crio.conf', content: '[crio]\n' }])).toEqual({});
    // a drop-in with comments only (no [crio] table at all) changes nothing
    expect(parseCrioConfig([{ path: '/etc/crio/crio.conf.d/00-placeholder.conf', content: '# set by the image build\n' }])).toEqual({});
  });
  it('a file that is not TOML: named, and only the first line of the message (the parser quotes the file)', () => {
    const f = { path: '/etc/crio/crio.conf.d/10-auth.conf', content: '[crio.image]\nglobal_auth_file = /root/secret pass\n' };
    let msg = '';
    try {
      parseCrioConfig([f]);
    } catch (e) {
      msg = (e as Error).message;
    }
    expect(msg).toBe('/etc/crio/crio.conf.d/10-auth.conf is not valid TOML: Invalid TOML document: invalid value');
    expect(msg).not.toContain('\n');
    expect(msg).not.toContain('secret');
  });
});

describe('packages (rpm -q, dpkg-query -W)', () => {
  it('rpm: every name with a version; the manager line and lines without a version are not packages', () => {
    expect(parsePackages('manager=rpm\nkubeadm\t1.29.2-150500.1.1\tii\nkubelet\t\tii\n\ncri-tools\t1.29.0-150500.1.1\n')).toEqual({
      manager: 'rpm',
      installed: { kubeadm: '1.29.2-150500.1.1', 'cri-tools': '1.29.0-150500.1.1' },
    });
  });
  it('dpkg: installed (ii) and held (hi) count; removed with config left (rc) and unknown (un) do not', () => {
    const text =
      'manager=dpkg\nkubeadm\t1.29.2-1.1\tii \nkubelet\t1.29.2-1.1\thi \ndocker.io\t20.10.24+dfsg1-1+b3\trc \nipset\t7.17-1\tun \nipvsadm\t1:1.31-1+b2\tii \n';
    expect(parsePackages(text)).toEqual({ manager: 'dpkg', installed: { kubeadm: '1.29.2-1.1', kubelet: '1.29.2-1.1', ipvsadm: '1:1.31-1+b2' } });
    expect(parsePackages('manager=dpkg\nkubelet\t1.29.2-1.1\n').installed).toEqual({});
  });
  it('no manager line: not a packages section; manager=none has none', () => {
    expect(() => parsePackages('kubeadm\t1.29.2\tii\n')).toThrow(/^no package manager line$/);
    expect(parsePackages('manager=none\n')).toEqual({ manager: 'none', installed: {} });
  });
  it('upstream versions: epoch, release, Debian ~ and + suffixes dropped', () => {
    expect(upstreamVersion('1.29.2-150500.1.1')).toBe('1.29.2');
    expect(upstreamVersion('1:1.31-1+b2')).toBe('1.31');
    expect(upstreamVersion('3:18.09.9-3.el7')).toBe('18.09.9');
    expect(upstreamVersion('1.6.20~ds1-1+deb12u3')).toBe('1.6.20');
    expect(upstreamVersion('20.10.24+dfsg1-1+b3')).toBe('20.10.24');
    expect(upstreamVersion('1.29.2')).toBe('1.29.2');
  });
});

describe('services (systemctl show, or the process list)', () => {
  it('systemd: each unit block read up to the next @ line; not-found is inactive/not-found; masked without a file state', () => {
    const text = [
      'pid1=systemd',
      'systemd=yes',
      '@unit containerd',
      'LoadState=loaded',
      'ActiveState=active',
      'UnitFileState=enabled',
      '@unit firewalld',
      'LoadState=not-found',
      'ActiveState=active',
      'UnitFileState=',
      '@unit kubelet',
      'LoadState=masked',
      'ActiveState=inactive',
      'UnitFileState=',
      '@unit chronyd',
      'LoadState=loaded',
      'ActiveState=failed',
      'UnitFileState=',
      '@unit ntpd',
      '@processes',
      'systemd',
      ' containerd ',
      '',
      '@wants',
      '/etc/systemd/system/multi-user.target.wants/containerd.service',
      '',
    ].join('\n');
    expect(parseServices(text)).toEqual({
      systemd: true,
      pid1: 'systemd',
      processes: ['systemd', 'containerd'],
      wants: ['/etc/systemd/system/multi-user.target.wants/containerd.service'],
      units: {
        containerd: { active: 'active', enabled: 'enabled', method: 'systemctl' },
        firewalld: { active: 'inactive', enabled: 'not-found', method: 'systemctl' },
        kubelet: { active: 'inactive', enabled: 'masked', method: 'systemctl' },
        chronyd: { active: 'failed', enabled: 'unknown', method: 'systemctl' },
        ntpd: { active: 'unknown', enabled: 'unknown', method: 'systemctl' },
      },
    });
  });
  it('a value with = in it is kept whole; a line without a key is not a key', () => {
    const u = parseServices('systemd=yes\n@unit kubelet\nLoadState=loaded\nActiveState=active\n=enabled\nUnitFileState=enabled=x\n').units.kubelet;
    expect(u).toEqual({ active: 'active', enabled: 'enabled=x', method: 'systemctl' });
  });
  it('without systemd: a unit is active when its process runs, enabled when a *.wants link names it; the design adds its own', () => {
    const text =
      'pid1=tini\nsystemd=no\n@processes\ncontainerd\nkubelet\n@wants\n/etc/systemd/system/multi-user.target.wants/kubelet.service\n/etc/systemd/system/multi-user.target.wants/xcontainerd.service.bak\n';
    const s = parseServices(text, { crio: ['crio'] });
    expect(s).toMatchObject({ systemd: false, pid1: 'tini' });
    expect(s.units.containerd).toEqual({ active: 'active', enabled: 'unknown', method: 'process-list' });
    expect(s.units.kubelet).toEqual({ active: 'active', enabled: 'enabled', method: 'process-list' });
    expect(s.units.crio).toEqual({ active: 'inactive', enabled: 'unknown', method: 'process-list' });
    expect(s.units.chronyd).toEqual({ active: 'inactive', enabled: 'unknown', method: 'process-list' });
    // @unit blocks are only systemctl's: without systemd they are not read
    expect(parseServices('systemd=no\n@unit kubelet\nActiveState=active\n').units.kubelet?.active).toBe('inactive');
    expect(parseServices('').pid1).toBe('');
  });
});

describe('/etc/fstab', () => {
  it('entries with their line numbers, comments and blanks skipped, fields split on any whitespace', () => {
    const text =
      '#\n# /etc/fstab\n/dev/mapper/rl-root     /                       xfs     defaults        0 0\n\n  # indented comment\nUUID=4f3c\t/boot\txfs\tdefaults 0 0\n/dev/mapper/rl-swap     none                    swap    defaults        0 0\n/swapfile swap\n';
    expect(parseFstab(text)).toEqual([
      {
        line: 3,
        text: '/dev/mapper/rl-root     /                       xfs     defaults        0 0',
        spec: '/dev/mapper/rl-root',
        file: '/',
        type: 'xfs',
        options: 'defaults',
      },
      { line: 6, text: 'UUID=4f3c\t/boot\txfs\tdefaults 0 0', spec: 'UUID=4f3c', file: '/boot', type: 'xfs', options: 'defaults' },
      {
        line: 7,
        text: '/dev/mapper/rl-swap     none                    swap    defaults        0 0',
        spec: '/dev/mapper/rl-swap',
        file: 'none',
        type: 'swap',
        options: 'defaults',
      },
      { line: 8, text: '/swapfile swap', spec: '/swapfile', file: 'swap', type: '', options: '' },
    ]);
  });
  it('a swap entry: type swap, or mount point "swap" (old fstabs); a file system mounted at /swap is not', () => {
    const [root, swap, old, sw] = parseFstab(
      '/dev/sda1 / xfs defaults 0 0\n/dev/sda2 none swap sw 0 0\n/dev/sda3 swap swap defaults 0 0\n/dev/sdb1 /swap xfs defaults 0 0\n',
    );
    expect([root, swap, old, sw].map((e) => isSwapEntry(e!))).toEqual([false, true, true, false]);
    expect(isSwapEntry(parseFstab('/dev/sda3 swap ext4\n')[0]!)).toBe(true);
  });
});

describe('/proc/net/tcp and tcp6', () => {
  it('listening sockets only (state 0A), addresses and ports decoded; the header is no socket', () => {
    const tcp = [
      '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
      '   0: 00000000:07E8 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1062 1 000000001e27bd9f 100 0 0 10 0',
      '   1: 0100007F:893D 0100007F:EA94 06 00000000:00000000 03:000016C7 00000000     0        0 0 3 00000000aa794362',
      '   2: 0458A8C0:192B 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 2211 1 0000000011111111 100 0 0 10 0',
      '',
    ].join('\n');
    expect(parseProcNetTcp(tcp, 4)).toEqual([
      { address: '0.0.0.0', port: 2024, family: 4 },
      { address: '192.168.88.4', port: 6443, family: 4 },
    ]);
  });
  it('IPv6: any, loopback, v4-mapped and link-local addresses in their short form', () => {
    const tcp6 = [
      '  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
      '   0: 00000000000000000000000000000000:8119 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 497848 1 00000000aa64a3fa 100 0 0 10 0',
      '   1: 00000000000000000000000001000000:2816 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1 0 100 0 0 10 0',
      '   2: 0000000000000000FFFF00000100007F:8119 0000000000000000FFFF00000100007F:9228 01 00000000:00000000 00:00000000 00000000     0        0 498646 1 00000000778ff175 20 0 0 10 -1',
      '   3: 000080FE00000000FF005450563412FE:0016 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 2 1 0 100 0 0 10 0',
      '   4: 0000000000000000FFFF00000100007F:2379 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 3 1 0 100 0 0 10 0',
    ].join('\n');
    expect(parseProcNetTcp(tcp6, 6)).toEqual([
      { address: '::', port: 33049, family: 6 },
      { address: '::1', port: 10262, family: 6 },
      { address: 'fe80::5054:ff:fe12:3456', port: 22, family: 6 },
      { address: '::ffff:7f00:1', port: 9081, family: 6 },
    ]);
  });
});

describe('kernel modules', () => {
  it('loaded from /proc/modules (first column), /sys/module and modules.builtin; procModules when /proc/modules had any', () => {
    const text =
      '@proc\nbr_netfilter 32768 0 - Live 0x0000000000000000\nip_vs 184320 6 ip_vs_rr, Live 0x0000000000000000\n@sys\nnf_conntrack\n@builtin\noverlay\n';
    const f = parseModules(text, []);
    expect(f).toEqual({ loaded: ['br_netfilter', 'ip_vs'], sys: ['nf_conntrack'], builtin: ['overlay'], persisted: [], procModules: true });
    expect(parseModules('@proc\n@sys\n@builtin\n', []).procModules).toBe(false);
    expect(isLoaded(f, 'br-netfilter')).toEqual({ yes: true, how: 'loaded (/proc/modules)' });
    expect(isLoaded(f, 'overlay')).toEqual({ yes: true, how: 'built into the kernel (modules.builtin)' });
    expect(isLoaded(f, 'nf_conntrack')).toEqual({ yes: true, how: 'present in /sys/module' });
    expect(isLoaded(f, 'ip_vs_sh')).toEqual({ yes: false, how: 'not loaded' });
  });
  it('modules-load.d: one name per line, comments (# and ;) skipped; *.modules and kubelet drop-ins: modprobe commands, removals not', () => {
    const f = parseModules('', [
      { path: '/etc/modules-load.d/k8s.conf', content: '# k8s\n; old\n\nbr_netfilter\noverlay\n   # indented comment\n' },
      {
        path: '/etc/sysconfig/modules/ipvs.modules',
        content:
          '#!/bin/bash\nmodprobe -- ip_vs\n/sbin/modprobe ip_vs_rr\nmodprobe -r ip_vs_wrr\nmodprobe --remove ip_vs_sh\necho modprobed nf_conntrack\nlsmod | grep -q nf_conntrack || modprobe nf_conntrack\n/sbin/modprobe --quiet br_netfilter\n',
      },
      { path: '/etc/systemd/system/kubelet.service.d/10-proxy-ipvs.conf', content: '[Service]\nExecStartPre=-/sbin/modprobe ip_vs_sh\n' },
    ]);
    expect(f.persisted).toEqual([
      { module: 'br_netfilter', file: '/etc/modules-load.d/k8s.conf', line: 4 },
      { module: 'overlay', file: '/etc/modules-load.d/k8s.conf', line: 5 },
      { module: 'ip_vs', file: '/etc/sysconfig/modules/ipvs.modules', line: 2 },
      { module: 'ip_vs_rr', file: '/etc/sysconfig/modules/ipvs.modules', line: 3 },
      { module: 'nf_conntrack', file: '/etc/sysconfig/modules/ipvs.modules', line: 7 },
      { module: 'br_netfilter', file: '/etc/sysconfig/modules/ipvs.modules', line: 8 },
      { module: 'ip_vs_sh', file: '/etc/systemd/system/kubelet.service.d/10-proxy-ipvs.conf', line: 2 },
    ]);
    // a section with none of its blocks (cut short): nothing loaded, nothing built in
    expect(f).toMatchObject({ loaded: [], sys: [], builtin: [], procModules: false });
  });
});
