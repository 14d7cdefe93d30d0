// Parsers whose output decides verdicts (lib/facts/*), pinned value by value on the text real tools print:
// sysctl.d precedence, /etc/hosts and getent, os-release families, interfaces and the default route, chrony,
// snap list. Written against the mutants StrykerJS left alive (docs/mutation/): a parser that drops a line,
// keeps a comment, or ranks /run over /etc now fails a test here.
// Stand-ins: none (text in the formats of sysctl.d, /etc/hosts, getent hosts, os-release, /proc/net/route, chronyc -n
// sources, chrony.conf and snap list, written inline from the tools' documented output).
import { describe, expect, it } from 'vitest';
import { parseChronyConf, parseChronySources } from '../../lib/facts/timesync.ts';
import { parseHostsFile, parseResolution } from '../../lib/facts/hosts.ts';
import { identityInterfaces, parseNet } from '../../lib/facts/net.ts';
import { parseOsRelease } from '../../lib/facts/os-release.ts';
import { parseSnapList } from '../../lib/facts/packages.ts';
import { effectiveSysctlFiles, normalizeKey, parseSysctlFile, persistedSysctls } from '../../lib/facts/sysctl.ts';

describe('sysctl.d', () => {
  it('parses key = value lines with their line numbers; comments (# and ;) and blanks are skipped; a line without = is kept valueless', () => {
    expect(
      parseSysctlFile(
        '/etc/sysctl.d/k8s.conf',
        '# comment\n; also a comment\n\n net.ipv4.ip_forward = 1 \n-net/bridge/bridge-nf-call-iptables=1\nkernel.panic\n',
      ),
    ).toEqual([
      { file: '/etc/sysctl.d/k8s.conf', line: 4, key: 'net.ipv4.ip_forward', value: '1', text: 'net.ipv4.ip_forward = 1' },
      { file: '/etc/sysctl.d/k8s.conf', line: 5, key: 'net.bridge.bridge-nf-call-iptables', value: '1', text: '-net/bridge/bridge-nf-call-iptables=1' },
      { file: '/etc/sysctl.d/k8s.conf', line: 6, key: 'kernel.panic', value: '', text: 'kernel.panic' },
    ]);
    expect(normalizeKey(' -net/ipv4/ip_forward ')).toBe('net.ipv4.ip_forward');
    expect(parseSysctlFile('f', 'net.ipv4.ip_local_port_range = 32768 60999\n')[0]!.value).toBe('32768 60999');
  });
  it('systemd-sysctl order: by basename, /etc shadows /run shadows /usr/lib; /etc/sysctl.conf last', () => {
    const files = [
      { path: '/etc/sysctl.conf', content: 'net.ipv4.ip_forward = 0\n' },
      { path: '/usr/lib/sysctl.d/50-default.conf', content: 'a = usr\n' },
      { path: '/run/sysctl.d/50-default.conf', content: 'a = run\n' },
      { path: '/etc/sysctl.d/99-k8s.conf', content: 'net.ipv4.ip_forward = 1\n' },
      { path: '/usr/lib/sysctl.d/10-early.conf', content: 'b = 1\n' },
      { path: '/etc/sysctl.d/10-early.conf', content: 'b = 2\n' },
    ];
    expect(effectiveSysctlFiles(files).map((f) => f.path)).toEqual([
      '/etc/sysctl.d/10-early.conf',
      '/run/sysctl.d/50-default.conf',
      '/etc/sysctl.d/99-k8s.conf',
      '/etc/sysctl.conf',
    ]);
    const last = (k: string) =>
      persistedSysctls(files)
        .filter((s) => s.key === k)
        .at(-1)!;
    expect(last('net.ipv4.ip_forward')).toMatchObject({ value: '0', file: '/etc/sysctl.conf' });
    expect(last('a')).toMatchObject({ value: 'run' });
    // in whatever order the probe lists them
    expect(effectiveSysctlFiles([...files].reverse()).map((f) => f.path)).toEqual([
      '/etc/sysctl.d/10-early.conf',
      '/run/sysctl.d/50-default.conf',
      '/etc/sysctl.d/99-k8s.conf',
      '/etc/sysctl.conf',
    ]);
    expect(
      effectiveSysctlFiles([
        { path: '/usr/lib/sysctl.d/x.conf', content: '' },
        { path: '/etc/sysctl.d/x.conf', content: '' },
        { path: '/run/sysctl.d/x.conf', content: '' },
      ]).map((f) => f.path),
    ).toEqual(['/etc/sysctl.d/x.conf']);
    expect(
      effectiveSysctlFiles([
        { path: '/etc/sysctl.d/b.conf', content: '' },
        { path: '/etc/sysctl.d/a.conf', content: '' },
      ]).map((f) => f.path),
    ).toEqual(['/etc/sysctl.d/a.conf', '/etc/sysctl.d/b.conf']);
    expect(effectiveSysctlFiles([{ path: '/etc/sysctl.d/a.conf', content: '' }])).toEqual([{ path: '/etc/sysctl.d/a.conf', content: '' }]);
  });
});

