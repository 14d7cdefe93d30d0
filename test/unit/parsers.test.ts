// Parsers on recorded output: Debian's real `containerd config default`, a real probe run on Debian 12,
// rpm/dpkg/systemctl outputs as the probe prints them.
// Stand-ins: the systemctl outputs are written in systemctl's format, not recorded (their headers say so).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseContainerdConfig, parseHostsToml } from '../../lib/facts/containerd.ts';
import { isSwapEntry, parseFstab } from '../../lib/facts/fstab.ts';
import { parseModules, isLoaded } from '../../lib/facts/modules.ts';
import { identityInterfaces, parseNet } from '../../lib/facts/net.ts';
import { parseOsRelease } from '../../lib/facts/os-release.ts';
import { parsePackages, upstreamVersion } from '../../lib/facts/packages.ts';
import { parseProcNetTcp } from '../../lib/facts/listen.ts';
import { parseMemTotalKiB } from '../../lib/facts/meminfo.ts';
import { parseSwaps } from '../../lib/facts/swaps.ts';
import { parseServices } from '../../lib/facts/services.ts';
import { persistedSysctls } from '../../lib/facts/sysctl.ts';
import { parseFacts } from '../../lib/probe/facts.ts';
import { splitSections, whereItStopped } from '../../lib/probe/sections.ts';
import { scrub } from '../../lib/redact.ts';
import { describeFailure } from '../../lib/run/gather-hosts.ts';
import { TransportError } from '../../lib/transport/types.ts';
import { RECORDED, recordedFacts } from '../helpers/facts.ts';

const fx = (p: string) => readFileSync(new URL(`../../fixtures/${p}`, import.meta.url), 'utf8');

describe('probe output', () => {
  it('splits every section of a real run and sees the end marker', () => {
    const { sections, complete } = splitSections(RECORDED, 'recordednonce');
    expect(complete).toBe(true);
    expect([...sections.keys()]).toEqual(
      expect.arrayContaining([
        'meta',
        'os-release',
        'cpus',
        'meminfo',
        'swaps',
        'fstab',
        'selinux',
        'packages',
        'services',
        'hostname',
        'net',
        'product_uuid',
        'hosts',
        'modules',
        'sysctl',
        'sysctl-files',
        'containerd',
        'cri',
        'listen',
        'timesync',
        'registry',
        'binaries',
        'kubelet',
      ]),
    );
  });
  it('a cut-off output is incomplete and its missing sections become errors, not values', () => {
    const cut = RECORDED.slice(0, RECORDED.indexOf('@@KVrecordednonce sysctl@@'));
    const { facts, complete } = parseFacts(cut, 'recordednonce');
    expect(complete).toBe(false);
    expect(facts.sysctls.ok).toBe(false);
    expect(facts.os.ok).toBe(true);
  });
  it('a probe cut off inside a section (or a file block in it) says which section, and the last one it finished', () => {
    const inFile = RECORDED.slice(0, RECORDED.indexOf('@@KVrecordednonce file /etc/fstab@@') + 40);
    expect(whereItStopped(inFile, 'recordednonce')).toEqual({ inSection: 'fstab', lastDone: 'swaps' });
    const between = RECORDED.slice(0, RECORDED.indexOf('@@KVrecordednonce sysctl@@'));
    expect(whereItStopped(between, 'recordednonce')).toEqual({ inSection: undefined, lastDone: 'modules' });
    expect(whereItStopped('', 'recordednonce')).toBeUndefined();
    expect(whereItStopped(RECORDED.replaceAll('recordednonce', 'othernonce1'), 'recordednonce')).toBeUndefined();
  });
  it('a host failure reads the same after redaction (no "auth: <redacted>"), and names where a timed-out probe stopped', () => {
    const auth = scrub(
      describeFailure(new TransportError('h', 'auth', 'no SSH credentials: no identityFile, no ssh-agent', 'set identityFile'), 'recordednonce'),
    );
    expect(auth).toBe('auth-failed: no SSH credentials: no identityFile, no ssh-agent — set identityFile');
    const cut = Buffer.from(RECORDED.slice(0, RECORDED.indexOf('@@KVrecordednonce file /etc/fstab@@') + 40));
    expect(describeFailure(new TransportError('h', 'command-timeout', 'the probe did not finish within 60 s', undefined, cut), 'recordednonce')).toBe(
      'command-timeout: the probe did not finish within 60 s (it hung in section "fstab" after "swaps" finished)',
    );
    expect(describeFailure(new TransportError('h', 'command-timeout', 'x', undefined, Buffer.alloc(0)), 'recordednonce')).toMatch(
      /printed nothing: the login shell never reached the probe/,
    );
  });
  it('markers with another nonce (forged by file content) are ignored', () => {
    const forged = RECORDED.replace('@@KVrecordednonce os-release@@', '@@KVrecordednonce os-release@@\n@@KVdeadbeef99 /os-release rc=0@@');
    const { sections } = splitSections(forged, 'recordednonce');
    expect(sections.get('os-release')?.text).toContain('@@KVdeadbeef99');
  });
  it('parses the recorded Debian 12 host into typed facts', () => {
    const f = recordedFacts();
    expect(f.os.ok && f.os.value).toMatchObject({ id: 'debian', family: 'debian' });
    expect(f.kernel.ok && f.kernel.value.release).toMatch(/^\d+\.\d+/);
    expect(f.cpus.ok && f.cpus.value).toBeGreaterThan(0);
    expect(f.memTotalKiB.ok && f.memTotalKiB.value).toBeGreaterThan(1000);
    expect(f.swaps.ok && f.swaps.value).toEqual([]);
    expect(f.productUuid.ok).toBe(false); // this VM has no DMI: an error with the reason, never a value
    expect(!f.productUuid.ok && f.productUuid.error).toMatch(/no DMI/);
    expect(f.containerd.ok && f.containerd.value.config?.version).toBe(2);
    expect(f.sysctls.ok && f.sysctls.value['net.bridge.bridge-nf-call-iptables']).toBe('1');
    expect(f.services.ok && f.services.value.systemd).toBe(false);
  });
});

