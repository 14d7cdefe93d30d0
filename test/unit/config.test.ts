// Inventory, profile, kubeadm config and ssh_config loading: validation errors name file, line and key.
// Stand-ins: none (files written to a temporary directory).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadInventory, selectHosts } from '../../lib/config/inventory.ts';
import { buildProfile } from '../../lib/config/profile.ts';
import { lookupSshConfig } from '../../lib/transport/ssh-config.ts';

const dir = mkdtempSync(join(tmpdir(), 'kv-cfg-'));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe('inventory', () => {
  it('reads defaults, per-host overrides, roles and the profile path', () => {
    const inv = loadInventory(
      file(
        'a.yaml',
        'defaults: { user: ops, sudo: true, connectTimeoutSeconds: 5, sshConfigFile: /nonexistent }\nprofile: ./p.yaml\nhosts:\n  - { name: master, address: 192.0.2.4, roles: [control-plane] }\n  - { name: node-0001, address: 192.0.2.5, user: root, port: 2222 }\n',
      ),
    );
    expect(inv.hosts[0]).toMatchObject({ name: 'master', user: 'ops', sudo: true, connectTimeoutSeconds: 5, roles: ['control-plane'] });
    expect(inv.hosts[1]).toMatchObject({ user: 'root', port: 2222, roles: ['worker'] });
    expect(inv.profileFile).toBe(join(dir, 'p.yaml'));
    expect(selectHosts(inv, ['master']).map((h) => h.name)).toEqual(['master']);
    expect(() => selectHosts(inv, ['nope'])).toThrow(/--host nope: not in the inventory \(known: master, node-0001\)/);
  });
  it.each([
    ['hosts:\n  - { name: a, address: 1.2.3.4, port: 99999 }\n', /:2: hosts.0.port: expected an integer from 1 to 65535/],
    ['hosts:\n  - { name: a, address: 1.2.3.4, roles: [boss] }\n', /:2: hosts.0.roles.0: expected one of control-plane, worker, registry/],
    ['hosts:\n  - { name: a, address: 1.2.3.4, jumpHost: b }\n', /jump host b is not a host of this inventory/],
    ['hosts: []\n', /the inventory lists no hosts/],
    ['hosts:\n  - { name: a, address: "$(touch /tmp/pwned)" }\n', /hosts.0.address: invalid value/],
    ['hosts:\n  - { name: "a;b", address: 1.2.3.4 }\n', /hosts.0.name: invalid value/],
    ['hosts:\n  - { name: a, address: 1.2.3.4, user: "x y" }\n', /hosts.0.user: invalid value/],
    ['hosts:\n  - name: a\n    address: [1\n', /invalid YAML/],
    ['hostz: []\n', /hostz: unknown key/],
  ])('rejects %j with a line-precise message', (text, re) => {
    expect(() => loadInventory(file(`bad-${Math.random()}.yaml`, text))).toThrow(re);
  });
  it('honours ssh_config for User, Port, IdentityFile, HostName and ProxyJump', () => {
    const cfg = file(
      'ssh_config',
      'Host bastion\n  HostName 192.0.2.1\n  User jump\nHost node-*\n  User ops\n  Port 2200\n  IdentityFile ~/.ssh/lab_key\n  ProxyJump jump@bastion:22\nHost *\n  User fallback\n',
    );
    expect(lookupSshConfig(require_('fs').readFileSync(cfg, 'utf8'), 'node-7')).toMatchObject({ user: 'ops', port: 2200, proxyJump: 'jump@bastion:22' });
    const inv = loadInventory(
      file(
        'b.yaml',
        `defaults: { sshConfigFile: ${cfg} }\nhosts:\n  - { name: bastion }\n  - { name: node-1, address: 192.0.2.9 }\n  - { name: node-2, address: 192.0.2.10, user: root }\n`,
      ),
    );
    expect(inv.hosts[0]).toMatchObject({ address: '192.0.2.1', user: 'jump' });
    expect(inv.hosts[1]).toMatchObject({ user: 'ops', port: 2200, jumpHost: 'bastion' });
    expect(inv.hosts[1]!.identityFile).toMatch(/\.ssh\/lab_key$/);
    expect(inv.hosts[2]!.user).toBe('root'); // the inventory entry wins over ssh_config
  });
  it('ssh_config ProxyJump to a host outside the inventory: connected through (its own ssh_config block), never audited; a chain is refused', () => {
    const cfg = file(
      'ssh_config_out',
      'Host gw\n  HostName 192.0.2.1\n  User jump\n  Port 2201\n  IdentityFile ~/.ssh/gw_key\nHost node-*\n  ProxyJump gw\nHost hop2\n  ProxyJump gw\nHost far-*\n  ProxyJump ops@hop2\n',
    );
    const inv = loadInventory(
      file('out.yaml', `defaults: { sshConfigFile: ${cfg}, knownHostsFile: /tmp/kh }\nhosts:\n  - { name: node-1, address: 10.0.0.9 }\n`),
    );
    expect(inv.hosts.map((h) => h.name)).toEqual(['node-1']);
    expect(inv.hosts[0]).toMatchObject({
      jumpHost: 'gw',
      jumpVia: { name: 'gw', address: '192.0.2.1', user: 'jump', port: 2201, knownHostsFile: '/tmp/kh', identityFile: expect.stringMatching(/\.ssh\/gw_key$/) },
    });
    expect(() => loadInventory(file('chain.yaml', `defaults: { sshConfigFile: ${cfg} }\nhosts:\n  - { name: far-1, address: 10.0.0.8 }\n`))).toThrow(
      /jump host hop2 has a ProxyJump of its own \(gw\) in ssh_config: a chain of jump hosts is not supported/,
    );
  });
});

describe('profile and kubeadm config', () => {
  it('explicit profile keys win over init.yaml, which wins over defaults; origins are kept', () => {
    const init = file(
      'init.yaml',
      'kind: ClusterConfiguration\napiVersion: kubeadm.k8s.io/v1beta3\nkubernetesVersion: v1.29.3\nimageRepository: reg:5000/k8s\nnetworking: { podSubnet: 10.10.0.0/16 }\n---\nkind: KubeProxyConfiguration\nmode: iptables\n---\nkind: InitConfiguration\nlocalAPIEndpoint: { advertiseAddress: 192.0.2.4 }\n',
    );
    const prof = file('p.yaml', 'podSubnet: 10.20.0.0/16\n');
    const p = buildProfile({ kubeadmConfigFile: init, profileFile: prof });
    expect(p).toMatchObject({
      kubernetesVersion: '1.29.3',
      imageRepository: 'reg:5000/k8s',
      podSubnet: '10.20.0.0/16',
      proxyMode: 'iptables',
      advertiseAddress: '192.0.2.4',
    });
    expect(p.origin.podSubnet).toMatch(/^profile /);
    expect(p.origin.kubernetesVersion).toMatch(/^kubeadm config /);
    expect(p.origin.cgroupDriver).toBe('default');
  });
  it('rejects a bad profile value naming the line', () => {
    expect(() => buildProfile({ profileFile: file('bad-p.yaml', 'kubernetesVersion: 1.29.2\nproxyMode: userspace\n') })).toThrow(
      /bad-p.yaml:2: proxyMode: expected one of ipvs, iptables, nftables/,
    );
  });
});

import { createRequire } from 'node:module';
const require_ = createRequire(import.meta.url);