describe('/etc/hosts and getent hosts', () => {
  it('parseHostsFile: address and names per line, comments cut, a line with no name dropped', () => {
    expect(
      parseHostsFile('127.0.0.1   localhost localhost.localdomain\n# 10.0.0.9 old\n192.168.88.4 master # the control plane\n192.168.88.9\n\n::1 localhost6\n'),
    ).toEqual([
      { line: 1, address: '127.0.0.1', names: ['localhost', 'localhost.localdomain'] },
      { line: 3, address: '192.168.88.4', names: ['master'] },
      { line: 6, address: '::1', names: ['localhost6'] },
    ]);
  });
  it('parseResolution: each name gets the addresses of the getent lines that carry it, once; other lines ignored', () => {
    const text =
      '@resolve\n192.168.88.4    master\n192.168.88.4    master\n192.168.88.5    node-0001 node1\nfe80::1 node1\ngetent: oops\n@other\n10.0.0.1 master\n';
    expect(parseResolution(text, ['master', 'node-0001', 'node1', 'ghost'])).toEqual({
      master: ['192.168.88.4'],
      'node-0001': ['192.168.88.5'],
      node1: ['192.168.88.5', 'fe80::1'],
      ghost: [],
    });
    expect(parseResolution('@resolve\n12345 master\nabc master\n', ['master'])).toEqual({ master: [] });
    expect(parseResolution('', ['master'])).toEqual({ master: [] });
  });
});

describe('os-release', () => {
  it('families from ID and ID_LIKE; quotes stripped; PRETTY_NAME or a made-up one', () => {
    expect(
      parseOsRelease('NAME="Rocky Linux"\nID="rocky"\nID_LIKE="rhel centos fedora"\nVERSION_ID="8.6"\nPRETTY_NAME="Rocky Linux 8.6 (Green Obsidian)"\n'),
    ).toEqual({ id: 'rocky', idLike: ['rhel', 'centos', 'fedora'], versionId: '8.6', prettyName: 'Rocky Linux 8.6 (Green Obsidian)', family: 'rhel' });
    expect(parseOsRelease("ID=ubuntu\nID_LIKE=debian\nVERSION_ID='22.04'\n")).toEqual({
      id: 'ubuntu',
      idLike: ['debian'],
      versionId: '22.04',
      prettyName: 'ubuntu 22.04',
      family: 'debian',
    });
    expect(parseOsRelease('ID=Debian\n')).toEqual({ id: 'debian', idLike: [], versionId: '', prettyName: 'debian', family: 'debian' });
    expect(parseOsRelease('ID=ol\nVERSION_ID=8.9\n').family).toBe('rhel');
    expect(parseOsRelease('ID=almalinux\n').family).toBe('rhel');
    expect(parseOsRelease('ID=alpine\nVERSION_ID=3.19.1\n').family).toBe('other');
    expect(parseOsRelease('  ID=centos  \n').id).toBe('centos');
    expect(() => parseOsRelease('NAME=nothing\n')).toThrow('no ID= line in os-release');
    for (const id of ['rhel', 'fedora', 'centos', 'rocky', 'almalinux', 'ol']) expect(parseOsRelease(`ID=${id}\n`).family, id).toBe('rhel');
    for (const id of ['debian', 'ubuntu']) expect(parseOsRelease(`ID=${id}\n`).family, id).toBe('debian');
    // derivatives: Amazon Linux (ID_LIKE "centos rhel fedora"), Linux Mint (ID_LIKE "ubuntu debian")
    expect(parseOsRelease('ID="amzn"\nID_LIKE="centos rhel fedora"\nVERSION_ID="2"\n')).toMatchObject({ family: 'rhel', idLike: ['centos', 'rhel', 'fedora'] });
    expect(parseOsRelease('ID=linuxmint\nID_LIKE="ubuntu  debian"\n')).toMatchObject({ family: 'debian', idLike: ['ubuntu', 'debian'] });
    // a commented-out line is no setting; a quoted value keeps inner quotes
    expect(parseOsRelease('#ID=fedora\nID=debian\nPRETTY_NAME="Debian \\"bookworm\\""\n')).toMatchObject({ id: 'debian', family: 'debian' });
    expect(parseOsRelease('ID=debian\nPRETTY_NAME="x" y"\n').prettyName).toBe('x" y');
  });
});