describe('os-release, /proc, fstab', () => {
  it('identifies Rocky 8.6 as RHEL family and Ubuntu as Debian family', () => {
    expect(
      parseOsRelease(
        'NAME="Rocky Linux"\nVERSION="8.6 (Green Obsidian)"\nID="rocky"\nID_LIKE="rhel centos fedora"\nVERSION_ID="8.6"\nPRETTY_NAME="Rocky Linux 8.6 (Green Obsidian)"\n',
      ),
    ).toMatchObject({ id: 'rocky', family: 'rhel', versionId: '8.6' });
    expect(parseOsRelease('ID=ubuntu\nID_LIKE=debian\nVERSION_ID="22.04"\n').family).toBe('debian');
    expect(() => parseOsRelease('garbage')).toThrow(/ID=/);
  });
  it('reads MemTotal, swaps and listening sockets', () => {
    expect(parseMemTotalKiB('MemTotal:        3880192 kB\nMemFree: 1 kB\n')).toBe(3880192);
    expect(parseSwaps('Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n/dev/dm-1                               partition\t2097148\t\t0\t\t-2\n')).toEqual([
      { filename: '/dev/dm-1', type: 'partition', sizeKiB: 2097148 },
    ]);
    expect(() => parseSwaps('\x00\x01binary')).toThrow();
    const tcp =
      '  sl  local_address rem_address   st\n   0: 00000000:192B 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1\n   1: 0100007F:0CEA 00000000:0000 01 00000000\n';
    expect(parseProcNetTcp(tcp, 4)).toEqual([{ address: '0.0.0.0', port: 6443, family: 4 }]);
  });
  it('finds active swap lines in fstab, ignores commented ones', () => {
    const e = parseFstab(
      '# /etc/fstab\n/dev/mapper/rl-root / xfs defaults 0 0\n#/dev/mapper/rl-swap none swap defaults 0 0\n/dev/mapper/rl-swap     none                    swap    defaults        0 0\n',
    );
    expect(e.filter(isSwapEntry).map((x) => x.line)).toEqual([4]);
  });
});

describe('packages and services', () => {
  it('reads real rpm -q output (a real rpm database, fixtures/recorded/rpm/record.sh)', () => {
    const p = parsePackages(fx('recorded/rpm/rocky86-reference-rpm-q.txt'));
    expect(p.manager).toBe('rpm');
    expect(Object.keys(p.installed)).toHaveLength(12);
    expect(upstreamVersion(p.installed.kubeadm!)).toBe('1.29.2');
    expect(p.installed['containerd.io']).toBe('1.6.28-3.1.el8');
    expect(p.installed.podman).toBeUndefined();
    expect(p.installed.firewalld).toBeUndefined();
    const d = parsePackages(fx('recorded/rpm/rocky86-defects-rpm-q.txt'));
    expect(d.installed).toMatchObject({ kubelet: '1.28.9-150500.1.1', firewalld: '0.9.3-13.el8', podman: '4.0.2-6.module+el8.6.0+14877+f643d2d6' });
  });
  it('reads dpkg-query output; removed packages (rc) do not count as installed', () => {
    const p = parsePackages(fx('recorded/debian-dpkg-query.txt'));
    expect(p.manager).toBe('dpkg');
    expect(upstreamVersion(p.installed.ipvsadm!)).toBe('1.31');
    expect(p.installed.firewalld).toBeUndefined();
  });
  it('reads systemctl show per unit; not-found means not installed', () => {
    const s = parseServices(fx('recorded/rpm/rocky86-reference-systemctl-show.txt'));
    expect(s.systemd).toBe(true);
    expect(s.units.containerd).toMatchObject({ active: 'active', enabled: 'enabled', method: 'systemctl' });
    expect(s.units.kubelet).toMatchObject({ active: 'activating', enabled: 'enabled' });
    expect(s.units.firewalld).toMatchObject({ active: 'inactive', enabled: 'not-found' });
  });
  it('without systemd, judges by the process list and *.wants links', () => {
    const s = parseServices('pid1=sh\nsystemd=no\n@processes\ncontainerd\nsshd\n@wants\n/etc/systemd/system/multi-user.target.wants/kubelet.service\n');
    expect(s.units.containerd).toMatchObject({ active: 'active', enabled: 'unknown', method: 'process-list' });
    expect(s.units.kubelet).toMatchObject({ active: 'inactive', enabled: 'enabled' });
  });
});

describe('modules, sysctl files, net', () => {
  it('counts loaded, built-in and /sys/module modules, and persisted ones with their file and line', () => {
    const m = parseModules('@proc\nbr_netfilter 32768 0 - Live 0x0\n@sys\nnf_conntrack\n@builtin\nip_vs\n', [
      { path: '/etc/modules-load.d/k8s.conf', content: '# k8s\nbr_netfilter\nxt_conntrack\n' },
    ]);
    expect(isLoaded(m, 'br_netfilter').yes).toBe(true);
    expect(isLoaded(m, 'nf_conntrack').how).toMatch(/sys\/module/);
    expect(isLoaded(m, 'ip_vs').how).toMatch(/built into/);
    expect(isLoaded(m, 'xt_conntrack').yes).toBe(false);
    expect(m.persisted).toEqual([
      { module: 'br_netfilter', file: '/etc/modules-load.d/k8s.conf', line: 2 },
      { module: 'xt_conntrack', file: '/etc/modules-load.d/k8s.conf', line: 3 },
    ]);
  });
  it('applies sysctl.d precedence: /etc shadows /usr/lib of the same name, sysctl.conf last', () => {
    const s = persistedSysctls([
      { path: '/usr/lib/sysctl.d/50-k8s.conf', content: 'net.ipv4.ip_forward = 0\n' },
      { path: '/etc/sysctl.d/50-k8s.conf', content: 'net.ipv4.ip_forward = 1\n' },
      { path: '/etc/sysctl.d/99-kubernetes-cri.conf', content: 'net.bridge.bridge-nf-call-iptalbes = 1\n' },
      { path: '/etc/sysctl.conf', content: 'vm.swappiness=0\n' },
    ]);
    expect(s.map((x) => `${x.file}:${x.key}=${x.value}`)).toEqual([
      '/etc/sysctl.d/50-k8s.conf:net.ipv4.ip_forward=1',
      '/etc/sysctl.d/99-kubernetes-cri.conf:net.bridge.bridge-nf-call-iptalbes=1',
      '/etc/sysctl.conf:vm.swappiness=0',
    ]);
  });
  it('picks physical NICs for identity, else non-CNI Ethernet interfaces', () => {
    const phys = parseNet(
      'eth0\t52:54:00:aa:bb:cc\t1\tphys\t\t/sys/devices/pci/net/eth0\ncali123\tee:ee:ee:ee:ee:ee\t1\tvirt\t\t/x\nlo\t00:00:00:00:00:00\t772\tvirt\t\t/x\n',
    );
    expect(identityInterfaces(phys).map((i) => i.name)).toEqual(['eth0']);
    const ns = parseNet('eth0\t02:00:00:00:00:01\t1\tvirt\t\t/sys/devices/virtual/net/eth0\ncni0\t02:00:00:00:00:02\t1\tvirt\tbridge\t/x\n');
    expect(identityInterfaces(ns).map((i) => i.mac)).toEqual(['02:00:00:00:00:01']);
  });
});