describe('interfaces', () => {
  it('parseNet: name, lower-cased MAC, type, physical, bridge; the default route from /proc/net/route', () => {
    const text =
      'ens160\t00:0C:29:AA:BB:CC\t1\tphys\t\t/sys/devices/pci0000:00/net/ens160\ncni0\t0a:58:0a:f4:00:01\t1\tvirt\tbridge\t/sys/devices/virtual/net/cni0\n\t\t\t\nlo\t00:00:00:00:00:00\t772\tvirt\t\t/x\n@route\nIface\tDestination\tGateway\tFlags\nens160\t00000000\t0158A8C0\t0003\ncni0\t0000F40A\t00000000\t0001\n';
    expect(parseNet(text)).toEqual([
      { name: 'ens160', mac: '00:0c:29:aa:bb:cc', type: 1, physical: true, bridge: false, defaultRoute: true },
      { name: 'cni0', mac: '0a:58:0a:f4:00:01', type: 1, physical: false, bridge: true, defaultRoute: false },
      { name: 'lo', mac: '00:00:00:00:00:00', type: 772, physical: false, bridge: false, defaultRoute: false },
    ]);
    // the header line of /proc/net/route is not an interface, even one named Iface with destination 00000000
    expect(parseNet('Iface\t02:00:00:00:00:09\t1\tvirt\t\t/x\n@route\nIface\t00000000\n').map((i) => i.defaultRoute)).toEqual([false]);
  });
  it('identityInterfaces: physical NICs; else Ethernet that is no bridge, no zero MAC and no runtime/CNI device', () => {
    const i = (name: string, o: Partial<{ mac: string; type: number; physical: boolean; bridge: boolean }> = {}) => ({
      name,
      mac: '02:00:00:00:00:01',
      type: 1,
      physical: false,
      bridge: false,
      defaultRoute: false,
      ...o,
    });
    expect(identityInterfaces([i('ens160', { physical: true }), i('eth1')]).map((x) => x.name)).toEqual(['ens160']);
    expect(
      identityInterfaces([
        i('eth0'),
        i('cali1'),
        i('docker0'),
        i('br-x'),
        i('vethab'),
        i('br0', { bridge: true }),
        i('lo', { type: 772 }),
        i('eth9', { mac: '00:00:00:00:00:00' }),
        i('wg0'),
        i('ens3'),
      ]).map((x) => x.name),
    ).toEqual(['eth0', 'ens3']);
    expect(identityInterfaces([i('eth0', { physical: true, bridge: true }), i('eth1')]).map((x) => x.name)).toEqual(['eth1']);
  });
});

describe('chrony and snap', () => {
  it('parseChronySources: mode, state and address of each source line; headers skipped', () => {
    const text =
      'MS Name/IP address         Stratum Poll Reach LastRx Last sample\n===============================================================================\n^* 192.168.88.1                  2   6   377    12   +112us[ +130us] +/-   20ms\n^+ 162.159.200.1                 3   6   377    13   -1ms[ -1ms] +/-   30ms\n=? 10.0.0.5                      0   6     0     -     +0ns[   +0ns] +/-    0ns\n^x bad                           x   6   377    13   -1ms\n';
    expect(parseChronySources(text)).toEqual([
      { mode: '^', state: '*', address: '192.168.88.1', line: '^* 192.168.88.1                  2   6   377    12   +112us[ +130us] +/-   20ms' },
      { mode: '^', state: '+', address: '162.159.200.1', line: '^+ 162.159.200.1                 3   6   377    13   -1ms[ -1ms] +/-   30ms' },
      { mode: '=', state: '?', address: '10.0.0.5', line: '=? 10.0.0.5                      0   6     0     -     +0ns[   +0ns] +/-    0ns' },
    ]);
  });
  it('parseChronyConf: server, pool and peer lines with file and line; comments and other directives not', () => {
    expect(
      parseChronyConf(
        '/etc/chrony.conf',
        '# server 1.1.1.1\npool 2.rocky.pool.ntp.org iburst\n  server 192.168.88.1 iburst\npeer 10.0.0.2\ndriftfile /var/lib/chrony/drift\nservers x\n',
      ),
    ).toEqual([
      { kind: 'pool', name: '2.rocky.pool.ntp.org', file: '/etc/chrony.conf', line: 2 },
      { kind: 'server', name: '192.168.88.1', file: '/etc/chrony.conf', line: 3 },
      { kind: 'peer', name: '10.0.0.2', file: '/etc/chrony.conf', line: 4 },
    ]);
  });
  it('parseSnapList: name → version; the header, short lines and disabled revisions (snap list --all) left out', () => {
    const text =
      'Name      Version   Rev    Tracking       Publisher   Notes\ncore20    20240111  2182   latest/stable  canonical✓  base\nkubeadm   1.29.2    3360   1.29/stable    canonical✓  classic\nkubelet   1.29.1    3300   1.29/stable    canonical✓  disabled,classic\nkubelet   1.29.2    3361   1.29/stable    canonical✓  classic\nbroken 1\n';
    expect(parseSnapList(text)).toEqual({ core20: '20240111', kubeadm: '1.29.2', kubelet: '1.29.2' });
    expect(parseSnapList('lxd  5.0.3  27037  5.0/stable  canonical✓  -\n')).toEqual({ lxd: '5.0.3' });
    expect(parseSnapList('x  1  2  latest  pub  disabledx\n')).toEqual({ x: '1' });
  });
});