describe('containerd config.toml', () => {
  it("reads Debian's real `containerd config default` (1.6, version 2)", () => {
    const c = parseContainerdConfig(fx('recorded/containerd-1.6-default.toml'));
    expect(c.version).toBe(2);
    expect(c.sandboxImage?.value).toBe('registry.k8s.io/pause:3.6');
    expect(c.systemdCgroup.find((r) => r.runtime === 'runc')?.value).toBe(false);
    expect(c.unknownRegistryKeys).toEqual([]);
  });
  it('reads the reference design (version 2): mirrors, configs, SystemdCgroup', () => {
    const c = parseContainerdConfig(fx('containerd/reference-v2.toml'));
    expect(c.sandboxImage?.value).toBe('harbor:443/k8s/pause:3.9');
    expect(c.systemdCgroup.find((r) => r.runtime === 'runc')?.value).toBe(true);
    expect(c.mirrors).toEqual({ 'docker.io': ['https://192.168.88.3:443'], 'harbor:443': ['https://192.168.88.3:443'] });
    expect(Object.keys(c.configs)).toEqual(['192.168.88.3:443']);
  });
  it('reads containerd 2.x (version 3): pinned sandbox image, cri.v1.runtime, config_path', () => {
    const d = parseContainerdConfig(fx('recorded/containerd-2.0-default.toml'));
    expect(d.version).toBe(3);
    expect(d.sandboxImage?.value).toBe('registry.k8s.io/pause:3.10');
    expect(d.systemdCgroup).toEqual([expect.objectContaining({ runtime: 'runc', value: undefined })]);
    const r = parseContainerdConfig(fx('containerd/reference-v3.toml'));
    expect(r.systemdCgroup[0]?.value).toBe(true);
    expect(r.configPath).toBe('/etc/containerd/certs.d');
  });
  it('reports a misspelled registry table (registry.confgs) as an unknown key', () => {
    expect(parseContainerdConfig(fx('containerd/registry-typo-v2.toml')).unknownRegistryKeys).toEqual(['confgs']);
  });
  it("a broken file is an error with the parser's message, and never echoes the file", () => {
    expect(() => parseContainerdConfig(fx('containerd/broken.toml'))).toThrow(/not valid TOML/);
  });
  it('registers plaintext credentials as secrets so that scrub() removes them everywhere', () => {
    const c = parseContainerdConfig(fx('containerd/doc-verbatim-v2.toml'));
    expect(c.configs['192.168.88.3:443']?.auth).toMatchObject({ username: 'admin', hasPassword: true });
    expect(JSON.stringify(c)).not.toContain('Harbor-S3cret-PLANTED');
    expect(scrub('x Harbor-S3cret-PLANTED y')).toBe('x <redacted> y');
  });
  it('reads certs.d hosts.toml', () => {
    const h = parseHostsToml('/etc/containerd/certs.d/harbor:443/hosts.toml', fx('containerd/hosts-harbor.toml'));
    expect(h).toMatchObject({ registry: 'harbor:443', server: 'https://harbor:443', hosts: [{ url: 'https://192.168.88.3:443' }] });
  });
});
